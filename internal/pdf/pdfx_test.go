package pdf

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/internal/testenv"
)

// qpdfObjects reads a PDF's objects with qpdf --json: the trailer and the
// objects by reference ("21 0 R").
func qpdfObjects(t *testing.T, name string) (trailer map[string]any, objects map[string]map[string]any) {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "qpdf"), "--json=2", "--json-key=qpdf", name).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		QPDF []map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v\n%.400s", err, out)
	}
	objects = map[string]map[string]any{}
	for key, raw := range doc.QPDF[1] {
		var obj struct {
			Value  map[string]any `json:"value"`
			Stream struct {
				Dict map[string]any `json:"dict"`
			} `json:"stream"`
		}
		if err := json.Unmarshal(raw, &obj); err != nil {
			continue // not a dictionary or a stream
		}
		if obj.Value == nil {
			obj.Value = obj.Stream.Dict
		}
		if key == "trailer" {
			trailer = obj.Value
			continue
		}
		objects[strings.TrimPrefix(key, "obj:")] = obj.Value
	}
	return trailer, objects
}

// testProfile is the header of an ICC output profile for CMYK with an
// empty tag table, and some bytes after it to see through the stream.
func testProfile() []byte {
	b := make([]byte, 200)
	binary.BigEndian.PutUint32(b, uint32(len(b)))
	copy(b[12:], "prtrCMYKLab ")
	copy(b[36:], "acsp")
	copy(b[140:], "duetto test profile")
	return b
}

func TestWritePDFX(t *testing.T) {
	fogra := PDFX{Version: PDFX1a2003, OutputCondition: "FOGRA39", OutputInfo: "Coated FOGRA39 (ISO 12647-2:2004)", RegistryName: RegistryName}
	x4 := fogra
	x4.Version, x4.Profile = PDFX4, testProfile()
	withProfile := fogra
	withProfile.Profile = testProfile()
	tests := []struct {
		name        string
		pdfx        PDFX
		version     string
		conformance bool
		profile     bool
	}{
		{"plain", PDFX{}, "1.3", false, false},
		{"PDF/X-1a:2003", fogra, "1.4", true, false},
		{"PDF/X-1a:2003 with a profile", withProfile, "1.4", true, true},
		{"PDF/X-4", x4, "1.6", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, sampleDoc(t), Options{PDFX: tt.pdfx}); err != nil {
				t.Fatal(err)
			}
			again := bytes.Buffer{}
			if err := Write(&again, sampleDoc(t), Options{PDFX: tt.pdfx}); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("a second write differs (err %v)", err)
			}
			name := filepath.Join(t.TempDir(), "x.pdf")
			if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			check, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", name).CombinedOutput()
			if err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, check)
			}
			for _, want := range []string{"PDF Version: " + tt.version + "\n", "File is not encrypted", "No syntax or stream encoding errors"} {
				if !strings.Contains(string(check), want) {
					t.Errorf("qpdf --check lacks %q:\n%s", want, check)
				}
			}
			trailer, objects := qpdfObjects(t, name)
			id, _ := trailer["/ID"].([]any)
			if len(id) != 2 || !regexp.MustCompile(`^b:[0-9a-f]{32}$`).MatchString(id[0].(string)) {
				t.Errorf("trailer /ID = %v", trailer["/ID"])
			}
			info, catalog := objects[trailer["/Info"].(string)], objects[trailer["/Root"].(string)]
			if info == nil || catalog == nil {
				t.Fatalf("no Info or catalog: trailer %v", trailer)
			}
			if info["/Title"] != "u:Prova / Test" {
				t.Errorf("Title = %v", info["/Title"])
			}
			intents, hasIntents := catalog["/OutputIntents"].([]any)
			if tt.pdfx.Version == "" {
				if hasIntents || info["/GTS_PDFXVersion"] != nil || info["/Trapped"] != nil {
					t.Errorf("a plain PDF has PDF/X keys: catalog %v, info %v", catalog, info)
				}
				return
			}
			for key, want := range map[string]any{
				"/GTS_PDFXVersion": "u:" + tt.pdfx.Version,
				"/Trapped":         "/False",
				"/CreationDate":    "u:D:20190601000000Z",
				"/ModDate":         "u:D:20190601000000Z",
			} {
				if info[key] != want {
					t.Errorf("Info %s = %v, want %v", key, info[key], want)
				}
			}
			if got, want := info["/GTS_PDFXConformance"] != nil, tt.conformance; got != want {
				t.Errorf("Info has /GTS_PDFXConformance: %v, want %v (%v)", got, want, info["/GTS_PDFXConformance"])
			}
			if len(intents) != 1 {
				t.Fatalf("/OutputIntents = %v", catalog["/OutputIntents"])
			}
			intent := intents[0].(map[string]any)
			for key, want := range map[string]any{
				"/Type":                      "/OutputIntent",
				"/S":                         "/GTS_PDFX",
				"/OutputConditionIdentifier": "u:FOGRA39",
				"/RegistryName":              "u:http://www.color.org",
				"/Info":                      "u:Coated FOGRA39 (ISO 12647-2:2004)",
			} {
				if intent[key] != want {
					t.Errorf("output intent %s = %v, want %v", key, intent[key], want)
				}
			}
			ref, hasProfile := intent["/DestOutputProfile"].(string)
			if hasProfile != tt.profile {
				t.Fatalf("DestOutputProfile = %v, want one: %v", intent["/DestOutputProfile"], tt.profile)
			}
			if hasProfile {
				if n := objects[ref]["/N"]; n != 4.0 {
					t.Errorf("profile /N = %v, want 4", n)
				}
				data, err := exec.Command(testenv.Tool(t, "qpdf"), "--show-object="+strings.Fields(ref)[0], "--filtered-stream-data", name).Output()
				if err != nil || !bytes.Equal(data, testProfile()) {
					t.Errorf("the embedded profile is not the one given (err %v, %d bytes)", err, len(data))
				}
			}
			if !bytes.Contains(buf.Bytes(), []byte("<pdfxid:GTS_PDFXVersion>"+tt.pdfx.Version+"</pdfxid:GTS_PDFXVersion>")) ||
				!bytes.Contains(buf.Bytes(), []byte("<pdf:Trapped>False</pdf:Trapped>")) {
				t.Error("the XMP metadata lacks the PDF/X version or the trapping state")
			}
			if bytes.Contains(buf.Bytes(), []byte("/EmbeddedFiles")) {
				t.Error("a PDF/X file lists embedded files")
			}
		})
	}
}

func TestWritePDFXErrors(t *testing.T) {
	tests := []struct {
		name string
		pdfx PDFX
		want string
	}{
		{"unknown version", PDFX{Version: "PDF/X-3:2002", OutputCondition: "FOGRA39"}, `unknown PDF/X version "PDF/X-3:2002"`},
		{"PDF/X-4 without a profile", PDFX{Version: PDFX4, OutputCondition: "FOGRA39"}, "PDF/X-4 needs an output profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, sampleDoc(t), Options{PDFX: tt.pdfx})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestPDFString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"FOGRA39", "(FOGRA39)"},
		{"Coated (ISO) a\\b", `(Coated \(ISO\) a\\b)`},
		{"Città", "<FEFF0043006900740074" + "00E0>"},
	}
	for _, tt := range tests {
		if got := pdfString(tt.in); got != tt.want {
			t.Errorf("pdfString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
