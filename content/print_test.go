package content

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// iccHeader is a 132-byte ICC profile header with an empty tag table:
// enough for the header checks, not a usable profile.
func iccHeader(class, space string) []byte {
	b := make([]byte, 132)
	binary.BigEndian.PutUint32(b, uint32(len(b)))
	copy(b[12:], class)
	copy(b[16:], space)
	copy(b[36:], "acsp")
	return b
}

func TestPrintTable(t *testing.T) {
	tests := []struct {
		name  string
		print string // appended to the valid root
		files map[string][]byte
		want  Print
	}{
		{name: "defaults", want: Print{PDFX: PDFXAuto, OutputCondition: "FOGRA39", OutputInfo: "Coated FOGRA39 (ISO 12647-2:2004)", Registered: true, RGBImages: RGBImagesRefuse}},
		{name: "pdf/x-1a with creep", print: "[print]\npdfx = \"PDF/X-1a:2003\"\noutput-condition = \"FOGRA51\"\ncreep = \"0.1mm\"\n",
			want: Print{PDFX: PDFX1a2003, OutputCondition: "FOGRA51", OutputInfo: "PSO Coated v3 (ISO 12647-2:2013, paper type PS1)", Registered: true, Creep: 0.1 * 72 / 25.4, RGBImages: RGBImagesRefuse}},
		{name: "pdf/x-4 with a profile", print: "[print]\npdfx = \"PDF/X-4\"\noutput-condition = \"House press\"\noutput-info = \"Our press, coated paper\"\nicc-profile = \"press.icc\"\n",
			files: map[string][]byte{"press.icc": iccHeader("prtr", "CMYK")},
			want:  Print{PDFX: PDFX4, OutputCondition: "House press", OutputInfo: "Our press, coated paper", ICCProfile: "press.icc", RGBImages: RGBImagesRefuse}},
		{name: "none", print: "[print]\npdfx = \"none\"\n", want: Print{PDFX: PDFXNone, OutputCondition: "FOGRA39", OutputInfo: "Coated FOGRA39 (ISO 12647-2:2004)", Registered: true, RGBImages: RGBImagesRefuse}},
		{name: "RGB photos converted", print: "[print]\nrgb-images = \"convert\"\n", want: Print{PDFX: PDFXAuto, OutputCondition: "FOGRA39", OutputInfo: "Coated FOGRA39 (ISO 12647-2:2004)", Registered: true, RGBImages: RGBImagesConvert}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS(map[string]string{"duetto.toml": validRoot + "\n" + tt.print, "sections/01.toml": validSection})
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: data}
			}
			pub, err := Load(fsys, "duetto.toml")
			if err != nil {
				t.Fatal(err)
			}
			got := pub.Print
			got.Pos = Pos{}
			if got.Creep-tt.want.Creep > 1e-9 || tt.want.Creep-got.Creep > 1e-9 {
				t.Errorf("creep = %g, want %g", got.Creep, tt.want.Creep)
			}
			got.Creep = tt.want.Creep
			if got != tt.want {
				t.Errorf("print = %+v\nwant    %+v", got, tt.want)
			}
		})
	}
}

func TestPrintTableErrors(t *testing.T) {
	tests := []struct {
		name  string
		print string
		icc   []byte
		want  string
	}{
		{"unknown level", "[print]\npdfx = \"PDF/X-1a:2001\"\n", nil, "`print.pdfx` must be one of \"auto\", \"PDF/X-1a:2003\", \"PDF/X-4\", \"none\", not \"PDF/X-1a:2001\" (did you mean `PDF/X-1a:2003`?)"},
		{"x-4 without profile", "[print]\npdfx = \"PDF/X-4\"\n", nil, "PDF/X-4 needs the output profile"},
		{"unknown condition", "[print]\noutput-condition = \"MYPRESS\"\n", nil, "output condition \"MYPRESS\" is not one duetto knows"},
		{"profile missing", "[print]\nicc-profile = \"nope.icc\"\n", nil, "cannot read \"nope.icc\""},
		{"not a profile", "[print]\nicc-profile = \"p.icc\"\n", []byte("hello, world"), "not an ICC profile"},
		{"RGB display profile", "[print]\nicc-profile = \"p.icc\"\n", iccHeader("mntr", "RGB "), "not an output (prtr) profile"},
		{"RGB output profile", "[print]\nicc-profile = \"p.icc\"\n", iccHeader("prtr", "RGB "), "an output profile for \"RGB \", not CMYK"},
		{"creep too large", "[print]\ncreep = \"2mm\"\n", nil, "`print.creep` must be between 0 and 1mm"},
		{"unknown rgb-images", "[print]\nrgb-images = \"converted\"\n", nil, "`print.rgb-images` must be one of \"refuse\", \"convert\", not \"converted\" (did you mean `convert`?)"},
		{"unknown key", "[print]\npdf-x = \"none\"\n", nil, "unknown key `print.pdf-x` (did you mean `pdfx`?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS(map[string]string{"duetto.toml": validRoot + "\n" + tt.print, "sections/01.toml": validSection})
			if tt.icc != nil {
				fsys["p.icc"] = &fstest.MapFile{Data: tt.icc}
			}
			_, err := Load(fsys, "duetto.toml")
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("want an ErrorList, got %v", err)
			}
			if !strings.Contains(list.Error(), tt.want) {
				t.Errorf("errors:\n%s\nwant one containing %q", list.Error(), tt.want)
			}
		})
	}
}
