package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"

	"github.com/duetto-press/duetto/fonts"
	"github.com/duetto-press/duetto/layout"
)

// embeddedPrograms returns the TrueType programs embedded in pdf (the
// FontFile2 streams, the only streams with a /Length1).
func embeddedPrograms(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	re := regexp.MustCompile(`<< /Length (\d+) /Length1 (\d+) /Filter /FlateDecode >>\nstream\n`)
	var out [][]byte
	for _, m := range re.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		ttf, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := strconv.Atoi(string(pdf[m[4]:m[5]])); len(ttf) != want {
			t.Fatalf("a font program of %d bytes, /Length1 %d", len(ttf), want)
		}
		out = append(out, ttf)
	}
	return out
}

// The embedded font program has a glyph, with the font's advance, for
// each rune of the document's text and none for other runes; bookmark
// titles need none.
func TestEmbeddedFontHoldsTheDocumentsGlyphs(t *testing.T) {
	doc := sampleDoc(t)
	doc.Outline = []layout.Bookmark{{Title: "Quiz #5 §9", Page: 1, Y: 10}}
	programs := embeddedPrograms(t, write(t, doc))
	if len(programs) != 1 {
		t.Fatalf("%d font programs, want 1", len(programs))
	}
	full, err := fonts.Parse("sans.ttf", liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := fonts.Parse("embedded.ttf", programs[0])
	if err != nil {
		t.Fatalf("the embedded font: %v", err)
	}
	var text strings.Builder
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if tr, ok := it.(*layout.TextRun); ok {
				text.WriteString(tr.Text)
			}
		}
	}
	for _, r := range text.String() {
		if !sub.HasGlyph(r) || sub.Advance(r) != full.Advance(r) {
			t.Errorf("%q: glyph %v, advance %v; want the font's %v", r, sub.HasGlyph(r), sub.Advance(r), full.Advance(r))
		}
	}
	for _, r := range "Qz§9#5" {
		if sub.HasGlyph(r) {
			t.Errorf("%q is not in the text but has a glyph", r)
		}
	}
	if len(programs[0]) > len(liberationsansregular.TTF)/10 {
		t.Errorf("the embedded program is %d bytes, the whole font %d", len(programs[0]), len(liberationsansregular.TTF))
	}
}

// The /W widths are the advances layout set the text with (Face.Advance),
// so that a viewer puts every glyph of a TJ where layout did.
func TestWidthsAreLayoutsAdvances(t *testing.T) {
	face, err := fonts.Parse("LiberationSans-Regular.ttf", liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("Città metropolitana “Torino” – l’area, 12 € AVVIO")
	slices.Sort(runes)
	runes = slices.Compact(runes)
	e, err := NewCache().embed(liberationsansregular.TTF, face.Name(), runes)
	if err != nil {
		t.Fatal(err)
	}
	// "[g [w w …] g [w …] …]": consecutive glyphs from g.
	widths := map[uint16]float64{}
	re := regexp.MustCompile(`(\d+) \[([^\]]*)\]`)
	for _, m := range re.FindAllStringSubmatch(e.widths, -1) {
		g, _ := strconv.Atoi(m[1])
		for k, f := range strings.Fields(m[2]) {
			w, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("/W %s: %v", e.widths, err)
			}
			widths[uint16(g+k)] = w
		}
	}
	for _, r := range runes {
		g, ok := e.glyph[r]
		if !ok {
			t.Fatalf("%q has no glyph", r)
		}
		if w, ok := widths[g]; !ok || w != face.Advance(r) {
			t.Errorf("%q: /W width %v (listed %v), layout's advance %v", r, w, ok, face.Advance(r))
		}
	}
}

// Documents given the union of their runes (Options.FontRunes, made with
// a RuneUnion, or the RuneUnion itself, Options.Union) share one subset,
// which holds every glyph each draws; a document showing a rune the runes
// given lack is subset to its own, so that no glyph is ever missing. The
// two options give the same bytes.
func TestEditionsShareFontSubsets(t *testing.T) {
	page := func(text string) *layout.Document {
		doc := sampleDoc(t)
		doc.Pages = doc.Pages[:1]
		doc.Pages[0].Items = []layout.Item{&layout.TextRun{X: 50, Y: 100, Font: "sans-regular", Size: 12, Color: layout.Black, Text: text}}
		return doc
	}
	it, en := page("Città metropolitana"), page("Metropolitan City")
	u := NewRuneUnion(3)
	u.Add(it)
	u.Add(en)
	u.Leave() // an edition that failed
	shared := u.Runes()
	if got, want := string(shared["sans-regular"]), " CMaeilmnoprtyà"; got != want {
		t.Errorf("the union is %q, want %q", got, want)
	}
	full, err := fonts.Parse("sans.ttf", liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	for _, tc := range []struct {
		name   string
		doc    *layout.Document
		shared bool // the subset is the union's
	}{
		{"it", it, true},
		{"en", en, true},
		{"a rune outside the union", page("Città di Torino"), false},
	} {
		f, err := Render(tc.doc, Options{Cache: cache, FontRunes: shared})
		if err != nil {
			t.Fatal(err)
		}
		pdf := fileBytes(t, f)
		f, err = Render(tc.doc, Options{Cache: cache, Union: u})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fileBytes(t, f), pdf) {
			t.Errorf("%s: Options.Union and FontRunes give different files", tc.name)
		}
		programs := embeddedPrograms(t, pdf)
		if len(programs) != 1 {
			t.Fatalf("%s: %d font programs, want 1", tc.name, len(programs))
		}
		sub, err := fonts.Parse("embedded.ttf", programs[0])
		if err != nil {
			t.Fatalf("%s: the embedded font: %v", tc.name, err)
		}
		text := tc.doc.Pages[0].Items[0].(*layout.TextRun).Text
		for _, r := range text {
			if !sub.HasGlyph(r) || sub.Advance(r) != full.Advance(r) {
				t.Errorf("%s: %q: glyph %v, advance %v; want the font's %v", tc.name, r, sub.HasGlyph(r), sub.Advance(r), full.Advance(r))
			}
		}
		for _, r := range shared["sans-regular"] {
			if sub.HasGlyph(r) != (tc.shared || strings.ContainsRune(text, r)) {
				t.Errorf("%s: %q has a glyph: %v", tc.name, r, sub.HasGlyph(r))
			}
		}
	}
}

// A cache keeps at most maxSubsets subsets, as a long watch session asks
// for new ones, and gives the same subset again for the same runes.
func TestCacheBoundsSubsets(t *testing.T) {
	data := liberationsansregular.TTF
	c := NewCache()
	first, err := c.embed(data, "F", []rune("ab"))
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := c.embed(data, "F", []rune("ab")); again != first {
		t.Error("the same runes gave another subset")
	}
	for i := range 3 * maxSubsets {
		if _, err := c.embed(data, "F", []rune{'a', rune('A' + i%26), rune('0' + i/26)}); err != nil {
			t.Fatal(err)
		}
		if n := len(c.fonts.subsets); n > maxSubsets {
			t.Fatalf("%d subsets kept, more than %d", n, maxSubsets)
		}
	}
}

// The cache knows a font by its slice, and a slice it has not seen by
// its bytes: a copy of a font shares the parse and the subsets of the
// slice it was copied from, while a font of the same length with one
// byte changed (a table's checksum, which the subsetter ignores) does
// not.
func TestCacheSharesEqualFonts(t *testing.T) {
	data := liberationsansregular.TTF
	changed := slices.Clone(data)
	changed[16] ^= 0xff // the first table record's checksum
	for _, tc := range []struct {
		name   string
		other  []byte
		shared bool
		bad    bool // other is not a font
	}{
		{"the same slice", data, true, false},
		{"a copy", slices.Clone(data), true, false},
		{"a copy in a longer array", append(slices.Clip(slices.Clone(data)), 0)[:len(data)], true, false},
		{"the same length, one byte changed", changed, false, false},
		{"the same bytes but the last", data[:len(data)-1], false, true},
		{"another font", liberationsansbold.TTF, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCache()
			runes := []rune("ab")
			first, err := c.embed(data, "F", runes)
			if err != nil {
				t.Fatal(err)
			}
			other, err := c.embed(tc.other, "F", runes)
			if (err != nil) != tc.bad {
				t.Fatalf("error %v; want one: %v", err, tc.bad)
			}
			if shared := other == first; shared != tc.shared {
				t.Errorf("the subsets are shared: %v, want %v", shared, tc.shared)
			}
			parses := map[*sourceEntry]bool{}
			for _, src := range c.fonts.parsed {
				parses[src] = true
			}
			if want := map[bool]int{true: 1, false: 2}[tc.shared]; len(parses) != want {
				t.Errorf("%d parses, want %d", len(parses), want)
			}
			if again, _ := c.embed(slices.Clone(tc.other), "F", runes); again != other {
				t.Error("another copy was given another subset")
			}
		})
	}
}

// Editions asking at once for one font, each with its own copy or the
// same slice, wait for the one that parses and subsets it, and are all
// given its subset.
func TestCacheSharesAtOnce(t *testing.T) {
	c := NewCache()
	data := liberationsansregular.TTF
	got := make([]*embedded, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			font := data
			if i%2 == 1 {
				font = slices.Clone(data)
			}
			e, err := c.embed(font, "F", []rune("abc"))
			if err != nil {
				t.Error(err)
			}
			got[i] = e
		})
	}
	wg.Wait()
	for i, e := range got {
		if e == nil || e != got[0] {
			t.Fatalf("asker %d was given subset %p, asker 0 %p", i, e, got[0])
		}
	}
}

// The same bytes under two names share one parse but not their subsets:
// each subset is named by the name it was asked for, whichever name asked
// first.
func TestCacheNamesEachSubsetByItsOwnName(t *testing.T) {
	data := liberationsansregular.TTF
	runes := []rune("ab")
	var first map[string]string
	for _, order := range [][2]string{{"Alpha", "Beta"}, {"Beta", "Alpha"}} {
		c := NewCache()
		got := map[string]string{}
		for _, name := range order {
			e, err := c.embed(slices.Clone(data), name, runes)
			if err != nil {
				t.Fatal(err)
			}
			got[name] = e.baseFont
		}
		for _, name := range order {
			if !strings.HasSuffix(got[name], "+"+name) {
				t.Errorf("asked %v: the subset for %s is %s", order, name, got[name])
			}
		}
		if first == nil {
			first = got
		} else if !maps.Equal(got, first) {
			t.Errorf("the subsets' names depend on the order they were asked in: %v, then %v", first, got)
		}
		parses := map[*sourceEntry]bool{}
		for _, src := range c.fonts.parsed {
			parses[src] = true
		}
		if len(parses) != 1 {
			t.Errorf("asked %v: %d parses of the same bytes, want 1", order, len(parses))
		}
	}
}
