package layout_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/layout"
)

// TestCenteredFigureNarrowsBothColumns places a photo on the gutter: the
// lines of both languages beside it are narrower than the column, none
// touches the photo, and the pair still starts level.
func TestCenteredFigureNarrowsBothColumns(t *testing.T) {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 600, 800))); err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Una frase dopo l’altra riempie le righe accanto alla fotografia. ", 12)
	fsys := fstest.MapFS{
		"duetto.toml": {Data: []byte(strings.Replace(smallRoot, "%PAGES%", "2", 1) + "[styles.caption]\nfont = \"sans\"\nsize = 7\n")},
		"s.toml": {Data: []byte("[[section]]\n[[section.block]]\ntype = \"figure\"\nid = \"photo\"\nfile = \"p.png\"\nplacement = \"center\"\nwidth = \"40%\"\nheight = \"50mm\"\nanchor = \"p1\"\ncaption = { it = \"Foto\", en = \"Photo\" }\n" +
			"[[section.block]]\nid = \"p1\"\nit = \"" + text + "\"\nen = \"" + text + "\"\n")},
		"p.png": {Data: img.Bytes()},
	}
	doc := layoutFS(t, fsys)
	page := doc.Pages[0]
	var photo layout.Rect
	for _, it := range page.Items {
		if im, ok := it.(*layout.Image); ok {
			photo = im.Clip
		}
	}
	if photo.W == 0 {
		t.Fatal("no photo on page 1")
	}
	if mid := photo.X + photo.W/2; abs(mid-doc.Trim.W/2) > 20 {
		t.Errorf("photo centre at %.1f, page centre at %.1f (inner margin shifts it a little at most)", mid, doc.Trim.W/2)
	}
	beside := map[string]int{}
	var firstY = map[string]float64{}
	for _, it := range page.Items {
		r, ok := it.(*layout.TextRun)
		if !ok || r.Role != layout.RoleBody {
			continue
		}
		if _, seen := firstY[r.Lang]; !seen {
			firstY[r.Lang] = r.Y
		}
		b := r.Bounds()
		if overlap(b, photo, 0.01) {
			t.Errorf("%q overlaps the photo", r.Text)
		}
		if b.Y+b.H > photo.Y && b.Y < photo.Y+photo.H {
			beside[r.Lang]++
		}
	}
	if beside["it"] == 0 || beside["en"] == 0 {
		t.Errorf("runs beside the photo: %v; both languages should wrap around it", beside)
	}
	if abs(firstY["it"]-firstY["en"]) > 0.01 {
		t.Errorf("first baselines %v: the pair should start level", firstY)
	}
	// The caption stands in a band of its own: no running text beside it.
	var captions []layout.Rect
	for _, it := range page.Items {
		if r, ok := it.(*layout.TextRun); ok && r.Role == layout.RoleCaption {
			captions = append(captions, r.Bounds())
		}
	}
	if len(captions) == 0 {
		t.Fatal("no caption under the photo")
	}
	for _, it := range page.Items {
		r, ok := it.(*layout.TextRun)
		if !ok || r.Role != layout.RoleBody {
			continue
		}
		b := r.Bounds()
		for _, c := range captions {
			if b.Y < c.Y+c.H && c.Y < b.Y+b.H {
				t.Errorf("%q (%s) stands beside the caption", r.Text, r.Lang)
				break
			}
		}
	}
}
