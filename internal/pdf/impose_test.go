package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"

	"github.com/duetto-press/duetto/internal/testenv"
	"github.com/duetto-press/duetto/layout"
)

func TestSaddleSides(t *testing.T) {
	pairs := func(sides []side) [][2]int {
		var out [][2]int
		for _, s := range sides {
			out = append(out, [2]int{s.left, s.right})
		}
		return out
	}
	tests := []struct {
		n    int
		want [][2]int
	}{
		{4, [][2]int{{4, 1}, {2, 3}}},
		{8, [][2]int{{8, 1}, {2, 7}, {6, 3}, {4, 5}}},
		{16, [][2]int{{16, 1}, {2, 15}, {14, 3}, {4, 13}, {12, 5}, {6, 11}, {10, 7}, {8, 9}}},
	}
	for _, tt := range tests {
		sides, err := saddleSides(tt.n, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if got := pairs(sides); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%d pages: %v, want %v", tt.n, got, tt.want)
		}
		for _, s := range sides {
			if s.shift != float64(s.sheet)*0.5 {
				t.Errorf("%d pages, sheet %d: shift %g", tt.n, s.sheet, s.shift)
			}
		}
	}
	for _, n := range []int{0, 2, 6, 10} {
		if _, err := saddleSides(n, 0); err == nil {
			t.Errorf("%d pages: no error", n)
		}
	}
}

// booklet is an n-page document: every page says "PAGE-n" at the same
// place; the last page has a cyan area over its whole bleed.
func booklet(n int) *layout.Document {
	doc := &layout.Document{
		Meta:  layout.Meta{Title: "Booklet", Date: 1559347200},
		Trim:  layout.Size{W: 200, H: 300},
		Bleed: 9,
		Marks: true,
		Fonts: []layout.Font{{Key: "sans", Name: "LiberationSans", Data: liberationsansregular.TTF}},
	}
	for i := 1; i <= n; i++ {
		var items []layout.Item
		if i == n {
			items = append(items, &layout.Fill{Rect: layout.Rect{X: -9, Y: -9, W: 218, H: 318}, Color: layout.Color{C: 1}})
		}
		items = append(items, &layout.TextRun{X: 50, Y: 150, Font: "sans", Size: 12, Color: layout.Black, Text: fmt.Sprintf("PAGE-%d", i), Width: 60, Ascent: 9, Descent: 3})
		doc.Pages = append(doc.Pages, layout.Page{Index: i, Items: items})
	}
	return doc
}

func writeImposed(t *testing.T, doc *layout.Document, creep float64) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc, Options{Saddle: true, Creep: creep, Uncompressed: true}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "imposed.pdf")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name, buf.Bytes()
}

func TestImposedSpreads(t *testing.T) {
	const creep = 2.0
	name, data := writeImposed(t, booklet(8), creep)
	if out, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", name).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	t.Run("boxes", func(t *testing.T) {
		box, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-box", "-f", "1", "-l", "4", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		// Marks 22.68 pt and bleed 9 pt around two pages of 200 × 300.
		for _, want := range []string{
			`Pages:\s+4\n`,
			`Page\s+1 MediaBox:\s+0.00\s+0.00\s+463.35\s+363.35`,
			`Page\s+1 BleedBox:\s+22.68\s+22.68\s+440.68\s+340.68`,
			`Page\s+4 TrimBox:\s+31.68\s+31.68\s+431.68\s+331.68`,
		} {
			if !regexp.MustCompile(want).Match(box) {
				t.Errorf("pdfinfo -box lacks %s:\n%s", want, box)
			}
		}
	})
	t.Run("page order", func(t *testing.T) {
		for i, want := range []string{"PAGE-8 PAGE-1", "PAGE-2 PAGE-7", "PAGE-6 PAGE-3", "PAGE-4 PAGE-5"} {
			n := strconv.Itoa(i + 1)
			out, err := exec.Command(testenv.Tool(t, "pdftotext"), "-layout", "-f", n, "-l", n, name, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(strings.Fields(string(out)), " "); got != want {
				t.Errorf("spread %s reads %q, want %q", n, got, want)
			}
		}
	})
	t.Run("creep", func(t *testing.T) {
		out, err := exec.Command(testenv.Tool(t, "pdftotext"), "-bbox", name, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		x := map[string]float64{}
		for _, m := range regexp.MustCompile(`<word xMin="([0-9.]+)"[^>]*>(PAGE-\d)</word>`).FindAllSubmatch(out, -1) {
			x[string(m[2])], _ = strconv.ParseFloat(string(m[1]), 64)
		}
		// The trim box starts at 31.68; text at 50 on its page; the right
		// page starts 200 further; the inner sheet (pages 3–6) moves 2 pt
		// toward the spine.
		for page, want := range map[string]float64{
			"PAGE-8": 81.68, "PAGE-1": 281.68, "PAGE-2": 81.68, "PAGE-7": 281.68,
			"PAGE-6": 81.68 + creep, "PAGE-3": 281.68 - creep, "PAGE-4": 81.68 + creep, "PAGE-5": 281.68 - creep,
		} {
			if got, ok := x[page]; !ok || got < want-0.05 || got > want+0.05 {
				t.Errorf("%s starts at x = %.2f, want %.2f", page, got, want)
			}
		}
	})
	t.Run("clipped at the spine", func(t *testing.T) {
		// Page 8's cyan runs 9 pt past its trim; on the spread its bleed
		// at the spine is cut off, so page 1 beside it stays white.
		for _, tt := range []struct {
			x    int
			cyan bool
		}{{20, false}, {28, true}, {100, true}, {229, true}, {234, false}, {300, false}} {
			if got := isCyan(t, name, tt.x, 100); got != tt.cyan {
				t.Errorf("spread 1 at x = %d pt: cyan %v, want %v", tt.x, got, tt.cyan)
			}
		}
	})
	t.Run("marks", func(t *testing.T) {
		if n := bytes.Count(data, []byte("[3.00 2.00] 0.00 d")); n != 4 {
			t.Errorf("%d dashed fold marks, want one pair on each of the 4 spreads", n)
		}
	})
}

// isCyan renders one point of the first page of a PDF at 72 dpi and says
// whether it is cyan.
func isCyan(t *testing.T, name string, x, y int) bool {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "pdftoppm"), "-r", "72", "-f", "1", "-l", "1",
		"-x", strconv.Itoa(x), "-y", strconv.Itoa(y), "-W", "1", "-H", "1", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	px := out[len(out)-3:] // P6 header, then one RGB pixel
	return px[0] < 100 && px[1] > 100 && px[2] > 200
}

func TestImposeNeedsFourNPages(t *testing.T) {
	err := Write(&bytes.Buffer{}, booklet(6), Options{Saddle: true})
	if err == nil || !strings.Contains(err.Error(), "multiple of 4 pages, not 6") {
		t.Errorf("error = %v", err)
	}
}
