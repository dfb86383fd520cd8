package layout_test

import (
	"math"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duetto-press/duetto/fonts"
	"github.com/duetto-press/duetto/layout"
)

// TestJustifiedLinesSpreadOverSpacesAndLetters checks how the brochure's
// justified lines are set: every word of a line has the same letter
// spacing and glyph scaling, within the limits (+0.02 em, −0.01 em between
// two letters; 98–102 %), each run is as wide as its glyphs, kerning and
// spacing make it, all the spaces of a line are equally wide, and a good
// share of the lines use letter spacing at all, so that their spaces open
// less.
func TestJustifiedLinesSpreadOverSpacesAndLetters(t *testing.T) {
	_, doc := brochure(t)
	faces := map[string]*fonts.Face{}
	for _, f := range doc.Fonts {
		face, err := fonts.Parse(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		faces[f.Key] = face
	}
	type key struct {
		page int
		lang string
		y    float64
	}
	lines := map[key][]*layout.TextRun{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*layout.TextRun); ok && r.Role == layout.RoleBody {
				k := key{p.Index, r.Lang, math.Round(r.Y*100) / 100}
				lines[k] = append(lines[k], r)
			}
		}
	}
	tracked := 0
	for k, runs := range lines {
		sort.Slice(runs, func(i, j int) bool { return runs[i].X < runs[j].X })
		if l := runs[0].Text; len(runs) > 1 && utf8.RuneCountInString(l) <= 3 && (strings.HasSuffix(l, ")") || l == "-" || l == "–" || l == "•") {
			runs = runs[1:] // the label of a list item hangs before its text
		}
		var tracks, scales []float64
		for _, r := range runs {
			gaps := utf8.RuneCountInString(r.Text) - 1
			scale := r.ScaleOrOne()
			if want := faces[r.Font].Width(r.Text, r.Size)*scale + r.Tracking*float64(gaps); math.Abs(r.Width-want) > 1e-6 {
				t.Errorf("page %d %s y=%.1f: %q is %.4f pt wide, its glyphs, kerning and spacing %.4f", k.page, k.lang, k.y, r.Text, r.Width, want)
			}
			if tr := r.Tracking; tr > 0.02*r.Size+1e-9 || tr < -0.01*r.Size-1e-9 {
				t.Errorf("page %d %s y=%.1f: %q letter-spaced by %.3f pt (%.4f em), beyond +0.02/−0.01 em", k.page, k.lang, k.y, r.Text, tr, tr/r.Size)
			}
			if math.Abs(scale-1) > 0.02+1e-9 {
				t.Errorf("page %d %s y=%.1f: %q scaled to %.2f%%, beyond 98–102%%", k.page, k.lang, k.y, r.Text, scale*100)
			}
			if gaps > 0 {
				tracks = append(tracks, r.Tracking)
			}
			scales = append(scales, scale)
		}
		for _, sc := range scales {
			if math.Abs(sc-scales[0]) > 1e-9 {
				t.Errorf("page %d %s y=%.1f: words scaled unequally: %v", k.page, k.lang, k.y, scales)
				break
			}
		}
		for _, tr := range tracks {
			if math.Abs(tr-tracks[0]) > 1e-3 {
				t.Errorf("page %d %s y=%.1f: words letter-spaced unequally: %v", k.page, k.lang, k.y, tracks)
				break
			}
		}
		if len(tracks) > 0 && math.Abs(tracks[0]) > 1e-3 {
			tracked++
		}
		// The spaces of a line: the white between consecutive runs (a
		// style change inside a word leaves none).
		var spaces []float64
		for i := 1; i < len(runs); i++ {
			if s := runs[i].X - (runs[i-1].X + runs[i-1].Width); s > 0.5 {
				spaces = append(spaces, s)
			}
		}
		for _, s := range spaces {
			if math.Abs(s-spaces[0]) > 0.3 { // spaces of other sizes, after punctuation kerning: 0.3 pt
				t.Errorf("page %d %s y=%.1f: unequal spaces %v", k.page, k.lang, k.y, spaces)
				break
			}
		}
	}
	if tracked < len(lines)/3 {
		t.Errorf("%d of %d lines are letter-spaced; want at least a third", tracked, len(lines))
	}
}
