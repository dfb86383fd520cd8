package layout

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/gen"
	"github.com/duetto-press/duetto/layout/linebreak"
)

func loadPub(t testing.TB, name string) *content.Publication {
	t.Helper()
	var pub *content.Publication
	var err error
	switch name {
	case "brochure":
		pub, err = content.Load(examples.Turin(), content.RootName)
	case "vetreria":
		pub, err = content.LoadPath("../examples/vetreria/duetto.toml")
	default: // "gen-N": a generated publication of about N pages
		var pages int
		if _, err := fmt.Sscanf(name, "gen-%d", &pages); err != nil {
			t.Fatal(err)
		}
		fsys, err := gen.Publication(pages, 1)
		if err != nil {
			t.Fatal(err)
		}
		pub, err = content.Load(fsys, content.RootName)
	}
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func mustResources(t *testing.T, pub *content.Publication) *Resources {
	t.Helper()
	res, err := LoadResources(pub)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// uncached lays out an edition with resources that remember nothing.
func uncached(t *testing.T, pub *content.Publication, lang string) *Document {
	t.Helper()
	res := mustResources(t, pub)
	res.ForgetParagraphs()
	doc, err := LayoutEdition(pub, res, lang)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// sameDocument fails t unless got and want are the same display list,
// every number to the bit.
func sameDocument(t *testing.T, what string, got, want *Document) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	if len(got.Pages) != len(want.Pages) {
		t.Fatalf("%s: %d pages, want %d", what, len(got.Pages), len(want.Pages))
	}
	for i := range got.Pages {
		if !reflect.DeepEqual(got.Pages[i], want.Pages[i]) {
			t.Fatalf("%s: page %d differs", what, i+1)
		}
	}
	t.Fatalf("%s: the documents differ outside their pages (report, outline, fonts or meta)", what)
}

// TestRememberedLayoutEqualsFresh lays out every edition of each
// publication twice with one set of resources, the second time from what
// the first remembered, and each must equal a layout with nothing
// remembered.
func TestRememberedLayoutEqualsFresh(t *testing.T) {
	for _, name := range []string{"brochure", "vetreria", "gen-40"} {
		t.Run(name, func(t *testing.T) {
			pub := loadPub(t, name)
			res := mustResources(t, pub)
			for round := 0; round < 2; round++ {
				for _, lang := range []string{"", pub.Languages[0], pub.Languages[1]} {
					doc, err := LayoutEdition(pub, res, lang)
					if err != nil {
						t.Fatal(err)
					}
					sameDocument(t, fmt.Sprintf("round %d, edition %q", round, lang), doc, uncached(t, pub, lang))
				}
			}
			if res.paras.len() == 0 {
				t.Error("nothing was remembered")
			}
		})
	}
}

// TestForgetParagraphsRemembersNothing: resources told to forget keep no
// paragraph from a layout.
func TestForgetParagraphsRemembersNothing(t *testing.T) {
	pub := loadPub(t, "brochure")
	res := mustResources(t, pub)
	c := res.paras
	res.ForgetParagraphs()
	if _, err := LayoutEdition(pub, res, ""); err != nil {
		t.Fatal(err)
	}
	if c.len() != 0 || res.paras != nil {
		t.Errorf("%d paragraphs remembered after ForgetParagraphs", c.len())
	}
}

// TestConcurrentEditionsShareTheCache lays out the three editions at once,
// twice, with one set of resources (as `build --lang all` does, and watch
// after it); run with -race.
func TestConcurrentEditionsShareTheCache(t *testing.T) {
	pub := loadPub(t, "brochure")
	res := mustResources(t, pub)
	langs := []string{"", pub.Languages[0], pub.Languages[1]}
	want := map[string]*Document{}
	for _, lang := range langs {
		want[lang] = uncached(t, pub, lang)
	}
	for round := 0; round < 2; round++ {
		docs := make([]*Document, len(langs))
		errs := make([]error, len(langs))
		var wg sync.WaitGroup
		for i, lang := range langs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				docs[i], errs[i] = LayoutEdition(pub, res, lang)
			}()
		}
		wg.Wait()
		for i, lang := range langs {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			sameDocument(t, fmt.Sprintf("round %d, edition %q", round, lang), docs[i], want[lang])
		}
	}
}

// TestEditsInvalidate changes what paragraphs are made of — a paragraph's
// text, the size of the body style, a character style, a colour — and lays
// out again with the resources of the layout before the change (as watch
// does): each layout must equal one with nothing remembered.
func TestEditsInvalidate(t *testing.T) {
	edits := []struct {
		name, pub string
		edit      func(pub *content.Publication)
	}{
		{"text", "brochure", func(pub *content.Publication) {
			for _, s := range pub.Sections {
				for _, b := range s.Blocks {
					if b.Kind == content.KindPair {
						b.Text.It = "Una parola nuova. " + b.Text.It
						return
					}
				}
			}
		}},
		{"body size", "brochure", func(pub *content.Publication) { pub.Styles["body"].Size += 0.5 }},
		{"body hyphenation", "brochure", func(pub *content.Publication) { pub.Styles["body"].Hyphenate = !pub.Styles["body"].Hyphenate }},
		{"character style", "vetreria", func(pub *content.Publication) { // [text]{.em}, used only in spans
			em := pub.Styles["em"]
			em.Size, em.Set["size"] = 14, true
		}},
		{"colour", "brochure", func(pub *content.Publication) {
			for n, c := range pub.Colors {
				c.K = 1 - c.K
				pub.Colors[n] = c
			}
		}},
	}
	for _, ed := range edits {
		t.Run(ed.name, func(t *testing.T) {
			pub := loadPub(t, ed.pub)
			res := mustResources(t, pub)
			before, err := LayoutEdition(pub, res, "")
			if err != nil {
				t.Fatal(err)
			}
			ed.edit(pub)
			after, err := LayoutEdition(pub, res, "")
			if err != nil {
				t.Fatal(err)
			}
			want := uncached(t, pub, "")
			if reflect.DeepEqual(want, before) {
				t.Fatal("the edit changes nothing: the test tests nothing")
			}
			sameDocument(t, "after the edit", after, want)
		})
	}
}

// TestCacheDropsWhatRecentLayoutsDidNotUse: after keepLayouts layouts of
// an edited publication, the paragraphs only the first used are gone.
func TestCacheDropsWhatRecentLayoutsDidNotUse(t *testing.T) {
	pub := loadPub(t, "brochure")
	res := mustResources(t, pub)
	if _, err := Layout(pub, res); err != nil {
		t.Fatal(err)
	}
	n := res.paras.len()
	pub.Styles["body"].Size += 0.5 // every body paragraph is new
	for range keepLayouts {
		if _, err := Layout(pub, res); err != nil {
			t.Fatal(err)
		}
	}
	if got := res.paras.len(); got > n {
		t.Errorf("%d paragraphs remembered after the old ones went unused for %d layouts; one layout remembers %d", got, keepLayouts, n)
	}
	if got := res.paras.len(); got == 0 {
		t.Error("nothing remembered")
	}
}

// breakerFixture is a body paragraph of the brochure built with a cache,
// and an engine to break it.
func breakerFixture(t *testing.T) (*engine, func() *paragraph) {
	t.Helper()
	pub := loadPub(t, "brochure")
	res := mustResources(t, pub)
	e := &engine{pub: pub, res: res, b: newBuilder(pub, res)}
	e.b.remembering(res.paras, res.paras.begin())
	var text content.Pair
	for _, s := range pub.Sections {
		for _, b := range s.Blocks {
			if b.Kind == content.KindPair && len(b.Text.It) > len(text.It) {
				text = b.Text
			}
		}
	}
	st := pub.Styles["body"]
	return e, func() *paragraph { return e.b.build(text.It, st, "it", st.Indent, nil, text.ItPos, nil) }
}

// countingWidths is a column 240 pt wide but narrower from line from on
// (only on that line, if only), by less, recording the highest line asked
// for.
type countingWidths struct {
	from   int
	less   float64
	only   bool
	maxAsk int
}

func (c *countingWidths) width(i int) float64 {
	c.maxAsk = max(c.maxAsk, i)
	if i == c.from || i > c.from && !c.only {
		return 240 - c.less
	}
	return 240
}

// TestCachedBreakEqualsFresh breaks one paragraph for widths that differ
// from line 0, 3 or 6 on, and with every looseness pair balancing asks:
// a remembered break, found again, equals a fresh one; one whose widths
// differ at any line the breaker asked for is not taken; and a lookup
// never asks for a line beyond those a fresh break asks for.
func TestCachedBreakEqualsFresh(t *testing.T) {
	e, para := breakerFixture(t)
	fresh := func(w linebreak.Widths, looseness int) ([]linebreak.Line, bool) {
		p := para()
		p.entry = nil
		return e.breakWith(p, w, looseness, looseness != 0)
	}
	for _, from := range []int{0, 3, 6, 1000} {
		for _, less := range []float64{0, 12, 30} {
			for _, only := range []bool{false, true} {
				for _, looseness := range []int{0, 1, -1} {
					name := fmt.Sprintf("from %d less %g only %v looseness %d", from, less, only, looseness)
					fw := &countingWidths{from: from, less: less, only: only}
					wantLines, wantOK := fresh(fw.width, looseness)
					for round := 0; round < 2; round++ {
						cw := &countingWidths{from: from, less: less, only: only}
						lines, ok := e.breakWith(para(), cw.width, looseness, looseness != 0)
						if !reflect.DeepEqual(lines, wantLines) || ok != wantOK {
							t.Fatalf("%s, round %d: %d lines (ok %v), want %d (ok %v)", name, round, len(lines), ok, len(wantLines), wantOK)
						}
						if cw.maxAsk > fw.maxAsk {
							t.Errorf("%s, round %d: asked for line %d, a fresh break asks up to %d", name, round, cw.maxAsk, fw.maxAsk)
						}
					}
				}
			}
		}
	}
	// The trials of pair balancing.
	for _, loose := range [][]int{{1, 2}, {-1, -2}} {
		w := (&countingWidths{from: 2, less: 20}).width
		p := para()
		p.entry = nil
		want, wantOK := e.breakLooseEach(p, w, loose)
		for round := 0; round < 2; round++ {
			got, ok := e.breakLooseEach(para(), w, loose)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ok, wantOK) {
				t.Fatalf("looseness %v, round %d: differs from a fresh break", loose, round)
			}
		}
	}
}

// TestForbiddenBreakIsRememberedApart: forbidding a break on one copy of a
// remembered paragraph changes neither the remembered paragraph nor its
// remembered breaks, and the forbidden break's result equals a fresh one.
func TestForbiddenBreakIsRememberedApart(t *testing.T) {
	e, para := breakerFixture(t)
	w := func(int) float64 { return 240 }
	plain, _ := e.breakWith(para(), w, 0, false)
	var at int = -1
	for _, ln := range plain[:len(plain)-1] {
		if ln.End < len(para().nodes) && para().nodes[ln.End].Kind == linebreak.KindPenalty {
			at = ln.End
			break
		}
	}
	if at < 0 {
		at = plain[0].End
	}
	p := para()
	undo := p.forbid(at)
	got, _ := e.breakWith(p, w, 0, false)
	q := para()
	q.entry = nil
	q.forbid(at)
	want, _ := e.breakWith(q, w, 0, false)
	if !reflect.DeepEqual(got, want) {
		t.Error("the break with a forbidden break differs from a fresh one")
	}
	if reflect.DeepEqual(got, plain) {
		t.Error("forbidding a break the lines end at changed nothing")
	}
	if para().nodes[at].Penalty == linebreak.Infinity {
		t.Error("forbid changed the remembered paragraph")
	}
	if again, _ := e.breakWith(para(), w, 0, false); !reflect.DeepEqual(again, plain) {
		t.Error("the remembered break changed")
	}
	undo()
	if again, _ := e.breakWith(p, w, 0, false); !reflect.DeepEqual(again, plain) {
		t.Error("after undo the break differs from the plain one")
	}
}

// TestFullCacheBuildsAfresh: once the paragraphs remembered reach
// maxNodes, new ones are built and broken afresh, not remembered, and the
// layout is the same as with nothing remembered.
func TestFullCacheBuildsAfresh(t *testing.T) {
	pub := loadPub(t, "brochure")
	res := mustResources(t, pub)
	res.paras.nodes = maxNodes - 2000 // room for a few paragraphs only
	doc, err := LayoutEdition(pub, res, "")
	if err != nil {
		t.Fatal(err)
	}
	sameDocument(t, "with a full cache", doc, uncached(t, pub, ""))
	if n := res.paras.nodes; n > maxNodes {
		t.Errorf("%d nodes remembered, more than %d", n, maxNodes)
	}
	if got, all := res.paras.len(), mustResources(t, pub); got == 0 {
		t.Error("nothing remembered: the room left was not used")
	} else if _, err := LayoutEdition(pub, all, ""); err != nil {
		t.Fatal(err)
	} else if got >= all.paras.len() {
		t.Errorf("%d paragraphs remembered in a full cache, as many as in an empty one (%d)", got, all.paras.len())
	}
}
