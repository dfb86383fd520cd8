package main

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/tiff"

	"github.com/duetto-press/duetto/internal/testenv"
)

// buildSpot builds testdata/spot (one spot ink, registration targets and
// a colour bar) with its imposed and screen editions into a temporary
// folder, and returns the print edition's path.
func buildSpot(t *testing.T, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "spot.pdf")
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"build", "testdata/spot", "-o", out}, extra...), &stdout, &stderr); code != 0 || strings.Contains(stderr.String(), "warning") {
		t.Fatalf("build exited %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	return out
}

// qdfText is a PDF as qpdf --qdf writes it (streams uncompressed), its
// white space squeezed to single spaces.
func qdfText(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "qpdf"), "--qdf", "--object-streams=disable", name, "-").Output()
	if err != nil {
		t.Fatalf("qpdf --qdf %s: %v", name, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestBuildSpotColours(t *testing.T) {
	out := buildSpot(t, "--impose", "--screen")
	imposed := strings.TrimSuffix(out, ".pdf") + "-imposed.pdf"
	screen := strings.TrimSuffix(out, ".pdf") + "-screen.pdf"
	for _, name := range []string{out, imposed, screen} {
		if b, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", name).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check %s: %v\n%s", filepath.Base(name), err, b)
		}
	}
	if version, condition, _ := pdfxKeys(t, out); version != "PDF/X-1a:2003" || condition != "FOGRA39" {
		t.Errorf("PDF/X %q for %q, want PDF/X-1a:2003 for FOGRA39", version, condition)
	}
	for _, name := range []string{out, imposed} {
		q := qdfText(t, name)
		for _, want := range []string{
			`\[ /Separation /PANTONE#202945#20C /DeviceCMYK << /C0 \[ 0 0 0 0 \] /C1 \[ 1 0.45 0 0.14 \]`,
			`\[ /Separation /All /DeviceCMYK << /C0 \[ 0 0 0 0 \] /C1 \[ 1 1 1 1 \]`,
			`/Spot2 cs 1 scn [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re f`,   // the cover, solid
			`/Spot2 cs 0.4 scn [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re f`, // the back, 40 %
			`/Spot2 cs 1 scn BT`,     // the headings and folios
			`/Spot1 CS 1 SCN 0.25 w`, // the marks, on every plate
		} {
			if !regexp.MustCompile(want).MatchString(q) {
				t.Errorf("%s: qpdf --qdf shows no %s", filepath.Base(name), want)
			}
		}
	}
	if q := qdfText(t, screen); strings.Contains(q, "/Separation") || regexp.MustCompile(`\bscn\b`).MatchString(q) {
		t.Error("the screen edition has a Separation colour space")
	} else if !strings.Contains(q, "0 0.298 0.5922 rg") {
		t.Error("the screen edition does not paint the spot ink in its rgb, 0/76/151")
	}
	if q := qdfText(t, screen); !strings.Contains(q, "0.6 0.7176 0.8353 rg") {
		t.Error("the screen edition does not paint the 40 % tint as the ink's rgb mixed with white, 153/183/213")
	}
	again, err := os.ReadFile(buildSpot(t))
	if err != nil {
		t.Fatal(err)
	}
	if first, err := os.ReadFile(out); err != nil || !bytes.Equal(first, again) {
		t.Errorf("a rebuild differs from the first build (%v)", err)
	}

	// Ghostscript's tiffsep writes one greyscale file per plate (255: no
	// ink). The cover is the solid spot ink, on its own plate only.
	dir := t.TempDir()
	if b, err := exec.Command(testenv.Tool(t, "gs"), "-q", "-dSAFER", "-r36", "-dFirstPage=1", "-dLastPage=1",
		"-o", filepath.Join(dir, "p%d.tif"), "-sDEVICE=tiffsep", out).CombinedOutput(); err != nil {
		t.Fatalf("gs tiffsep: %v\n%s", err, b)
	}
	// A point of the cover, in the media box at 36 dpi.
	at := image.Pt(100, 100)
	for _, p := range []struct {
		ink  string
		want uint8
	}{{"PANTONE 2945 C", 0}, {"Cyan", 255}, {"Magenta", 255}, {"Black", 255}} {
		f, err := os.Open(filepath.Join(dir, "p1("+p.ink+").tif"))
		if err != nil {
			t.Errorf("tiffsep wrote no %s plate: %v", p.ink, err)
			continue
		}
		im, err := tiff.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if v := color.GrayModel.Convert(im.At(at.X, at.Y)).(color.Gray).Y; v != p.want {
			t.Errorf("the cover is %d on the %s plate, want %d (0 solid ink, 255 none)", v, p.ink, p.want)
		}
	}
}

// TestRegistrationMarksAndColourBarStayOutOfTheBleed renders the back
// cover (a tint to the bleed) at 144 dpi: the registration targets and
// the colour bar stand in the mark area and leave a millimetre of white
// around the BleedBox, and the boxes are those of a build without them.
func TestRegistrationMarksAndColourBarStayOutOfTheBleed(t *testing.T) {
	out := buildSpot(t)
	box, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-box", "-f", "4", "-l", "4", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	// A5 with a 3 mm bleed and the 8 mm mark area, as without the marks.
	for _, want := range []string{
		`MediaBox:\s+0.00\s+0.00\s+481.89\s+657.64`,
		`BleedBox:\s+22.68\s+22.68\s+459.21\s+634.96`,
		`TrimBox:\s+31.18\s+31.18\s+450.71\s+626.46`,
	} {
		if !regexp.MustCompile(want).Match(box) {
			t.Errorf("pdfinfo -box lacks %s:\n%s", want, box)
		}
	}
	png := renderPage(t, out, 4, 144)
	px := func(x, y float64) uint8 { // points from the media box's top left
		return png.GrayAt(int(x*2), int(y*2)).Y
	}
	const (
		bleed0, bleedX, bleedY = 22.68, 459.21, 657.64 - 22.68 // the BleedBox, top-down
		mm                     = 72 / 25.4
	)
	// A ring of 0.8 mm outside the BleedBox is white all round.
	for d := 0.5; d < 0.8*mm; d += 0.5 {
		for x := bleed0 - d; x <= bleedX+d; x += 0.5 {
			if px(x, bleed0-d) < 250 || px(x, bleedY+d) < 250 {
				t.Fatalf("a mark at x %.1f pt, %.1f pt outside the bleed", x, d)
			}
		}
		for y := bleed0 - d; y <= bleedY+d; y += 0.5 {
			if px(bleed0-d, y) < 250 || px(bleedX+d, y) < 250 {
				t.Fatalf("a mark at y %.1f pt, %.1f pt outside the bleed", y, d)
			}
		}
	}
	// The targets: 3.5 mm outside the bleed, centred on each edge; their
	// crosses' arms are dark 1.5 mm from the centre.
	cx, cy := 481.89/2, 657.64/2
	d := 3.5 * mm
	for _, c := range []struct {
		name string
		x, y float64
	}{
		{"top", cx, bleed0 - d - 1.5*mm}, {"bottom", cx, bleedY + d + 1.5*mm},
		{"left", bleed0 - d - 1.5*mm, cy}, {"right", bleedX + d + 1.5*mm, cy},
	} {
		dark := false
		for dx := -1.0; dx <= 1; dx += 0.5 {
			for dy := -1.0; dy <= 1; dy += 0.5 {
				dark = dark || px(c.x+dx, c.y+dy) < 160
			}
		}
		if !dark {
			t.Errorf("no registration target on the %s edge", c.name)
		}
	}
	// The colour bar: under the trim, its first patch solid cyan.
	rgb := renderPixel(t, out, 4, 31.18+3*mm+2.5*mm, bleedY+d)
	if rgb[0] > 60 || rgb[2] < 180 {
		t.Errorf("the colour bar's first patch renders %v, want cyan", rgb)
	}
}

// renderPage renders page n of a PDF in grey at dpi.
func renderPage(t *testing.T, name string, n, dpi int) *image.Gray {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "pdftoppm"), "-gray", "-png", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), name).Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	im, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(im.Bounds())
	draw.Draw(g, g.Bounds(), im, im.Bounds().Min, draw.Src)
	return g
}

// renderPixel renders the pixel at (x, y), in points from the media
// box's top left, of page n at 72 dpi.
func renderPixel(t *testing.T, name string, n int, x, y float64) [3]byte {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "pdftoppm"), "-r", "72", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n),
		"-x", strconv.Itoa(int(x)), "-y", strconv.Itoa(int(y)), "-W", "1", "-H", "1", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	px := out[len(out)-3:]
	return [3]byte{px[0], px[1], px[2]}
}
