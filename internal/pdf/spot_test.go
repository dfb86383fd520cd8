package pdf

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/tiff"

	"github.com/duetto-press/duetto/internal/testenv"
	"github.com/duetto-press/duetto/layout"
)

// Two spot inks of the test documents, as content gives them: the inks
// at the tint, the ink's name and the tint.
var (
	cmBlue   = layout.Color{C: 1, M: 0.45, K: 0.14, Spot: "PANTONE 2945 C", Tint: 1}
	cmBlue40 = layout.Color{C: 0.4, M: 0.18, K: 0.056, Spot: "PANTONE 2945 C", Tint: 0.4}
	gold     = layout.Color{C: 0.05, M: 0.2, Y: 0.7, K: 0.1, Spot: "Oro (metallico) #1", Tint: 1}
)

// spotDoc is sampleDoc with spot colours: a fill in a tint of one ink,
// text and a rule in its solid, a fill in a second ink whose name needs
// escaping; with crop marks.
func spotDoc(t *testing.T) *layout.Document {
	doc := sampleDoc(t)
	doc.Marks = true
	p := doc.Pages[0].Items
	p[0].(*layout.Fill).Color = cmBlue40
	p[1].(*layout.TextRun).Color = cmBlue
	p[4].(*layout.Rule).Color = cmBlue
	doc.Pages[1].Items = append(doc.Pages[1].Items, &layout.Fill{Rect: layout.Rect{X: 200, Y: 300, W: 60, H: 60}, Color: gold})
	return doc
}

func writeOpt(t *testing.T, doc *layout.Document, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func saveFile(t *testing.T, data []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "spot.pdf")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// qdf is the file as qpdf --qdf writes it: every stream uncompressed.
func qdf(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "qpdf"), "--qdf", "--object-streams=disable", name, "-").Output()
	if err != nil {
		t.Fatalf("qpdf --qdf: %v", err)
	}
	return string(out)
}

func TestSpotColoursAreSeparations(t *testing.T) {
	for _, opt := range []struct {
		name string
		o    Options
	}{
		{"plain", Options{}},
		{"PDF/X-1a", Options{PDFX: PDFX{Version: PDFX1a2003, OutputCondition: "FOGRA39", RegistryName: RegistryName}}},
		{"imposed", Options{Saddle: true}},
	} {
		t.Run(opt.name, func(t *testing.T) {
			doc := spotDoc(t)
			if opt.o.Saddle {
				doc.Pages = append(doc.Pages, layout.Page{Index: 4})
			}
			name := saveFile(t, writeOpt(t, doc, opt.o))
			if out, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", name).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			q := strings.Join(strings.Fields(qdf(t, name)), " ")
			sep := func(name, c1 string) string {
				return `\[ /Separation ` + name + ` /DeviceCMYK << /C0 \[ 0 0 0 0 \] /C1 \[ ` + c1 + ` \] /Domain \[ 0 1 \] /FunctionType 2 /N 1 /Range \[ 0 1 0 1 0 1 0 1 \] >> \]`
			}
			for _, want := range []string{
				sep("/All", "1 1 1 1"), // the marks' registration colour
				sep("/Oro#20#28metallico#29#20#(23)?1", "0.05 0.2 0.7 0.1"),
				sep("/PANTONE#202945#20C", "1 0.45 0 0.14"),
				// The inks in the order of their names, All first.
				`/ColorSpace << /Spot1 (\d+) 0 R /Spot2 (\d+) 0 R /Spot3 (\d+) 0 R >>`,
				`/Spot3 cs 0.4 scn \d`,   // the tinted fill
				`/Spot3 cs 1 scn BT`,     // the text
				`/Spot3 CS 1 SCN 0.50 w`, // the rule
				`/Spot2 cs 1 scn \d`,     // the second ink
				`/Spot1 CS 1 SCN 0.25 w`, // marks on every plate
			} {
				if !regexp.MustCompile(want).MatchString(q) {
					t.Errorf("qpdf --qdf shows no %s", want)
				}
			}
			if strings.Contains(q, "1 1 1 1 K") {
				t.Error("marks in CMYK registration colour: they would miss the spot plates")
			}
		})
	}
}

// TestSpotColoursAreReproducible: the spot inks come out in the same
// order, with the same object numbers, every time.
func TestSpotColoursAreReproducible(t *testing.T) {
	for _, opt := range []Options{{}, {Registration: true, ColorBar: true}, {Saddle: true, Registration: true, ColorBar: true}} {
		doc := spotDoc(t)
		if opt.Saddle {
			doc.Pages = append(doc.Pages, layout.Page{Index: 4})
		}
		first := writeOpt(t, doc, opt)
		for i := 0; i < 10; i++ {
			if !bytes.Equal(first, writeOpt(t, doc, opt)) {
				t.Fatalf("%+v: build %d differs from the first", opt, i+2)
			}
		}
	}
}

// TestSpotColoursPrintOnTheirPlates separates the first page with
// Ghostscript's tiffsep device, which writes one greyscale file per
// plate (255 no ink, 0 solid): the spot ink has a plate of its own, the
// 40 % fill is 40 % on it and nothing on the process plates, and the crop
// marks print on every plate, the spot one included.
func TestSpotColoursPrintOnTheirPlates(t *testing.T) {
	name := saveFile(t, writeOpt(t, spotDoc(t), Options{}))
	dir := t.TempDir()
	if out, err := exec.Command(testenv.Tool(t, "gs"), "-q", "-dSAFER", "-r72", "-dFirstPage=1", "-dLastPage=2",
		"-o", filepath.Join(dir, "p%d.tif"), "-sDEVICE=tiffsep", name).CombinedOutput(); err != nil {
		t.Fatalf("gs tiffsep: %v\n%s", err, out)
	}
	plate := func(page int, ink string) *image.Gray {
		t.Helper()
		f, err := os.Open(filepath.Join(dir, "p"+strconv.Itoa(page)+"("+ink+").tif"))
		if err != nil {
			t.Fatalf("no %s plate for page %d: %v", ink, page, err)
		}
		defer f.Close()
		im, err := tiff.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		g, ok := im.(*image.Gray)
		if !ok {
			t.Fatalf("%s plate is %T", ink, im)
		}
		return g
	}
	plate(2, "Oro (metallico) #1")
	// Media coordinates at 72 dpi: the trim starts at 8 mm + 8.5 pt.
	fill := image.Pt(281, 71) // in the 40 % fill across the top
	mark := image.Pt(31, 12)  // on the top-left vertical crop mark
	spot, cyan, black := plate(1, "PANTONE 2945 C"), plate(1, "Cyan"), plate(1, "Black")
	if v := spot.GrayAt(fill.X, fill.Y).Y; v < 150 || v > 156 {
		t.Errorf("the 40 %% fill is %d on the spot plate, want 153 (40 %% ink)", v)
	}
	for ink, p := range map[string]*image.Gray{"cyan": cyan, "black": black} {
		if v := p.GrayAt(fill.X, fill.Y).Y; v != 255 {
			t.Errorf("the spot fill prints %d on the %s plate, want nothing (255)", v, ink)
		}
	}
	for ink, p := range map[string]*image.Gray{"spot": spot, "cyan": cyan, "black": black} {
		if v := p.GrayAt(mark.X, mark.Y).Y; v > 128 {
			t.Errorf("the crop mark is %d on the %s plate, want ink", v, ink)
		}
	}
}
