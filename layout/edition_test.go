package layout_test

import (
	"strings"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/layout"
)

func edition(t *testing.T, lang string) (*content.Publication, *layout.Document) {
	t.Helper()
	pub, err := content.Load(examples.Turin(), content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	res, err := layout.LoadResources(pub)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.LayoutEdition(pub, res, lang)
	if err != nil {
		t.Fatalf("%s edition: %v", lang, err)
	}
	return pub, doc
}

// TestLanguageEditions checks the Italian-only and English-only editions:
// one language only, every word of it once and in order, the text set in
// both columns, a booklet's page count, nothing overlapping.
func TestLanguageEditions(t *testing.T) {
	for _, lang := range []string{"it", "en"} {
		t.Run(lang, func(t *testing.T) {
			pub, doc := edition(t, lang)
			if doc.Meta.Lang != lang || !strings.Contains(doc.Meta.Title, pub.Meta.Title.In(lang)) {
				t.Errorf("meta = %+v", doc.Meta)
			}
			if n := len(doc.Pages); n%4 != 0 || n >= 16 {
				t.Errorf("%d pages: want a multiple of 4, fewer than the bilingual 16", n)
			}
			columns := map[bool]int{}
			for _, p := range doc.Pages {
				var boxes []layout.Item
				for _, it := range p.Items {
					r, ok := it.(*layout.TextRun)
					if ok && r.Lang != lang && r.Role != layout.RoleCover && r.Role != layout.RoleFolio && r.Role != layout.RoleCaption && r.Role != layout.RoleCredit {
						t.Errorf("page %d: %q is %s text in the %s edition", p.Index, r.Text, r.Lang, lang)
					}
					if ok && r.Role == layout.RoleBody {
						columns[r.X > doc.Trim.W/2]++
					}
					switch it.(type) {
					case *layout.TextRun, *layout.Image:
						boxes = append(boxes, it)
					}
				}
				for i := range boxes {
					for j := i + 1; j < len(boxes); j++ {
						if overlap(boxes[i].Bounds(), boxes[j].Bounds(), 0.01) {
							t.Errorf("page %d: %s overlaps %s", p.Index, describe(boxes[i]), describe(boxes[j]))
						}
					}
				}
			}
			if columns[false] < 100 || columns[true] < 100 {
				t.Errorf("body runs per column: left %d, right %d; the text should fill both", columns[false], columns[true])
			}
			for _, s := range pub.Sections {
				for _, b := range s.Blocks {
					if b.Kind != content.KindPair {
						continue
					}
					want := strings.Fields(content.PlainText(b.Text.In(lang)))
					got := wordsOf(doc, b.ID, lang, layout.RoleBody)
					if strings.Join(got, " ") != strings.Join(want, " ") {
						t.Errorf("block %s:\n got: %s\nwant: %s", b.ID, strings.Join(got, " "), strings.Join(want, " "))
					}
				}
			}
		})
	}
	if _, err := layout.LayoutEdition(mustLoad(t), mustResources(t), "fr"); err == nil {
		t.Error("a French edition of an Italian/English publication: want an error")
	}
}

func mustLoad(t *testing.T) *content.Publication {
	pub, err := content.Load(examples.Turin(), content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func mustResources(t *testing.T) *layout.Resources {
	res, err := layout.LoadResources(mustLoad(t))
	if err != nil {
		t.Fatal(err)
	}
	return res
}
