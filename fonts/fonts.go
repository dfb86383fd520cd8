// Package fonts loads TrueType fonts and answers what layout needs of
// them: advance widths, pair kerning, vertical metrics and glyph coverage.
//
// Widths are given in thousandths of an em, rounded exactly as the PDF
// writer rounds them into the font's /W array, so that the positions
// layout computes are the positions a PDF viewer draws.
package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"math"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is a parsed TrueType font. It is immutable after Parse and safe
// for concurrent use.
type Face struct {
	name     string
	data     []byte
	advances map[rune]float64 // thousandths of an em; absent: no glyph
	dense    []float64        // advances of runes below len(dense), -1 = no glyph
	kerns    map[[2]rune]float64
	ascent   float64
	descent  float64
	capH     float64
	xH       float64
}

// builtins maps the names of the faces shipped with duetto (the
// Liberation fonts, SIL Open Font Licence) to their TrueType data.
func builtins() map[string][]byte {
	return map[string][]byte{
		"LiberationSans-Regular":     liberationsansregular.TTF,
		"LiberationSans-Bold":        liberationsansbold.TTF,
		"LiberationSans-Italic":      liberationsansitalic.TTF,
		"LiberationSans-BoldItalic":  liberationsansbolditalic.TTF,
		"LiberationSerif-Regular":    liberationserifregular.TTF,
		"LiberationSerif-Bold":       liberationserifbold.TTF,
		"LiberationSerif-Italic":     liberationserifitalic.TTF,
		"LiberationSerif-BoldItalic": liberationserifbolditalic.TTF,
	}
}

// BuiltinNames lists the built-in faces.
func BuiltinNames() []string {
	return []string{
		"LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic", "LiberationSans-BoldItalic",
		"LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic",
	}
}

// Builtin returns a built-in face by name.
func Builtin(name string) (*Face, error) {
	data, ok := builtins()[name]
	if !ok {
		return nil, fmt.Errorf("no built-in font %q (built-in: %v)", name, BuiltinNames())
	}
	return Parse("builtin:"+name, data)
}

// ErrNotTrueType is returned for fonts without TrueType (glyf) outlines.
var ErrNotTrueType = errors.New("not a TrueType font")

// denseLimit is the number of runes whose advances are kept in a slice.
const denseLimit = 0x3000

// Parse reads a TrueType font. name is used in messages (a file path).
func Parse(name string, ttf []byte) (*Face, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("%s: %w: the file is too short", name, ErrNotTrueType)
	}
	switch string(ttf[:4]) {
	case "OTTO":
		return nil, fmt.Errorf("%s: %w: it has CFF (PostScript) outlines; duetto embeds TrueType (glyf) fonts only — use the .ttf version of the font", name, ErrNotTrueType)
	case "\x00\x01\x00\x00", "true":
	case "ttcf":
		return nil, fmt.Errorf("%s: %w: font collections (.ttc) are not supported; extract one face as .ttf", name, ErrNotTrueType)
	default:
		return nil, fmt.Errorf("%s: %w: unrecognised file signature %q", name, ErrNotTrueType, ttf[:4])
	}
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrNotTrueType, err)
	}
	upem := float64(f.UnitsPerEm())
	if upem <= 0 {
		return nil, fmt.Errorf("%s: %w: units per em is %v", name, ErrNotTrueType, upem)
	}
	face := &Face{name: name, data: ttf, advances: map[rune]float64{}, kerns: map[[2]rune]float64{}}
	if psName, err := f.Name(nil, sfnt.NameIDPostScript); err == nil && psName != "" {
		face.name = psName
	}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	// The PDF /W array rounds each advance to whole thousandths of an em.
	toThousandths := func(v fixed.Int26_6) float64 { return math.Round(float64(v) / 64 * 1000 / upem) }
	face.dense = make([]float64, denseLimit)
	for i := range face.dense {
		face.dense[i] = -1
	}
	runesOf := map[sfnt.GlyphIndex][]rune{} // for kerning by glyph
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			continue
		}
		a := toThousandths(adv)
		if r < denseLimit {
			face.dense[r] = a
		} else {
			face.advances[r] = a
		}
		runesOf[g] = append(runesOf[g], r)
	}
	for _, k := range kernPairs(ttf) {
		for _, l := range runesOf[sfnt.GlyphIndex(k.left)] {
			for _, r := range runesOf[sfnt.GlyphIndex(k.right)] {
				face.kerns[[2]rune{l, r}] = float64(k.value) * 1000 / upem
			}
		}
	}
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err == nil {
		face.ascent = float64(m.Ascent) / 64 * 1000 / upem
		face.descent = float64(m.Descent) / 64 * 1000 / upem
		face.capH = float64(m.CapHeight) / 64 * 1000 / upem
		face.xH = float64(m.XHeight) / 64 * 1000 / upem
	}
	return face, nil
}

// Name is the font's PostScript name.
func (f *Face) Name() string { return f.name }

// Data is the TrueType file, for embedding.
func (f *Face) Data() []byte { return bytes.Clone(f.data) }

// Advance is the advance width of r in thousandths of an em, as the PDF
// writer records it; 0 when the font has no glyph for r.
func (f *Face) Advance(r rune) float64 {
	if r >= 0 && r < denseLimit {
		return max(f.dense[r], 0)
	}
	return f.advances[r]
}

// Kern is the kerning between left and right in thousandths of an em
// (negative: closer), from the font's kern table.
func (f *Face) Kern(left, right rune) float64 {
	if len(f.kerns) == 0 {
		return 0
	}
	return f.kerns[[2]rune{left, right}]
}

// HasGlyph reports whether the font has a glyph for r.
func (f *Face) HasGlyph(r rune) bool {
	if r >= 0 && r < denseLimit {
		return f.dense[r] >= 0
	}
	_, ok := f.advances[r]
	return ok
}

// ignorable runes need no glyph: they are never drawn.
func ignorable(r rune) bool {
	return r == '\n' || r == '\t' || r == '\r' || r == '\u00ad' || r == '\u200b'
}

// Missing returns the distinct runes of s the font has no glyph for, in
// order of first occurrence.
func (f *Face) Missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if ignorable(r) || f.HasGlyph(r) {
			continue
		}
		dup := false
		for _, m := range out {
			dup = dup || m == r
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// Ascent is the height above the baseline, in thousandths of an em.
func (f *Face) Ascent() float64 { return f.ascent }

// Descent is the depth below the baseline (positive), in thousandths of an em.
func (f *Face) Descent() float64 { return f.descent }

// CapHeight is the height of capital letters, in thousandths of an em.
func (f *Face) CapHeight() float64 { return f.capH }

// XHeight is the height of lower-case x, in thousandths of an em.
func (f *Face) XHeight() float64 { return f.xH }

// Width is the advance of s at size points, kerning included, in points.
func (f *Face) Width(s string, size float64) float64 {
	w := 0.0
	prev := rune(-1)
	for _, r := range s {
		w += f.Advance(r)
		if prev >= 0 {
			w += f.Kern(prev, r)
		}
		prev = r
	}
	return w * size / 1000
}
