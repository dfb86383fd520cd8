package layout

import (
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
)

// brochureTexts returns the brochure's resources and its body pairs'
// texts, by language.
func brochureTexts(b *testing.B) (*content.Publication, *Resources, []content.Pair) {
	b.Helper()
	pub, err := content.Load(examples.Turin(), content.RootName)
	if err != nil {
		b.Fatal(err)
	}
	res, err := LoadResources(pub)
	if err != nil {
		b.Fatal(err)
	}
	var texts []content.Pair
	for _, s := range pub.Sections {
		for _, blk := range s.Blocks {
			if blk.Kind == content.KindPair {
				texts = append(texts, blk.Text)
			}
		}
	}
	return pub, res, texts
}

// BenchmarkParagraphs builds the node lists of every body paragraph of the
// brochure in both languages (styles, glyph widths, kerning, hyphenation).
func BenchmarkParagraphs(b *testing.B) {
	pub, res, texts := brochureTexts(b)
	st := pub.Styles["body"]
	for b.Loop() {
		bd := newBuilder(pub, res)
		for _, t := range texts {
			for _, lang := range pub.Languages {
				bd.build(t.In(lang), st, lang, st.Indent, nil, t.Pos, nil)
			}
		}
	}
}

// BenchmarkLineBreaking breaks every body paragraph of the brochure in both
// languages for a column's width: the optimum, then the looseness trials of
// pair balancing (±1, ±2 lines).
func BenchmarkLineBreaking(b *testing.B) {
	pub, res, texts := brochureTexts(b)
	st := pub.Styles["body"]
	bd := newBuilder(pub, res)
	var paras []*paragraph
	for _, t := range texts {
		for _, lang := range pub.Languages {
			paras = append(paras, bd.build(t.In(lang), st, lang, st.Indent, nil, t.Pos, nil))
		}
	}
	e := &engine{pub: pub, res: res, b: bd}
	width := func(int) float64 { return 240 }
	b.Run("optimum", func(b *testing.B) {
		for b.Loop() {
			for _, p := range paras {
				e.breakLines(p, width)
			}
		}
	})
	b.Run("trials", func(b *testing.B) { // as balance asks them
		for b.Loop() {
			for _, p := range paras {
				e.breakLooseEach(p, width, []int{1, 2})
				e.breakLooseEach(p, width, []int{-1, -2})
			}
		}
	})
}
