package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"

	"github.com/duetto-press/duetto/internal/testenv"
	"github.com/duetto-press/duetto/layout"
)

func testJPEG(t *testing.T, tone uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 60; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 6), tone, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sampleDoc is a two-page document with kerned and accented text, a fill,
// a rule and an image placed twice.
func sampleDoc(t *testing.T) *layout.Document {
	jpg := testJPEG(t, 120)
	// Three more images of the same pixel width: fpdf orders images by
	// width over a map, so equal widths test the writer's tie-break.
	others := []layout.Item{}
	for i := 0; i < 3; i++ {
		others = append(others, &layout.Image{Data: testJPEG(t, uint8(10+40*i)), Frame: layout.Rect{X: 200, Y: 20 + 40*float64(i), W: 60, H: 40}, Clip: layout.Rect{X: 200, Y: 20 + 40*float64(i), W: 60, H: 40}, Block: "row"})
	}
	run := func(x, y float64, text string, kern []float64) *layout.TextRun {
		return &layout.TextRun{X: x, Y: y, Font: "sans-regular", Size: 12, Color: layout.Black, Text: text, Kern: kern, Width: 50, Ascent: 10, Descent: 3}
	}
	return &layout.Document{
		Meta:  layout.Meta{Title: "Prova / Test", Author: "duetto", Lang: "it", Date: 1559347200},
		Trim:  layout.Size{W: 300, H: 400},
		Bleed: 8.5,
		Fonts: []layout.Font{{Key: "sans-regular", Name: "LiberationSans", Data: liberationsansregular.TTF}},
		Pages: []layout.Page{
			{Index: 1, Items: []layout.Item{
				&layout.Fill{Rect: layout.Rect{X: -8.5, Y: -8.5, W: 317, H: 100}, Color: layout.Color{C: 1, M: 0.7, K: 0.1}},
				run(20, 150, "Città", nil),
				run(90, 150, "AVVIO", []float64{0, -70, -70, 0, 0}),
				run(20, 180, "l’area – “Torino”", nil),
				&layout.Rule{X1: 20, Y1: 200, X2: 280, Y2: 200, Width: 0.5, Color: layout.Black},
				&layout.Image{Data: jpg, Frame: layout.Rect{X: 20, Y: 220, W: 150, H: 100}, Clip: layout.Rect{X: 20, Y: 220, W: 120, H: 100}, Block: "fig"},
			}},
			{Index: 2, Items: []layout.Item{
				&layout.Image{Data: jpg, Frame: layout.Rect{X: 20, Y: 20, W: 150, H: 100}, Clip: layout.Rect{X: 20, Y: 20, W: 150, H: 100}, Block: "fig2"},
				run(20, 150, "Seconda", nil),
			}},
			{Index: 3, Items: others},
		},
	}
}

func write(t *testing.T, doc *layout.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc, Options{}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestWriteIsDeterministic(t *testing.T) {
	first := write(t, sampleDoc(t))
	for i := 0; i < 20; i++ {
		if !bytes.Equal(first, write(t, sampleDoc(t))) {
			t.Fatalf("write %d differs from the first", i+2)
		}
	}
	if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(first) {
		t.Error("no document /ID in the trailer")
	}
	if !bytes.Contains(first, []byte("D:20190601")) {
		t.Error("creation date is not the document's date")
	}
}

func writeFile(t *testing.T, doc *layout.Document) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(name, write(t, doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestWriteIsValidWithBoxesFontsAndText(t *testing.T) {
	name := writeFile(t, sampleDoc(t))
	if out, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", name).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	box, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-box", "-f", "1", "-l", "3", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`Page\s+1 MediaBox:\s+0.00\s+0.00\s+317.00\s+417.00`,
		`Page\s+1 TrimBox:\s+8.50\s+8.50\s+308.50\s+408.50`,
		`Page\s+2 BleedBox:\s+0.00\s+0.00\s+317.00\s+417.00`,
	} {
		if !regexp.MustCompile(want).Match(box) {
			t.Errorf("pdfinfo -box lacks %s:\n%s", want, box)
		}
	}
	fonts, err := exec.Command(testenv.Tool(t, "pdffonts"), name).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`[A-Z]{6}\+LiberationSans\s+CID TrueType\s+Identity-H\s+yes yes yes`).Match(fonts) {
		t.Errorf("pdffonts: font not embedded, subset and with a ToUnicode map as CID TrueType:\n%s", fonts)
	}
	text, err := exec.Command(testenv.Tool(t, "pdftotext"), "-raw", name, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Città", "AVVIO", "l’area – “Torino”", "Seconda"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
}

func TestWriteUsesCMYKAndEmbedsAnImageOnce(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sampleDoc(t), Options{Uncompressed: true}); err != nil {
		t.Fatal(err)
	}
	pdf := buf.String()
	if !strings.Contains(pdf, "1 0.7 0 0.1 k") {
		t.Error("the fill colour is not written as DeviceCMYK")
	}
	if !strings.Contains(pdf, "0 0 0 1 k") {
		t.Error("black text is not 100 % K")
	}
	if regexp.MustCompile(`\d rg\b`).MatchString(pdf) {
		t.Error("an RGB fill operator is in the content")
	}
	if n := strings.Count(pdf, "/Subtype /Image"); n != 4 {
		t.Errorf("%d image objects, want 4 (the first JPEG is placed twice but embedded once)", n)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(d *layout.Document)
		want string
	}{
		{"unknown font", func(d *layout.Document) { d.Pages[0].Items[1].(*layout.TextRun).Font = "nope" }, `uses font "nope"`},
		{"font without data", func(d *layout.Document) { d.Fonts[0].Data = nil }, "has no data"},
		{"not an image", func(d *layout.Document) { d.Pages[1].Items[0].(*layout.Image).Data = []byte("GIF89a") }, "neither JPEG nor PNG"},
		{"corrupt JPEG", func(d *layout.Document) { d.Pages[1].Items[0].(*layout.Image).Data = []byte{0xff, 0xd8, 0xff, 0x00} }, "fig2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := sampleDoc(t)
			tt.edit(doc)
			err := Write(&bytes.Buffer{}, doc, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestCropMarksOutsideTheBleed(t *testing.T) {
	doc := sampleDoc(t)
	doc.Marks = true
	var buf bytes.Buffer
	if err := Write(&buf, doc, Options{Uncompressed: true}); err != nil {
		t.Fatal(err)
	}
	pdf := buf.String()
	if !strings.Contains(pdf, "1 1 1 1 K") || !strings.Contains(pdf, "0.25 w") {
		t.Error("crop marks are not 0.25 pt in registration colour")
	}
	name := filepath.Join(t.TempDir(), "marks.pdf")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	box, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-box", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	// Mark area 8 mm = 22.68 pt on each side, bleed 8.5 pt.
	for _, want := range []string{
		`MediaBox:\s+0.00\s+0.00\s+362.35\s+462.35`,
		`BleedBox:\s+22.68\s+22.68\s+339.68\s+439.68`,
		`TrimBox:\s+31.18\s+31.18\s+331.18\s+431.18`,
	} {
		if !regexp.MustCompile(want).Match(box) {
			t.Errorf("pdfinfo -box lacks %s:\n%s", want, box)
		}
	}
}

// TestBlackTextPrintsOnTheBlackPlateOnly renders a page of black text and
// a black rule, with crop marks, through Ghostscript's ink coverage
// device: inside the trim box there is no cyan, magenta or yellow at all.
func TestBlackTextPrintsOnTheBlackPlateOnly(t *testing.T) {
	doc := sampleDoc(t)
	doc.Marks = true
	doc.Pages = []layout.Page{{Index: 1, Items: []layout.Item{
		&layout.TextRun{X: 20, Y: 150, Font: "sans-regular", Size: 24, Color: layout.Black, Text: "Città metropolitana", Width: 200},
		&layout.Rule{X1: 20, Y1: 200, X2: 280, Y2: 200, Width: 2, Color: layout.Black},
	}}}
	name := writeFile(t, doc)
	out, err := exec.Command(testenv.Tool(t, "gs"), "-q", "-dSAFER", "-dUseTrimBox", "-o", "-", "-sDEVICE=inkcov", name).Output()
	if err != nil {
		t.Fatalf("gs inkcov: %v\n%s", err, out)
	}
	f := strings.Fields(string(out))
	if len(f) < 4 {
		t.Fatalf("gs inkcov printed %q", out)
	}
	for i, ink := range []string{"cyan", "magenta", "yellow"} {
		if v, err := strconv.ParseFloat(f[i], 64); err != nil || v != 0 {
			t.Errorf("%s coverage %s, want 0 (inkcov: %s)", ink, f[i], out)
		}
	}
	if k, err := strconv.ParseFloat(f[3], 64); err != nil || k <= 0 {
		t.Errorf("black coverage %s, want some (inkcov: %s)", f[3], out)
	}
}

func TestNumFormatsLikePrintf(t *testing.T) {
	values := []float64{0, -0.0, 1, -1, 0.5, 12.34567, -0.00001, 0.00004, 100, 1e6, -3.10000, 595.2756,
		// Exact ties at the fourth decimal (odd multiples of 1/32): strconv
		// rounds them to even.
		0.03125, 0.09375, -0.03125, 12.34375, 841.96875, 1.15625,
		// Near ties, carries into the integer part, large numbers.
		0.00005, -0.00005, 0.99995, 9.99995, -9.99995, 0.12345, 1e9, -1e9, 1e9 - 0.5, 123456789.00005, 1e300,
		math.NaN(), math.Inf(1), math.Inf(-1)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		values = append(values,
			(r.Float64()-0.5)*2000,
			float64(r.IntN(1<<20)-1<<19)/32,
			float64(r.IntN(2e7)-1e7)/1e4+float64(r.IntN(3)-1)*5e-5)
	}
	for _, v := range values {
		want := strconv.FormatFloat(v, 'f', 4, 64)
		if strings.Contains(want, ".") {
			want = strings.TrimRight(strings.TrimRight(want, "0"), ".")
		}
		if want == "-0" || want == "" {
			want = "0"
		}
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
		if got := string(appendNum([]byte("x"), v)); got != "x"+want {
			t.Errorf("appendNum(x, %v) = %q", v, got)
		}
	}
}

// num is appendNum as a string.
func num(v float64) string {
	var b [24]byte
	return string(appendNum(b[:0], v))
}
