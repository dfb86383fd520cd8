package layout_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/layout"
)

// TestBrochureRowsRunOnInBothLanguages: a pair that runs onto the next
// page runs on in both languages, so that its two tails stand level at the
// top of the page (and the next pair starts level after them).
func TestBrochureRowsRunOnInBothLanguages(t *testing.T) {
	_, doc := brochure(t)
	pages := map[string]map[string][]int{} // block → lang → pages
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			r, ok := it.(*layout.TextRun)
			if !ok || r.Role != layout.RoleBody || r.Block == "" {
				continue
			}
			if pages[r.Block] == nil {
				pages[r.Block] = map[string][]int{}
			}
			ps := pages[r.Block][r.Lang]
			if len(ps) == 0 || ps[len(ps)-1] != p.Index {
				pages[r.Block][r.Lang] = append(ps, p.Index)
			}
		}
	}
	for block, byLang := range pages {
		it, en := fmt.Sprint(byLang["it"]), fmt.Sprint(byLang["en"])
		if len(byLang) == 2 && it != en {
			t.Errorf("block %s: Italian on pages %s, English on pages %s", block, it, en)
		}
	}
}

// TestFacingColumnPhotosShareTheirCaptionBand: two photos inside the
// columns at the same height, with captions of different lengths; the
// text under them goes on level in both columns.
func TestFacingColumnPhotosShareTheirCaptionBand(t *testing.T) {
	text := strings.Repeat("Una frase dopo l’altra riempie le righe accanto alla fotografia. ", 14)
	fig := func(id, lang, caption string) string {
		return "[[section.block]]\ntype = \"figure\"\nid = \"" + id + "\"\nfile = \"p.png\"\nplacement = \"column\"\ncolumn = \"" + lang +
			"\"\nwidth = \"35%\"\nheight = \"40mm\"\nanchor = \"p1\"\ncaption = { shared = \"" + caption + "\" }\n"
	}
	fsys := fstest.MapFS{
		"duetto.toml": {Data: []byte(strings.Replace(smallRoot, "%PAGES%", "2", 1) + "[styles.caption]\nfont = \"sans\"\nsize = 7\nleading = 8\n")},
		"s.toml": {Data: []byte("[[section]]\n" + fig("a", "it", "Corta") +
			fig("b", "en", strings.Repeat("A much longer caption that takes several lines under its photo. ", 3)) +
			"[[section.block]]\nid = \"p1\"\nit = \"" + text + "\"\nen = \"" + text + "\"\n")},
		"p.png": {Data: grayPNG(t, 300, 400)},
	}
	doc := layoutFS(t, fsys)
	page := doc.Pages[0]
	var bandBottom float64 // lowest caption line on the page
	for _, it := range page.Items {
		if r, ok := it.(*layout.TextRun); ok && r.Role == layout.RoleCaption {
			bandBottom = max(bandBottom, r.Y)
		}
	}
	firstUnder := map[string]float64{}
	for _, it := range page.Items {
		if r, ok := it.(*layout.TextRun); ok && r.Role == layout.RoleBody && r.Y > bandBottom {
			if y, seen := firstUnder[r.Lang]; !seen || r.Y < y {
				firstUnder[r.Lang] = r.Y
			}
		}
	}
	if len(firstUnder) != 2 {
		t.Fatalf("text under the captions: %v, want both languages", firstUnder)
	}
	if d := abs(firstUnder["it"] - firstUnder["en"]); d > 0.01 {
		t.Errorf("text under the photos starts at %.2f (it) and %.2f (en), want level", firstUnder["it"], firstUnder["en"])
	}
}

// grayPNG is a blank grey PNG of w×h pixels.
func grayPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
