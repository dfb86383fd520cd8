package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/content"
)

// sequentialAndAhead lays out an edition of pub sequentially and with
// four workers laying sections out ahead (more than the cores, so that
// they interleave), each with resources of its own, and fails t unless
// both give the same document, or the same error. It returns how many
// sections were taken from the workers and whether the layout failed.
func sequentialAndAhead(t *testing.T, pub *content.Publication, lang string) (adopted int, failed bool) {
	t.Helper()
	want, _, wantErr := layoutEdition(pub, mustResources(t, pub), lang, 1)
	got, adopted, err := layoutEdition(pub, mustResources(t, pub), lang, 4)
	if wantErr != nil || err != nil {
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("edition %q: error %v, sequentially %v", lang, err, wantErr)
		}
		return adopted, true
	}
	sameDocument(t, fmt.Sprintf("edition %q", lang), got, want)
	return adopted, false
}

// TestSectionsAheadEqualSequential: laying sections out ahead, in parallel,
// gives the pages the sequential layout gives, for the examples and a
// generated publication in every edition, and for variants that stop the
// engine from taking some of them: margins that differ between left and
// right pages, sections opening on right-hand pages, a figure pinned to a
// page, figures that end a section on the top of the next page, and an
// error in a late section.
func TestSectionsAheadEqualSequential(t *testing.T) {
	variants := []struct {
		name, pub string
		edit      func(pub *content.Publication)
		taken     bool // some sections must be taken from the workers
		fails     bool // the layout fails
	}{
		{"brochure", "brochure", nil, true, false},
		{"vetreria", "vetreria", nil, false, false}, // margins by parity: taken only when the parity matches
		{"generated", "gen-40", nil, true, false},
		{"margins by parity", "gen-40", func(pub *content.Publication) { pub.Page.Inner += 14 }, true, false},
		{"right-hand openings", "gen-40", func(pub *content.Publication) {
			for i, s := range pub.Sections {
				if i%2 == 1 {
					s.Start = content.Start{Kind: content.StartRightPage}
				}
			}
		}, true, false},
		{"pinned figure", "gen-40", func(pub *content.Publication) {
			for _, s := range pub.Sections[2:] {
				for _, b := range s.Blocks {
					if b.Figure != nil && b.Figure.Placement == content.PlaceSpan {
						b.Figure.Placement, b.Figure.Page = content.PlacePinned, 30
						return
					}
				}
			}
			t.Fatal("no figure to pin")
		}, true, false},
		{"figures deferred past a section's end", "gen-40", func(pub *content.Publication) {
			var fig *content.Block
			for _, s := range pub.Sections {
				for _, b := range s.Blocks {
					if b.Figure != nil && b.Figure.Placement == content.PlaceSpan {
						fig = b
					}
				}
			}
			if fig == nil {
				t.Fatal("no figure to copy")
			}
			area := pub.Page.Height - pub.Page.Top - pub.Page.Bottom
			for i, s := range pub.Sections[:len(pub.Sections)-1] {
				f := *fig.Figure
				f.Anchor, f.Height = "", area*0.6
				s.Blocks = append(s.Blocks, &content.Block{Kind: content.KindFigure, ID: fmt.Sprintf("tall-%d", i), Figure: &f, Pos: fig.Pos})
			}
		}, true, false},
		{"error late", "gen-40", func(pub *content.Publication) {
			s := pub.Sections[len(pub.Sections)-2]
			for _, b := range s.Blocks {
				if b.Kind == content.KindPair {
					b.Text.It = strings.Repeat("7", 300) // no hyphenation point
					b.Text.En = b.Text.It
					return
				}
			}
		}, false, true},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			pub := loadPub(t, v.pub)
			if v.edit != nil {
				v.edit(pub)
			}
			taken := 0
			for _, lang := range []string{"", pub.Languages[0], pub.Languages[1]} {
				n, failed := sequentialAndAhead(t, pub, lang)
				if failed != v.fails {
					t.Errorf("edition %q: failed %v, want %v", lang, failed, v.fails)
				}
				taken += n
			}
			if v.taken && taken == 0 {
				t.Error("no section was taken from the workers: the test compares two sequential layouts")
			}
		})
	}
}
