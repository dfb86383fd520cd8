package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/duetto-press/duetto/internal/testenv"
)

// brochureText is text of the kind a brochure sets: accented capitals and
// small letters (composite glyphs in the Liberation fonts), typographic
// quotes, dashes, the euro, a no-break space and a soft hyphen.
const brochureText = "Città metropolitana di Torino — «Perché no?» L’Università, 12–14 € " +
	"ÀÈÉÌÒÙ àèéìòù ç ß æ œ ÆŒ ñ ü ö ä “quoted” ‘single’ … • © ® ™ ½ \u00a0\u00adfin"

// fontRunes returns every rune the face has a glyph for.
func fontRunes(f *Face) []rune {
	var out []rune
	for r := rune(0); r <= 0xffff; r++ {
		if f.HasGlyph(r) {
			out = append(out, r)
		}
	}
	return out
}

// outline returns the segments of r's glyph in f, at 1000 units per em.
func outline(t *testing.T, f *sfnt.Font, r rune) (sfnt.Segments, fixed.Int26_6) {
	t.Helper()
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	if err != nil || g == 0 {
		t.Fatalf("no glyph for %q: %v", r, err)
	}
	segs, err := f.LoadGlyph(&buf, g, fixed.I(1000), nil)
	if err != nil {
		t.Fatalf("%q: %v", r, err)
	}
	adv, err := f.GlyphAdvance(&buf, g, fixed.I(1000), font.HintingNone)
	if err != nil {
		t.Fatalf("%q: %v", r, err)
	}
	return slices.Clone(segs), adv
}

var subsetCases = []struct {
	name  string
	font  string
	runes func(*Face) []rune
}{
	{"nothing", "LiberationSans-Regular", func(*Face) []rune { return nil }},
	{"ASCII", "LiberationSans-Regular", func(*Face) []rune { return []rune("The quick brown fox jumps over the lazy dog 0123456789 !?") }},
	{"brochure text", "LiberationSans-Regular", func(*Face) []rune { return []rune(brochureText) }},
	{"brochure text bold", "LiberationSans-Bold", func(*Face) []rune { return []rune(brochureText) }},
	{"brochure text italic", "LiberationSans-Italic", func(*Face) []rune { return []rune(brochureText) }},
	{"brochure text serif bold italic", "LiberationSerif-BoldItalic", func(*Face) []rune { return []rune(brochureText) }},
	{"runes the font lacks", "LiberationSans-Regular", func(*Face) []rune { return []rune("a東\U0001F600b\x00\uffff") }},
	{"out of range runes", "LiberationSans-Regular", func(*Face) []rune { return []rune{-1, 0x110000, 'x', 0x7fffffff} }},
	{"every glyph", "LiberationSans-Regular", fontRunes},
}

// Every kept rune maps to a glyph with the original's outline bytes
// (component numbers mapped back) and metrics, and no other rune maps to
// one.
func TestSubsetKeepsTheGlyphsOfItsRunes(t *testing.T) {
	for _, tt := range subsetCases {
		t.Run(tt.name, func(t *testing.T) {
			ttf, _ := builtinTTF(tt.font)
			face := mustBuiltin(t, tt.font)
			runes := tt.runes(face)
			orig, err := NewSubsetter(ttf)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := orig.Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			again, err := NewSubsetter(sub)
			if err != nil {
				t.Fatalf("NewSubsetter refuses the subset: %v", err)
			}
			// The subset's glyph numbers to the original's, from the runes
			// and then from the composites' components.
			oldOf := map[int]int{0: 0}
			kept := 0
			for _, r := range runes {
				g, og := int(again.glyph(r)), int(orig.glyph(r))
				if og == 0 {
					if g != 0 {
						t.Errorf("%q: the font has no glyph, the subset has glyph %d", r, g)
					}
					continue
				}
				if g == 0 {
					t.Errorf("%q: no glyph in the subset", r)
					continue
				}
				kept++
				if o, ok := oldOf[g]; ok && o != og {
					t.Errorf("%q: subset glyph %d stands for glyphs %d and %d", r, g, o, og)
				}
				oldOf[g] = og
			}
			// Components, level by level.
			for changed := true; changed; {
				changed = false
				for g, og := range oldOf {
					data, want := again.glyphData(g), orig.glyphData(og)
					if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
						continue
					}
					var subC, origC []int
					components(data, func(at int) error { subC = append(subC, int(binary.BigEndian.Uint16(data[at:]))); return nil })
					components(want, func(at int) error { origC = append(origC, int(binary.BigEndian.Uint16(want[at:]))); return nil })
					if len(subC) != len(origC) {
						t.Fatalf("glyph %d has %d components, the original %d has %d", g, len(subC), og, len(origC))
					}
					for i, c := range subC {
						if o, ok := oldOf[c]; !ok {
							oldOf[c] = origC[i]
							changed = true
						} else if o != origC[i] {
							t.Errorf("subset glyph %d stands for glyphs %d and %d", c, o, origC[i])
						}
					}
				}
			}
			if len(oldOf) != again.numGlyphs {
				t.Errorf("the subset has %d glyphs, %d of them needed", again.numGlyphs, len(oldOf))
			}
			for g, og := range oldOf {
				data, want := slices.Clone(again.glyphData(g)), orig.glyphData(og)
				if len(data) > 0 && int16(binary.BigEndian.Uint16(data)) < 0 {
					components(data, func(at int) error { // back to the original numbers
						binary.BigEndian.PutUint16(data[at:], uint16(oldOf[int(binary.BigEndian.Uint16(data[at:]))]))
						return nil
					})
				}
				if !bytes.HasPrefix(data, want) || len(data)-len(want) > 3 || bytes.Count(data[len(want):], []byte{0}) != len(data)-len(want) {
					t.Errorf("glyph %d (was %d): %d bytes differ from the original's %d", g, og, len(data), len(want))
				}
				if a, l := again.metrics(g); true {
					if wa, wl := orig.metrics(og); a != wa || l != wl {
						t.Errorf("glyph %d (was %d): advance, lsb %d, %d, want %d, %d", g, og, a, l, wa, wl)
					}
				}
			}
			if tt.name == "every glyph" && kept < 2000 {
				t.Errorf("only %d runes kept of the whole font", kept)
			}
		})
	}
}

// The subset is a font the rest of duetto and other readers take as the
// original for the kept runes: fonts.Parse gives the same advances and
// vertical metrics, x/image/font/sfnt the same outlines and advances.
func TestSubsetReadsLikeTheOriginal(t *testing.T) {
	for _, tt := range subsetCases {
		t.Run(tt.name, func(t *testing.T) {
			ttf, _ := builtinTTF(tt.font)
			face := mustBuiltin(t, tt.font)
			runes := tt.runes(face)
			s, err := NewSubsetter(ttf)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := s.Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse("subset.ttf", sub)
			if err != nil {
				t.Fatalf("Parse refuses the subset: %v", err)
			}
			if got.Name() != face.Name() {
				t.Errorf("Name = %q, want %q", got.Name(), face.Name())
			}
			for _, m := range []struct {
				name      string
				got, want float64
			}{
				{"Ascent", got.Ascent(), face.Ascent()}, {"Descent", got.Descent(), face.Descent()},
				{"CapHeight", got.CapHeight(), face.CapHeight()}, {"XHeight", got.XHeight(), face.XHeight()},
			} {
				if m.got != m.want {
					t.Errorf("%s = %v, want %v", m.name, m.got, m.want)
				}
			}
			osf, err := sfnt.Parse(ttf)
			if err != nil {
				t.Fatal(err)
			}
			ssf, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("sfnt refuses the subset: %v", err)
			}
			for _, r := range runes {
				if !face.HasGlyph(r) {
					if got.HasGlyph(r) {
						t.Errorf("%q: a glyph in the subset, none in the font", r)
					}
					continue
				}
				if got.Advance(r) != face.Advance(r) {
					t.Errorf("Advance(%q) = %v, want %v", r, got.Advance(r), face.Advance(r))
				}
				wantSegs, wantAdv := outline(t, osf, r)
				segs, adv := outline(t, ssf, r)
				if !slices.Equal(segs, wantSegs) || adv != wantAdv {
					t.Errorf("%q: sfnt reads another outline or advance (%d segments, advance %v; want %d, %v)", r, len(segs), adv, len(wantSegs), wantAdv)
				}
			}
			// Runes not asked for have no glyph.
			for _, r := range "Qz§" {
				if got.HasGlyph(r) && !slices.Contains(runes, r) {
					t.Errorf("%q has a glyph but was not asked for", r)
				}
			}
		})
	}
}

// The file is well formed: sorted table records with their search
// fields, aligned tables whose checksums are right, checkSumAdjustment
// right, loca short when it can be.
func TestSubsetFileStructure(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name       string
		runes      []rune
		locaFormat int
	}{
		{"small", []rune(brochureText), 0},
		{"whole font", fontRunes(mustBuiltin(t, "LiberationSans-Regular")), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := s.Subset(tt.runes)
			if err != nil {
				t.Fatal(err)
			}
			be16 := func(off int) int { return int(binary.BigEndian.Uint16(sub[off:])) }
			n := be16(4)
			var tags []string
			for i := range n {
				tags = append(tags, string(sub[12+16*i:16+16*i]))
			}
			wantTags := []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"}
			if !slices.Equal(tags, wantTags) {
				t.Errorf("tables %q, want %q", tags, wantTags)
			}
			if sr, es, rs := be16(6), be16(8), be16(10); sr != 16*8 || es != 3 || rs != 16*n-128 {
				t.Errorf("searchRange, entrySelector, rangeShift = %d, %d, %d", sr, es, rs)
			}
			var head int
			for i := range n {
				rec := sub[12+16*i:]
				sum, off, length := binary.BigEndian.Uint32(rec[4:]), int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
				data := slices.Clone(sub[off : off+length])
				if tags[i] == "head" {
					head = off
					binary.BigEndian.PutUint32(data[8:], 0)
				}
				if off%4 != 0 {
					t.Errorf("%s at offset %d, not 4-byte aligned", tags[i], off)
				}
				if checksum(data) != sum {
					t.Errorf("%s: checksum %#x, want %#x", tags[i], sum, checksum(data))
				}
			}
			if sum := checksum(sub); sum != 0xb1b0afba {
				t.Errorf("the whole file sums to %#x, want 0xb1b0afba", sum)
			}
			if f := be16(head + 50); f != tt.locaFormat {
				t.Errorf("indexToLocFormat %d, want %d", f, tt.locaFormat)
			}
			if len(sub)%4 != 0 {
				t.Errorf("%d bytes, not a multiple of 4", len(sub))
			}
		})
	}
}

// Glyphs at the end with the advance of the one before them keep only
// their left side bearings in hmtx, and read back with that advance.
func TestSubsetFoldsTrailingAdvances(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	face := mustBuiltin(t, "LiberationSans-Regular")
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.Subset([]rune("0123456789")) // tabular figures, one advance
	if err != nil {
		t.Fatal(err)
	}
	tables, err := directory(sub)
	if err != nil {
		t.Fatal(err)
	}
	numGlyphs, numHMetrics := tables["maxp"].u16(4), tables["hhea"].u16(34)
	if numGlyphs != 11 || numHMetrics != 2 || len(tables["hmtx"].b) != 4*2+2*9 {
		t.Fatalf("%d glyphs, %d horizontal metrics in %d bytes; want 11, 2 in 26", numGlyphs, numHMetrics, len(tables["hmtx"].b))
	}
	// Subset the subset: its folded metrics are read right.
	s2, err := NewSubsetter(sub)
	if err != nil {
		t.Fatal(err)
	}
	sub2, err := s2.Subset([]rune("397"))
	if err != nil {
		t.Fatal(err)
	}
	for _, font := range [][]byte{sub, sub2} {
		f, err := Parse("sub.ttf", font)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range "397" {
			if f.Advance(r) != face.Advance(r) {
				t.Errorf("Advance(%q) = %v, want %v", r, f.Advance(r), face.Advance(r))
			}
		}
	}
	ssf, err := sfnt.Parse(sub2)
	if err != nil {
		t.Fatal(err)
	}
	osf, _ := sfnt.Parse(ttf)
	for _, r := range "397" {
		wantSegs, wantAdv := outline(t, osf, r)
		if segs, adv := outline(t, ssf, r); !slices.Equal(segs, wantSegs) || adv != wantAdv {
			t.Errorf("%q: another outline or advance after subsetting twice", r)
		}
	}
}

// The post table is version 3 with the original's angle and underline.
func TestSubsetPostTableKeepsItalicAngleAndUnderline(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Italic")
	tables, _ := directory(ttf)
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.Subset([]rune("ab"))
	if err != nil {
		t.Fatal(err)
	}
	subTables, err := directory(sub)
	if err != nil {
		t.Fatal(err)
	}
	post, want := subTables["post"].b, tables["post"].b
	if len(post) != 32 || binary.BigEndian.Uint32(post) != 0x00030000 {
		t.Fatalf("post table of %d bytes, version %#x; want 32 bytes, version 3", len(post), binary.BigEndian.Uint32(post))
	}
	if !bytes.Equal(post[4:32], want[4:32]) {
		t.Errorf("post fields % x, want % x", post[4:32], want[4:32])
	}
	if int16(binary.BigEndian.Uint16(post[4:])) == 0 {
		t.Errorf("the italic's angle is 0")
	}
}

// The same set of runes gives the same bytes, whatever their order and
// repetitions.
func TestSubsetDependsOnlyOnTheRuneSet(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Subset([]rune("Torino, città"))
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune("àttic ,oniroTTTT")
	b, err := s.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two orders of the same runes give different subsets")
	}
	if string(rs) != "àttic ,oniroTTTT" {
		t.Error("Subset changed its argument")
	}
	c, err := s.Subset([]rune("Torino, citta"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Error("different runes give the same subset")
	}
}

// withSupplementaryCmap returns the font with a cmap that also maps
// U+1F600 and U+1D400 to the glyphs of 'A' and 'B', in a format 12
// subtable.
func withSupplementaryCmap(t *testing.T, ttf []byte) []byte {
	t.Helper()
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	var maps []runeGlyph
	for r := rune(0); r <= 0xffff; r++ {
		if g := s.bmp.glyph(r); g != 0 {
			maps = append(maps, runeGlyph{r, g})
		}
	}
	maps = append(maps, runeGlyph{0x1d400, s.glyph('B')}, runeGlyph{0x1f600, s.glyph('A')})
	slices.SortFunc(maps, func(a, b runeGlyph) int { return int(a.r - b.r) })
	cmap, err := buildCmap(maps)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := directory(ttf)
	if err != nil {
		t.Fatal(err)
	}
	var ts []sfntTable
	for tag, tb := range tables {
		if tag == "cmap" {
			ts = append(ts, sfntTable{tag, cmap})
		} else if tag != "DSIG" {
			ts = append(ts, sfntTable{tag, slices.Clone(tb.b)})
		}
	}
	for i := range ts {
		if ts[i].tag == "head" {
			binary.BigEndian.PutUint32(ts[i].data[8:], 0)
		}
	}
	return assemble(ts)
}

// Runes above U+FFFF get a format 12 character map beside format 4.
func TestSubsetAboveTheBMP(t *testing.T) {
	orig, _ := builtinTTF("LiberationSans-Regular")
	ttf := withSupplementaryCmap(t, orig)
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		runes     string
		subtables int
	}{
		{"xA\U0001F600", 2},
		{"\U0001D400", 2},
		{"xA", 1},
	} {
		sub, err := s.Subset([]rune(tt.runes))
		if err != nil {
			t.Fatal(err)
		}
		tables, err := directory(sub)
		if err != nil {
			t.Fatal(err)
		}
		if n := tables["cmap"].u16(2); n != tt.subtables {
			t.Errorf("%q: %d cmap subtables, want %d", tt.runes, n, tt.subtables)
		}
		osf, _ := sfnt.Parse(orig)
		ssf, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatalf("%q: sfnt refuses the subset: %v", tt.runes, err)
		}
		for _, r := range tt.runes {
			want := r
			switch r {
			case 0x1f600:
				want = 'A'
			case 0x1d400:
				want = 'B'
			}
			wantSegs, wantAdv := outline(t, osf, want)
			segs, adv := outline(t, ssf, r)
			if !slices.Equal(segs, wantSegs) || adv != wantAdv {
				t.Errorf("%q: %q has another outline or advance", tt.runes, r)
			}
		}
		var buf sfnt.Buffer
		if g, _ := ssf.GlyphIndex(&buf, 'B'); g != 0 && !strings.ContainsRune(tt.runes, 'B') {
			t.Errorf("%q: 'B' has glyph %d", tt.runes, g)
		}
	}
}

// fpdf embeds the subset and a PDF set with it reads as the same text.
func TestFPDFEmbedsTheSubset(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext")
	const text = "Città metropolitana di Torino — «Perché no?» 12–14 €"
	ttf, _ := builtinTTF("LiberationSans-Regular")
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.Subset([]rune(text))
	if err != nil {
		t.Fatal(err)
	}
	face := mustBuiltin(t, "LiberationSans-Regular")
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", sub)
	pdf.SetFont("f", "", 12)
	pdf.AddPage()
	pdf.Text(72, 72, text)
	for _, r := range text {
		if got := pdf.GetStringSymbolWidth(string(r)); float64(got) != face.Advance(r) {
			t.Errorf("fpdf's width of %q is %d, want %v", r, got, face.Advance(r))
		}
	}
	name := filepath.Join(t.TempDir(), "subset.pdf")
	if err := pdf.OutputFileAndClose(name); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-raw", name, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(out)); got != text {
		t.Errorf("pdftotext reads %q, want %q", got, text)
	}
}

// A Subsetter is used by the editions of a build at once.
func TestSubsetterIsSafeForConcurrentUse(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	s, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Subset([]rune(brochureText))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if got, err := s.Subset([]rune(brochureText)); err != nil || !bytes.Equal(got, want) {
					t.Errorf("concurrent Subset differs (%v)", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// patched returns a copy of ttf with f applied to the copy's tables.
func patched(t *testing.T, ttf []byte, f func(tables map[string]*table)) []byte {
	t.Helper()
	out := slices.Clone(ttf)
	tables, err := directory(out)
	if err != nil {
		t.Fatal(err)
	}
	f(tables)
	return out
}

// withTableLength returns ttf with the length of table tag set to n in
// the table directory.
func withTableLength(t *testing.T, ttf []byte, tag string, n int) []byte {
	t.Helper()
	for i := 12; i < 12+16*int(binary.BigEndian.Uint16(ttf[4:])); i += 16 {
		if string(ttf[i:i+4]) == tag {
			binary.BigEndian.PutUint32(ttf[i+12:], uint32(n))
			return ttf
		}
	}
	t.Fatalf("no %q table", tag)
	return nil
}

// compositeOf returns a composite glyph of the font and its first
// component, and the offset of that component's number in the glyph.
func compositeOf(t *testing.T, s *Subsetter, r rune) (g, at int) {
	t.Helper()
	g = int(s.glyph(r))
	data := s.glyphData(g)
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		t.Fatalf("%q is not a composite glyph", r)
	}
	at = -1
	components(data, func(c int) error {
		if at < 0 {
			at = c
		}
		return nil
	})
	return g, at
}

// Bad fonts give errors, never a panic or a bad subset.
func TestSubsetterRefusesBadFonts(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	good, err := NewSubsetter(ttf)
	if err != nil {
		t.Fatal(err)
	}
	aGrave, at := compositeOf(t, good, 'à')
	glyfAt := func(tables map[string]*table) []byte { return tables["glyf"].b[good.loca[aGrave]:] }
	tests := []struct {
		name string
		ttf  []byte
		says string
	}{
		{"empty", nil, "too short"},
		{"CFF", append([]byte("OTTO"), ttf[4:]...), "not a TrueType font"},
		{"truncated", ttf[:3000], "past the end"},
		{"licence", withFSType(t, ttf, 0x0200), "licence"},
		{"loca backwards", patched(t, ttf, func(tb map[string]*table) {
			binary.BigEndian.PutUint16(tb["loca"].b[2*40:], 0xffff)
		}), "loca"},
		{"loca past glyf", patched(t, ttf, func(tb map[string]*table) {
			b := tb["loca"].b
			binary.BigEndian.PutUint16(b[len(b)-2:], 0xfffe)
		}), "past the end of the glyf"},
		{"short hmtx", withTableLength(t, patched(t, ttf, func(tb map[string]*table) {
			binary.BigEndian.PutUint16(tb["hhea"].b[34:], uint16(good.numGlyphs-10))
		}), "hmtx", 4*(good.numGlyphs-10)+2*9), "hmtx table is"},
		{"composite cycle", patched(t, ttf, func(tb map[string]*table) {
			binary.BigEndian.PutUint16(glyfAt(tb)[at:], uint16(aGrave))
		}), "component of itself"},
		{"component past the last glyph", patched(t, ttf, func(tb map[string]*table) {
			binary.BigEndian.PutUint16(glyfAt(tb)[at:], 0xfff0)
		}), "past the last glyph"},
		{"truncated composite", patched(t, ttf, func(tb map[string]*table) {
			binary.BigEndian.PutUint16(glyfAt(tb)[at-2:], moreComponents|haveTwoByTwo) // more components than the glyph holds
			for i := at + 6; i < int(good.loca[aGrave+1]-good.loca[aGrave]); i += 2 {
				binary.BigEndian.PutUint16(glyfAt(tb)[i:], moreComponents|haveTwoByTwo)
			}
		}), "truncated"},
		{"overlapping cmap segments", overlappingCmap(t, ttf), "code points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSubsetter(tt.ttf)
			if err == nil {
				_, err = s.Subset([]rune("Torino, città"))
			}
			if !errors.Is(err, ErrBadFont) {
				t.Fatalf("error %v, want ErrBadFont", err)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
		})
	}
}

// A font without a post table is refused: a subset must have one.
func TestSubsetterNeedsPost(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	bad := slices.Clone(ttf)
	for i := 12; i < 12+16*int(binary.BigEndian.Uint16(bad[4:])); i += 16 {
		if string(bad[i:i+4]) == "post" {
			copy(bad[i:], "pOST")
		}
	}
	_, err := NewSubsetter(bad)
	if !errors.Is(err, ErrBadFont) || !strings.Contains(err.Error(), "post") {
		t.Errorf("error %v, want ErrBadFont about post", err)
	}
}

// FuzzSubset checks that any font gives an error or a subset that
// NewSubsetter accepts and that subsets to itself. The inputs are fonts
// of some kilobytes: run it with a short -fuzzminimizetime (2s), or the
// minimizing of each new input takes most of the time.
func FuzzSubset(f *testing.F) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	s, err := NewSubsetter(ttf)
	if err != nil {
		f.Fatal(err)
	}
	for _, text := range []string{"Aàé", "Torino, città — 12 €"} {
		seed, err := s.Subset([]rune(text))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(seed, text)
	}
	f.Fuzz(func(t *testing.T, ttf []byte, text string) {
		s, err := NewSubsetter(ttf)
		if err != nil {
			return
		}
		runes := []rune(text)
		sub, err := s.Subset(runes)
		if err != nil {
			return
		}
		again, err := NewSubsetter(sub)
		if err != nil {
			t.Fatalf("NewSubsetter refuses a subset: %v", err)
		}
		sub2, err := again.Subset(runes)
		if err != nil {
			t.Fatalf("a subset cannot be subset again: %v", err)
		}
		if !bytes.Equal(sub, sub2) {
			t.Fatalf("subsetting a subset changes it")
		}
	})
}

// brochureRunes are the distinct runes of the brochure's sections, about
// 150.
func brochureRunes(b *testing.B) []rune {
	b.Helper()
	files, err := filepath.Glob("../examples/turin/sections/*.toml")
	if err != nil || len(files) == 0 {
		b.Skip("no brochure sections", err)
	}
	var out []rune
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range string(data) {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

func BenchmarkNewSubsetter(b *testing.B) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	for b.Loop() {
		if _, err := NewSubsetter(ttf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubset(b *testing.B) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	s, err := NewSubsetter(ttf)
	if err != nil {
		b.Fatal(err)
	}
	runes := brochureRunes(b)
	for b.Loop() {
		if _, err := s.Subset(runes); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(runes)), "runes")
}

// Make tells, for the writer, what the subset file holds: each rune's
// glyph as the subset's character map has it, and each glyph's advance as
// the full font's Face gives it (what layout set the text with).
func TestMakeTellsTheGlyphsAndAdvancesOfTheSubset(t *testing.T) {
	for _, tt := range subsetCases {
		t.Run(tt.name, func(t *testing.T) {
			ttf, _ := builtinTTF(tt.font)
			face := mustBuiltin(t, tt.font)
			runes := tt.runes(face)
			s, err := NewSubsetter(ttf)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := s.Make(runes)
			if err != nil {
				t.Fatal(err)
			}
			sf, err := sfnt.Parse(sub.Font)
			if err != nil {
				t.Fatal(err)
			}
			if n := sf.NumGlyphs(); n != len(sub.Advance) {
				t.Fatalf("%d advances for %d glyphs", len(sub.Advance), n)
			}
			var buf sfnt.Buffer
			for _, r := range runes {
				g, ok := sub.Glyph[r]
				if ok != face.HasGlyph(r) {
					t.Fatalf("%q: in the glyph map %v, in the font %v", r, ok, face.HasGlyph(r))
				}
				if !ok {
					continue
				}
				if cg, err := sf.GlyphIndex(&buf, r); err != nil || uint16(cg) != g {
					t.Errorf("%q: glyph %d, the subset's cmap says %d (%v)", r, g, cg, err)
				}
				if sub.Advance[g] != face.Advance(r) {
					t.Errorf("%q: advance %v, Face.Advance %v", r, sub.Advance[g], face.Advance(r))
				}
			}
		})
	}
}

// The descriptor holds the font's metrics in thousandths of an em, as
// sfnt reads them.
func TestDescriptorIsTheFonts(t *testing.T) {
	for _, name := range []string{"LiberationSans-Regular", "LiberationSerif-BoldItalic"} {
		ttf, _ := builtinTTF(name)
		s, err := NewSubsetter(ttf)
		if err != nil {
			t.Fatal(err)
		}
		d := s.Descriptor()
		sf, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		ppem := fixed.Int26_6(sf.UnitsPerEm()) << 6
		b, err := sf.Bounds(&buf, ppem, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		m, err := sf.Metrics(&buf, ppem, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		unit := func(v fixed.Int26_6) float64 { return float64(v) / 64 * 1000 / float64(sf.UnitsPerEm()) }
		want := [4]float64{unit(b.Min.X), -unit(b.Max.Y), unit(b.Max.X), -unit(b.Min.Y)} // sfnt is y-down
		if d.BBox != want {
			t.Errorf("%s: BBox %v, want %v", name, d.BBox, want)
		}
		if d.Ascent != unit(m.Ascent) || d.Descent != -unit(m.Descent) || d.CapHeight != unit(m.CapHeight) {
			t.Errorf("%s: ascent %v descent %v cap height %v, want %v %v %v", name, d.Ascent, d.Descent, d.CapHeight, unit(m.Ascent), -unit(m.Descent), unit(m.CapHeight))
		}
		if post := sf.PostTable(); d.ItalicAngle != post.ItalicAngle || d.FixedPitch != post.IsFixedPitch {
			t.Errorf("%s: italic angle %v fixed %v, want %v %v", name, d.ItalicAngle, d.FixedPitch, post.ItalicAngle, post.IsFixedPitch)
		}
		wantWeight := map[string]int{"LiberationSans-Regular": 400, "LiberationSerif-BoldItalic": 700}[name]
		if d.Weight != wantWeight {
			t.Errorf("%s: weight %d, want %d", name, d.Weight, wantWeight)
		}
	}
}
