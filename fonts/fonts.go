// Package fonts loads TrueType fonts and answers what layout needs of
// them: advance widths, pair kerning, vertical metrics and glyph coverage.
//
// All metrics are in thousandths of an em. Advance widths are rounded to
// whole thousandths (the rounding fpdf's font code used, which duetto's
// PDFs have always had), and the PDF writer puts these same numbers in
// the font's /W array, so that the positions layout computes are the
// positions a PDF viewer draws.
package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// ErrNotTrueType is wrapped by every error of Parse about font data that
// is not a TrueType font the PDF writer can embed.
var ErrNotTrueType = errors.New("not a TrueType font")

// denseRunes is the number of runes, from U+0000, whose glyphs a
// charMap keeps in a slice: every script a Latin brochure uses is below
// it.
const denseRunes = 0x3000

// Face is a parsed TrueType font. It is immutable after Parse and safe
// for concurrent use.
type Face struct {
	name    string
	data    []byte
	cmap    charMap   // glyph of each rune
	advance []float64 // by glyph, thousandths of an em as in /W

	kernFirst []bool             // by glyph: some pair starts with it
	kern      map[uint32]float64 // by pairKey, thousandths of an em

	ascent, descent, capHeight, xHeight float64
}

// Parse reads a TrueType font; name names it in messages (a file path).
// It refuses fonts the PDF writer cannot embed: OpenType fonts with CFF
// outlines ("OTTO"), font collections, and fonts whose licence forbids
// embedding. Parse copies nothing: ttf must not change afterwards.
func Parse(name string, ttf []byte) (*Face, error) {
	fail := func(format string, args ...any) (*Face, error) {
		return nil, fmt.Errorf("%s: %w: %s", name, ErrNotTrueType, fmt.Sprintf(format, args...))
	}
	if len(ttf) < 12 {
		return fail("the file is too short to be a font (%d bytes)", len(ttf))
	}
	switch string(ttf[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return fail("it is an OpenType font with CFF (PostScript) outlines, and the PDF writer (fpdf) embeds only TrueType (glyf) outlines; use a .ttf version of the font")
	case "ttcf":
		return fail("it is a font collection (.ttc); extract one face as a .ttf file")
	case "wOFF", "wOF2":
		return fail("it is a web font (WOFF); convert it to a .ttf file")
	default:
		return fail("it does not start like a font file (%q)", ttf[:4])
	}
	tables, err := directory(ttf)
	if err != nil {
		return fail("%v", err)
	}
	m, err := readMetrics(tables)
	if err != nil {
		return fail("%v", err)
	}
	if m.fsType == 0x0002 || m.fsType&0x0300 != 0 {
		return fail("its licence forbids embedding or subsetting it in a document (OS/2 fsType %#04x)", m.fsType)
	}
	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrNotTrueType, err)
	}

	upem := float64(m.unitsPerEm)
	f := &Face{
		name:    name,
		data:    ttf,
		cmap:    m.cmap,
		advance: m.advance,
		ascent:  float64(m.ascent) * 1000 / upem,
		descent: float64(m.descent) * 1000 / upem,
	}
	if ps, err := sf.Name(nil, sfnt.NameIDPostScript); err == nil && ps != "" {
		f.name = ps
	}
	reach := make([]bool, m.numGlyphs) // glyphs some rune maps to
	for _, g := range m.cmap.dense {
		reach[g] = true
	}
	for _, g := range m.cmap.sparse {
		reach[g] = true
	}
	reach[0] = false

	k, err := readKerning(tables, reach)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	f.kernFirst = make([]bool, m.numGlyphs)
	f.kern = make(map[uint32]float64, len(k))
	for key, units := range k {
		if units != 0 {
			f.kern[key] = float64(units) * 1000 / upem
			f.kernFirst[key>>16] = true
		}
	}

	f.capHeight = float64(m.capHeight) * 1000 / upem
	f.xHeight = float64(m.xHeight) * 1000 / upem
	if m.capHeight <= 0 {
		f.capHeight = f.glyphTop(sf, 'H', upem)
	}
	if m.xHeight <= 0 {
		f.xHeight = f.glyphTop(sf, 'x', upem)
	}
	return f, nil
}

// readKerning reads the GPOS kern feature, or else the legacy kern table.
func readKerning(tables map[string]*table, reach []bool) (kerning, error) {
	if gpos := tables["GPOS"]; gpos != nil {
		k, found, err := gposKerning(gpos, reach)
		if err != nil || found {
			return k, err
		}
	}
	if kern := tables["kern"]; kern != nil {
		return legacyKerning(kern, reach)
	}
	return nil, nil
}

// glyphTop is the height of r's outline above the baseline in
// thousandths of an em, for fonts whose OS/2 table gives no cap or x
// height; 0 when the font has no such glyph.
func (f *Face) glyphTop(sf *sfnt.Font, r rune, upem float64) float64 {
	g := f.glyph(r)
	if g == 0 {
		return 0
	}
	var buf sfnt.Buffer
	bounds, _, err := sf.GlyphBounds(&buf, sfnt.GlyphIndex(g), fixed.Int26_6(upem*64), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(-bounds.Min.Y) / 64 * 1000 / upem
}

// Name is the font's PostScript name, or the name given to Parse when
// the font has none.
func (f *Face) Name() string { return f.name }

// Data returns a copy of the TrueType file, for embedding.
func (f *Face) Data() []byte { return bytes.Clone(f.data) }

// Bytes returns the TrueType file itself, the same slice at every call:
// for readers that share it (the documents of a build, whose writer
// keeps what it makes from a font by its bytes). It must not be changed.
func (f *Face) Bytes() []byte { return f.data }

// glyph is the glyph of r, 0 when the font has none.
func (f *Face) glyph(r rune) uint16 { return f.cmap.glyph(r) }

// Advance is the advance width of r in thousandths of an em, exactly as
// the PDF writer records it in the font's /W array: the font's advance
// in font units × 1000 / units per em, rounded half away from zero to
// an integer. It is 0 when the font has no glyph for r.
func (f *Face) Advance(r rune) float64 {
	if g := f.glyph(r); g != 0 {
		return f.advance[g]
	}
	return 0
}

// Kern is the kerning between left and right in thousandths of an em:
// negative brings them closer. It is the font's value in font units ×
// 1000 / units per em, not rounded, since the PDF writer positions kerned
// glyphs by coordinates. It is 0 for pairs the font does not kern and
// for runes the font has no glyph for.
func (f *Face) Kern(left, right rune) float64 {
	l := f.glyph(left)
	if l == 0 || !f.kernFirst[l] {
		return 0
	}
	return f.kern[pairKey(l, f.glyph(right))]
}

// HasGlyph reports whether the font has a glyph for r in its Basic
// Multilingual Plane character map (readCmap). Runes above U+FFFF never
// have one, so layout never sets them, though Subsetter could embed
// them.
func (f *Face) HasGlyph(r rune) bool { return f.glyph(r) != 0 }

// ignorable reports whether r needs no glyph: line and tab controls,
// the soft hyphen and the zero-width space are never drawn as such.
func ignorable(r rune) bool {
	switch r {
	case '\n', '\r', '\t', '\u00ad', '\u200b':
		return true
	}
	return false
}

// Missing returns the distinct runes of s that the font has no glyph
// for, in order of first occurrence; nil when there are none. Line
// breaks, tabs, soft hyphens and zero-width spaces are not reported.
func (f *Face) Missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if f.HasGlyph(r) || ignorable(r) {
			continue
		}
		if !containsRune(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// Ascent is the height above the baseline the font reserves for its
// glyphs (hhea ascender, else OS/2 typographic ascender), in thousandths
// of an em.
func (f *Face) Ascent() float64 { return f.ascent }

// Descent is the depth below the baseline the font reserves for its
// glyphs, positive (hhea descender, else OS/2 typographic descender), in
// thousandths of an em.
func (f *Face) Descent() float64 { return f.descent }

// CapHeight is the height of capital letters (OS/2, else the top of
// "H"), in thousandths of an em.
func (f *Face) CapHeight() float64 { return f.capHeight }

// XHeight is the height of lower-case letters (OS/2, else the top of
// "x"), in thousandths of an em.
func (f *Face) XHeight() float64 { return f.xHeight }

// Width is the advance of s set at size points, in points: the sum of
// the advances of its runes and of the kerning between each two.
func (f *Face) Width(s string, size float64) float64 {
	w := 0.0
	var prev uint16
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		g := f.glyph(r)
		if g == 0 {
			prev = 0
			continue
		}
		w += f.advance[g]
		if f.kernFirst[prev] {
			w += f.kern[pairKey(prev, g)]
		}
		prev = g
	}
	return w * size / 1000
}
