package layout_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/layout"
)

// brochure lays out the embedded Turin brochure once per test binary.
func brochure(t testing.TB) (*content.Publication, *layout.Document) {
	t.Helper()
	pub, err := content.Load(examples.Turin(), content.RootName)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	res, err := layout.LoadResources(pub)
	if err != nil {
		t.Fatalf("resources: %v", err)
	}
	doc, err := layout.Layout(pub, res)
	if err != nil {
		t.Fatalf("layout: %v", err)
	}
	return pub, doc
}

func TestBrochureHasSixteenPagesAndSectionsOpenWhereThePrintDoes(t *testing.T) {
	pub, doc := brochure(t)
	if len(doc.Pages) != 16 {
		t.Fatalf("pages = %d, want 16", len(doc.Pages))
	}
	want := map[string]int{}
	for _, s := range pub.Sections {
		want[s.ID] = s.Start.Page
	}
	for _, s := range pub.Sections {
		page := firstPageOf(doc, s.ID, layout.RoleHeading)
		if page != s.Start.Page {
			t.Errorf("section %s heading on page %d, want %d", s.ID, page, s.Start.Page)
		}
	}
}

func firstPageOf(doc *layout.Document, block string, role layout.Role) int {
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*layout.TextRun); ok && r.Block == block && r.Role == role {
				return p.Index
			}
		}
	}
	return 0
}

// columns returns the left and right column of page n as x ranges.
func columns(pub *content.Publication, n int) [2][2]float64 {
	pg := pub.Page
	left := pg.Outer
	if n%2 == 1 {
		left = pg.Inner
	}
	w := pg.Width - pg.Inner - pg.Outer
	cw := (w - pg.Gutter) / 2
	return [2][2]float64{{left, left + cw}, {left + cw + pg.Gutter, left + w}}
}

func TestBrochureItemsStayInTheirFrames(t *testing.T) {
	pub, doc := brochure(t)
	const eps = 0.05
	bleed := doc.Bleed
	for _, p := range doc.Pages {
		cols := columns(pub, p.Index)
		for _, it := range p.Items {
			b := it.Bounds()
			if b.X < -bleed-eps || b.Y < -bleed-eps || b.X+b.W > doc.Trim.W+bleed+eps || b.Y+b.H > doc.Trim.H+bleed+eps {
				t.Errorf("page %d: %T %+v lies outside the page and its bleed", p.Index, it, b)
			}
			r, ok := it.(*layout.TextRun)
			if !ok || r.Role == layout.RoleCover || r.Role == layout.RoleFolio {
				continue
			}
			if b.X < -eps || b.X+b.W > doc.Trim.W+eps || b.Y < pub.Page.Top-r.Size || b.Y+b.H > doc.Trim.H-pub.Page.Bottom+eps {
				t.Errorf("page %d: %q at %+v lies outside the text area", p.Index, r.Text, b)
			}
			if r.Role == layout.RoleBody || r.Role == layout.RoleHeading {
				in := false
				for _, c := range cols {
					if b.X >= c[0]-eps && b.X+b.W <= c[1]+eps {
						in = true
					}
				}
				if !in {
					t.Errorf("page %d: %q (%.2f..%.2f) runs past its column %v", p.Index, r.Text, b.X, b.X+b.W, cols)
				}
			}
		}
	}
}

func overlap(a, b layout.Rect, eps float64) bool {
	return a.X+eps < b.X+b.W && b.X+eps < a.X+a.W && a.Y+eps < b.Y+b.H && b.Y+eps < a.Y+a.H
}

func TestBrochureNothingOverlaps(t *testing.T) {
	_, doc := brochure(t)
	for _, p := range doc.Pages {
		var boxes []layout.Item
		for _, it := range p.Items {
			switch it.(type) {
			case *layout.TextRun, *layout.Image:
				boxes = append(boxes, it)
			}
		}
		for i := range boxes {
			for j := i + 1; j < len(boxes); j++ {
				a, b := boxes[i].Bounds(), boxes[j].Bounds()
				if overlap(a, b, 0.01) {
					t.Errorf("page %d: %s overlaps %s", p.Index, describe(boxes[i]), describe(boxes[j]))
				}
			}
		}
	}
}

func describe(it layout.Item) string {
	switch v := it.(type) {
	case *layout.TextRun:
		return fmt.Sprintf("text %q at (%.1f,%.1f)", v.Text, v.X, v.Y)
	case *layout.Image:
		return fmt.Sprintf("image %s at %+v", v.Path, v.Clip)
	}
	return fmt.Sprintf("%T", it)
}

func TestBrochurePairsStartLevel(t *testing.T) {
	pub, doc := brochure(t)
	type first struct {
		page int
		y    float64
	}
	firsts := map[string]map[string]first{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			r, ok := it.(*layout.TextRun)
			if !ok || r.Block == "" || (r.Role != layout.RoleBody && r.Role != layout.RoleHeading) {
				continue
			}
			if firsts[r.Block] == nil {
				firsts[r.Block] = map[string]first{}
			}
			if _, seen := firsts[r.Block][r.Lang]; !seen {
				firsts[r.Block][r.Lang] = first{p.Index, r.Y}
			}
		}
	}
	n := 0
	for _, s := range pub.Sections {
		for _, b := range s.Blocks {
			if b.Kind != content.KindPair {
				continue
			}
			f := firsts[b.ID]
			it, en := f["it"], f["en"]
			if it.page == 0 || en.page == 0 {
				t.Errorf("pair %s: missing a language (it page %d, en page %d)", b.ID, it.page, en.page)
				continue
			}
			n++
			if it.page != en.page || abs(it.y-en.y) > 0.01 {
				t.Errorf("pair %s: Italian starts on page %d at %.2f, English on page %d at %.2f", b.ID, it.page, it.y, en.page, en.y)
			}
		}
	}
	if n < 25 {
		t.Errorf("only %d pairs checked; the brochure has more", n)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// wordsOf rebuilds the words a block's runs show in one language, in
// reading order (page, baseline, x): runs that touch on a line are one
// word, and a word broken at a line end goes on in the next run.
func wordsOf(doc *layout.Document, block, lang string, roles ...layout.Role) []string {
	type placed struct {
		page int
		r    *layout.TextRun
	}
	var runs []placed
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*layout.TextRun); ok && r.Block == block && r.Lang == lang && hasRole(roles, r.Role) {
				runs = append(runs, placed{p.Index, r})
			}
		}
	}
	column := func(r *layout.TextRun) bool { return r.X > doc.Trim.W/2 }
	sort.SliceStable(runs, func(i, j int) bool {
		a, b := runs[i], runs[j]
		if a.page != b.page {
			return a.page < b.page
		}
		if column(a.r) != column(b.r) { // a single-language edition reads the left column first
			return !column(a.r)
		}
		if abs(a.r.Y-b.r.Y) > 0.01 {
			return a.r.Y < b.r.Y
		}
		return a.r.X < b.r.X
	})
	var words []string
	glue := false
	for i, pr := range runs {
		text := pr.r.Text
		if pr.r.Hyphen {
			text = strings.TrimSuffix(text, "-")
		}
		touching := i > 0 && runs[i-1].page == pr.page && abs(runs[i-1].r.Y-pr.r.Y) < 0.01 && pr.r.X-(runs[i-1].r.X+runs[i-1].r.Width) < 0.05
		if (glue || touching) && len(words) > 0 {
			words[len(words)-1] += text
		} else {
			words = append(words, text)
		}
		glue = pr.r.WordBreak
	}
	return words
}

func hasRole(roles []layout.Role, r layout.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

func TestBrochureEveryWordOnceInOrder(t *testing.T) {
	pub, doc := brochure(t)
	for _, s := range pub.Sections {
		for _, b := range s.Blocks {
			if b.Kind == content.KindFigure {
				continue
			}
			for _, lang := range pub.Languages {
				var want []string
				add := func(text string, label string) {
					if label != "" {
						want = append(want, label)
					}
					plain := content.PlainText(text)
					if pub.Styles[b.Style].Uppercase {
						plain = strings.ToUpper(plain)
					}
					want = append(want, strings.Fields(plain)...)
				}
				switch b.Kind {
				case content.KindQuote:
					add(b.Lead.In(lang), "")
					for _, it := range b.Items {
						add(it.Text.In(lang), it.Label)
					}
					if b.Source != nil {
						add(b.Source.In(lang), "")
					}
				case content.KindList:
					for _, it := range b.Items {
						add(it.Text.In(lang), b.Marker)
					}
				default:
					add(b.Text.In(lang), "")
				}
				got := wordsOf(doc, b.ID, lang, layout.RoleBody, layout.RoleHeading)
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("block %s (%s):\n got: %s\nwant: %s", b.ID, lang, strings.Join(got, " "), strings.Join(want, " "))
				}
			}
		}
	}
}

func TestBrochureNoHyphenAtTheFootOfAColumn(t *testing.T) {
	_, doc := brochure(t)
	for _, p := range doc.Pages {
		last := map[string]*layout.TextRun{} // per language: the lowest body run
		for _, it := range p.Items {
			r, ok := it.(*layout.TextRun)
			if !ok || r.Role != layout.RoleBody {
				continue
			}
			if l := last[r.Lang]; l == nil || r.Y > l.Y+0.01 || (abs(r.Y-l.Y) < 0.01 && r.X > l.X) {
				last[r.Lang] = r
			}
		}
		for lang, r := range last {
			if r.Hyphen {
				t.Errorf("page %d (%s): the column ends with a hyphen: %q", p.Index, lang, r.Text)
			}
		}
	}
}

func TestBrochureReport(t *testing.T) {
	pub, doc := brochure(t)
	rep := doc.Report
	pairs := 0
	for _, s := range pub.Sections {
		for _, b := range s.Blocks {
			if b.Kind == content.KindPair {
				pairs++
			}
		}
	}
	// Every paragraph pair, and every item row of lists and quotes, reports.
	if len(rep.Pairs) < pairs {
		t.Errorf("%d pairs reported, the brochure has %d paragraph pairs", len(rep.Pairs), pairs)
	}
	if len(rep.Lines) < 300 {
		t.Errorf("only %d justified lines reported", len(rep.Lines))
	}
	run, prev := 0, ""
	for _, l := range rep.Lines {
		if l.Overfull {
			t.Errorf("page %d block %s (%s): overfull line", l.Page, l.Block, l.Lang)
		}
		if l.Ratio < -1 {
			t.Errorf("page %d block %s: shrunk beyond its glue (%v)", l.Page, l.Block, l.Ratio)
		}
		// Spaces stretch by half their width at ratio 1: at 2 they are
		// twice as wide as the font's, where a reader sees a hole. This
		// version's worst line is at 1.42.
		if !l.Last && l.Ratio > 2 {
			t.Errorf("page %d block %s (%s): spaces set at ratio %.2f, more than twice their width", l.Page, l.Block, l.Lang, l.Ratio)
		}
		key := l.Block + l.Lang
		switch {
		case l.Hyphen && key == prev:
			run++
		case l.Hyphen:
			run = 1
		default:
			run = 0
		}
		prev = key
		if run > 2 {
			t.Errorf("page %d block %s (%s): %d hyphenated lines in a row", l.Page, l.Block, l.Lang, run)
		}
	}
}

func TestBrochureOutlineHasEverySection(t *testing.T) {
	pub, doc := brochure(t)
	if len(doc.Outline) != len(pub.Sections) {
		t.Fatalf("%d bookmarks, want %d", len(doc.Outline), len(pub.Sections))
	}
	for i, s := range pub.Sections {
		bm := doc.Outline[i]
		if bm.Page != s.Start.Page || !strings.Contains(bm.Title, s.Heading.It) || !strings.Contains(bm.Title, s.Heading.En) {
			t.Errorf("bookmark %d = %+v, want page %d and both headings", i, bm, s.Start.Page)
		}
	}
}
