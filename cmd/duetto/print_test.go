package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/internal/testenv"
)

// A 4-page booklet with one photo, %PHOTO%, and %PRINT% at the end of its
// root file; it has no date.
const printRoot = `duetto = 1
include = ["s.toml"]
[publication]
title = { it = "Prova", en = "Test" }
pages = 4
binding = "saddle"
[page]
size = ["148mm", "210mm"]
[fonts.sans]
regular = "builtin:LiberationSans-Regular"
[styles.body]
font = "sans"
size = 10
leading = 13
align = "justify"
[styles.caption]
font = "sans"
size = 8
[styles.folio]
font = "sans"
%PRINT%
`

const printSection = `[[section]]
[[section.block]]
it = "Testo"
en = "Text"
[[section.block]]
type = "figure"
id = "fig"
file = "photo.png"
height = "40mm"
`

// writePrintPub writes the booklet with a grey or an RGB photo.
func writePrintPub(t *testing.T, print string, rgb bool) string {
	t.Helper()
	dir := t.TempDir()
	var img image.Image = image.NewGray(image.Rect(0, 0, 2000, 1500))
	if rgb {
		img = image.NewRGBA(image.Rect(0, 0, 2000, 1500))
	}
	var photo bytes.Buffer
	if err := png.Encode(&photo, img); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"duetto.toml": []byte(strings.Replace(printRoot, "%PRINT%", print, 1)),
		"s.toml":      []byte(printSection),
		"photo.png":   photo.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// pdfxKeys reads, with qpdf --json, the PDF/X version in a PDF's
// document information and the output condition of its output intent
// ("" for none; "(not registered)" follows a condition without the ICC
// registry's name), and its /CreationDate.
func pdfxKeys(t *testing.T, name string) (version, condition, created string) {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "qpdf"), "--json=2", "--json-key=qpdf", name).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	var objs map[string]json.RawMessage
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	dict := func(key string) map[string]any {
		var obj struct {
			Value map[string]any `json:"value"`
		}
		if err := json.Unmarshal(objs[key], &obj); err != nil || obj.Value == nil {
			t.Fatalf("qpdf --json: %s is not a dictionary (%v)", key, err)
		}
		return obj.Value
	}
	trailer := dict("trailer")
	info := dict("obj:" + trailer["/Info"].(string))
	catalog := dict("obj:" + trailer["/Root"].(string))
	version, _ = info["/GTS_PDFXVersion"].(string)
	created, _ = info["/CreationDate"].(string)
	if intents, ok := catalog["/OutputIntents"].([]any); ok && len(intents) == 1 {
		intent := intents[0].(map[string]any)
		condition, _ = intent["/OutputConditionIdentifier"].(string)
		if intent["/RegistryName"] != "u:http://www.color.org" {
			condition += " (not registered)"
		}
	}
	return strings.TrimPrefix(version, "u:"), strings.TrimPrefix(condition, "u:"), strings.TrimPrefix(created, "u:")
}

func TestBuildPDFX(t *testing.T) {
	tests := []struct {
		name      string
		print     string
		rgb       bool
		code      int
		version   string
		condition string
		output    string
	}{
		{"auto with a grey photo", "", false, 0, "PDF/X-1a:2003", "FOGRA39", ""},
		{"auto with an RGB photo", "", true, 0, "", "", `warning: written as plain PDF, not PDF/X-1a:2003: 1 photo is not in CMYK or grey`},
		{"PDF/X-1a asked for, RGB photo", "[print]\npdfx = \"PDF/X-1a:2003\"\n", true, exitInput, "", "", "photo.png is in rgb colour: PDF/X-1a:2003 allows CMYK and grey only"},
		{"auto with an RGB photo converted", "[print]\nrgb-images = \"convert\"\n", true, 0, "PDF/X-1a:2003", "FOGRA39", ""},
		{"PDF/X-1a asked for, RGB photo converted", "[print]\npdfx = \"PDF/X-1a:2003\"\nrgb-images = \"convert\"\n", true, 0, "PDF/X-1a:2003", "FOGRA39", ""},
		{"PDF/X-1a asked for, RGB photo refused", "[print]\npdfx = \"PDF/X-1a:2003\"\nrgb-images = \"refuse\"\n", true, exitInput, "", "", "photo.png is in rgb colour"},
		{"another condition", "[print]\npdfx = \"PDF/X-1a:2003\"\noutput-condition = \"FOGRA51\"\n", false, 0, "PDF/X-1a:2003", "FOGRA51", ""},
		{"none", "[print]\npdfx = \"none\"\n", false, 0, "", "", ""},
		{"a condition of one's own", "[print]\noutput-condition = \"Our press\"\noutput-info = \"Coated paper, our press\"\n", false, 0, "PDF/X-1a:2003", "Our press (not registered)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePrintPub(t, tt.print, tt.rgb)
			out := filepath.Join(dir, "out.pdf")
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", dir, "-o", out}, &stdout, &stderr)
			if code != tt.code || !strings.Contains(stdout.String()+stderr.String(), tt.output) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout.String(), stderr.String(), tt.code, tt.output)
			}
			stdout.Reset()
			if checkCode := run([]string{"check", dir, "--json"}, &stdout, &stderr); (checkCode == 0) != (code == 0) ||
				strings.Contains(stdout.String(), `"check": "pdfx"`) != (tt.output != "") {
				t.Errorf("check --json: exit %d, %s", checkCode, stdout.String())
			}
			if code != 0 {
				return
			}
			if b, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", out).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, b)
			}
			version, condition, _ := pdfxKeys(t, out)
			if version != tt.version || condition != tt.condition {
				t.Errorf("GTS_PDFXVersion %q, output condition %q; want %q, %q", version, condition, tt.version, tt.condition)
			}
		})
	}
}

// The default brochure, whose placeholder photos are CMYK JPEGs, is a
// PDF/X-1a:2003 file with pdfx = "auto": no warning, the conformance keys
// and the FOGRA39 output intent, every image in CMYK.
func TestTheBrochureIsPDFX1a(t *testing.T) {
	out := filepath.Join(t.TempDir(), "turin.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exited %d: %s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "(pdfx)") {
		t.Errorf("build warned: %s", stderr.String())
	}
	if b, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
	if version, condition, _ := pdfxKeys(t, out); version != "PDF/X-1a:2003" || condition != "FOGRA39" {
		t.Errorf("GTS_PDFXVersion %q, output condition %q; want PDF/X-1a:2003, FOGRA39", version, condition)
	}
	list, err := exec.Command(testenv.Tool(t, "pdfimages"), "-list", out).Output()
	if err != nil {
		t.Fatalf("pdfimages -list: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(list)), "\n")
	if len(lines) != 2+16 {
		t.Fatalf("pdfimages lists %d images, want the brochure's 16:\n%s", len(lines)-2, list)
	}
	for _, l := range lines[2:] {
		// page num type width height color comp bpc enc …
		if f := strings.Fields(l); len(f) < 9 || f[5] != "cmyk" || f[6] != "4" || f[8] != "jpeg" {
			t.Errorf("not a CMYK JPEG: %s", l)
		}
	}
}

// With rgb-images = "convert" an RGB photo is embedded as a CMYK JPEG of
// its separation: red as magenta and yellow, white as no ink.
func TestBuildConvertsRGBPhotos(t *testing.T) {
	dir := writePrintPub(t, "[print]\nrgb-images = \"convert\"\n", true)
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 255, 0, 0, 255
	}
	var photo bytes.Buffer
	if err := png.Encode(&photo, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "photo.png"), photo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", dir, "-o", out}, &stdout, &stderr); code != 0 || strings.Contains(stderr.String()+stdout.String(), "warning") {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	list, err := exec.Command(testenv.Tool(t, "pdfimages"), "-list", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\s+\d+\s+0\s+image\s+1600\s+1200\s+cmyk\s+4\s+8\s+jpeg\s`).Match(list) {
		t.Errorf("pdfimages -list:\n%s", list)
	}
	extract := filepath.Join(dir, "img")
	if b, err := exec.Command(testenv.Tool(t, "pdfimages"), "-j", out, extract).CombinedOutput(); err != nil {
		t.Fatalf("pdfimages -j: %v\n%s", err, b)
	}
	data, err := os.ReadFile(extract + "-000.jpg")
	if err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if c := m.(*image.CMYK).CMYKAt(800, 600); c.C > 2 || c.M < 253 || c.Y < 253 || c.K > 2 {
		t.Errorf("red is %v in the PDF, want 0/100/100/0", c)
	}
}

func TestBuildDateFromSourceDateEpoch(t *testing.T) {
	for _, tt := range []struct{ epoch, want string }{
		{"", "D:19700101000000"},
		{"1559347200", "D:20190601000000"},
	} {
		t.Run(tt.epoch, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", tt.epoch)
			dir := writePrintPub(t, "", false)
			out := filepath.Join(dir, "out.pdf")
			if code := run([]string{"build", dir, "-o", out}, &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
				t.Fatalf("build exited %d", code)
			}
			if _, _, created := pdfxKeys(t, out); !strings.HasPrefix(created, tt.want) {
				t.Errorf("CreationDate %q, want %s…", created, tt.want)
			}
		})
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	var stderr bytes.Buffer
	if code := run([]string{"build", writePrintPub(t, "", false), "-o", filepath.Join(t.TempDir(), "o.pdf")}, &bytes.Buffer{}, &stderr); code == 0 || !strings.Contains(stderr.String(), `SOURCE_DATE_EPOCH="yesterday"`) {
		t.Errorf("a bad SOURCE_DATE_EPOCH: exit %d, %q", code, stderr.String())
	}
}

func TestBuildImposeTheBrochure(t *testing.T) {
	out := filepath.Join(t.TempDir(), "turin.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--impose", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build --impose exited %d: %s", code, stderr.String())
	}
	imposed := filepath.Join(filepath.Dir(out), "turin-imposed.pdf")
	if !strings.Contains(stdout.String(), imposed+": 4 sheets, front and back") {
		t.Errorf("build printed %q", stdout.String())
	}
	if b, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", imposed).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
	box, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-box", "-f", "1", "-l", "8", imposed).Output()
	if err != nil {
		t.Fatal(err)
	}
	// A4 pages side by side: 2 × 595.28 wide, with 3 mm of bleed and
	// 8 mm for the marks on every side.
	for _, want := range []string{
		`Pages:\s+8\n`,
		`Page\s+1 MediaBox:\s+0.00\s+0.00\s+1252.91\s+904.25`,
		`Page\s+8 TrimBox:\s+31.18\s+31.18\s+1221.73\s+873.07`,
		`Page\s+8 BleedBox:\s+22.68\s+22.68\s+1230.24\s+881.57`,
	} {
		if !regexp.MustCompile(want).Match(box) {
			t.Errorf("pdfinfo -box lacks %s:\n%s", want, box)
		}
	}
	// The folios at the foot of each spread, left page first (pages 1, 2
	// and 16 have none).
	text, err := exec.Command(testenv.Tool(t, "pdftotext"), "-layout", imposed, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	spreads := strings.Split(string(text), "\f") // pdftotext ends each page with a form feed
	for i, want := range []string{"", "15", "14 3", "4 13", "12 5", "6 11", "10 7", "8 9"} {
		if want == "" || i >= len(spreads) {
			continue
		}
		lines := strings.Split(strings.TrimSpace(spreads[i]), "\n")
		if got := strings.Join(strings.Fields(lines[len(lines)-1]), " "); got != want {
			t.Errorf("spread %d: folios %q, want %q", i+1, got, want)
		}
	}
	if len(spreads) < 8 {
		t.Errorf("pdftotext read %d spreads", len(spreads))
	}
}

func TestImposeErrors(t *testing.T) {
	tests := []struct {
		name, print string
		edits       []string // pairs: old, new text of the root file
		want        string
	}{
		{"not 4n pages", "", []string{"pages = 4\nbinding = \"saddle\"", "pages = 6"}, "needs 4n pages; this edition has 6"},
		{"creep beyond the bleed", "[print]\ncreep = \"0.5mm\"\n", []string{"pages = 4", "pages = 12", "size = [", "bleed = \"0.5mm\"\nsize = ["},
			"0.50 mm per sheet moves the pages of the innermost of 3 sheets 1.00 mm, more than the 0.50 mm bleed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePrintPub(t, tt.print, false)
			root := filepath.Join(dir, "duetto.toml")
			b, err := os.ReadFile(root)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i+1 < len(tt.edits); i += 2 {
				b = bytes.Replace(b, []byte(tt.edits[i]), []byte(tt.edits[i+1]), 1)
			}
			if err := os.WriteFile(root, b, 0o644); err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			code := run([]string{"build", dir, "--impose", "-o", filepath.Join(dir, "o.pdf")}, &bytes.Buffer{}, &stderr)
			if code == 0 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, %q; want an error containing %q", code, stderr.String(), tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "o.pdf")); err == nil {
				t.Error("a PDF was written")
			}
		})
	}
}
