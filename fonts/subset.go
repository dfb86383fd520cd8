package fonts

// This file makes subsets of TrueType fonts: from a font and a set of
// runes, a smaller TrueType file that holds only the glyphs those runes
// need, for embedding in a PDF. It implements these parts of the OpenType
// specification, version 1.9.1 (learn.microsoft.com/typography/opentype/spec),
// which for TrueType outlines agrees with Apple's TrueType Reference
// Manual:
//
//   - "The OpenType font file": the table directory (sorted table
//     records, searchRange, entrySelector, rangeShift), table checksums
//     and the head table's checkSumAdjustment.
//   - "glyf — Glyph data": the glyph header's numberOfContours and the
//     composite glyph description (component flags
//     ARG_1_AND_2_ARE_WORDS, WE_HAVE_A_SCALE, MORE_COMPONENTS,
//     WE_HAVE_AN_X_AND_Y_SCALE, WE_HAVE_A_TWO_BY_TWO), whose glyph
//     indices are renumbered; simple glyphs and instructions are copied.
//   - "loca — Index to location", short and long versions.
//   - "hmtx — Horizontal metrics" and "hhea — Horizontal header"
//     (numberOfHMetrics).
//   - "maxp — Maximum profile" (numGlyphs).
//   - "head — Font header" (indexToLocFormat, checkSumAdjustment).
//   - "cmap — Character to glyph index mapping": read, formats 4 and
//     12; written, format 4 (platform 3, encoding 1) and, when a rune is
//     above U+FFFF, format 12 (platform 3, encoding 10).
//   - "post — PostScript table", written as version 3.0 (no glyph names).
//
// The name, OS/2, cvt , fpgm, prep and gasp tables are copied as they
// are: the hinting programs refer to no glyph by number. The font-wide
// figures of head, hhea, maxp and OS/2 (bounding box, extremes, maxima,
// character range) are kept too: they still bound the subset's glyphs,
// and the PDF writer copies some of them into the font descriptor, which
// thus stays the same with or without subsetting.

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sort"
)

// ErrBadFont is wrapped by every error of NewSubsetter and Subset about
// font data they cannot subset.
var ErrBadFont = errors.New("bad TrueType font")

// Composite glyph component flags ("glyf", composite glyph description).
const (
	argWords       = 0x0001 // ARG_1_AND_2_ARE_WORDS
	haveScale      = 0x0008 // WE_HAVE_A_SCALE
	moreComponents = 0x0020 // MORE_COMPONENTS
	haveXYScale    = 0x0040 // WE_HAVE_AN_X_AND_Y_SCALE
	haveTwoByTwo   = 0x0080 // WE_HAVE_A_TWO_BY_TWO
)

// maxComponentDepth is how deep composite glyphs may nest: deeper is
// taken for a cycle.
const maxComponentDepth = 32

// copiedTables are the tables a subset holds as they are in the font,
// when the font has them.
var copiedTables = [...]string{"OS/2", "cvt ", "fpgm", "gasp", "name", "prep"}

// A Subsetter makes subsets of one TrueType font. It parses the font
// once, in NewSubsetter; Subset may then be called any number of times,
// concurrently.
type Subsetter struct {
	head, hhea, maxp, post []byte
	glyf, hmtx             []byte
	loca                   []uint32 // numGlyphs+1 offsets into glyf
	numGlyphs, numHMetrics int
	bmp                    charMap     // glyph of each BMP rune, as Parse maps them
	supp                   []cmapGroup // runes above U+FFFF, by start
	copied                 [len(copiedTables)][]byte
	advance                []float64 // by glyph, as Face.Advance gives them
	desc                   Descriptor
}

// Descriptor holds what a PDF font descriptor says of a font (PDF
// 32000-1:2008, 9.8), in thousandths of an em.
type Descriptor struct {
	Ascent, Descent, CapHeight float64 // Descent negative
	BBox                       [4]float64
	ItalicAngle                float64 // degrees counter-clockwise from the vertical
	FixedPitch                 bool
	Weight                     int // OS/2 usWeightClass, 400 when the font has none
}

// Descriptor returns the font's descriptor.
func (s *Subsetter) Descriptor() Descriptor { return s.desc }

// A Subset is a TrueType subset of a font: its file, the glyph of each
// rune in it and each glyph's advance.
type Subset struct {
	Font  []byte
	Glyph map[rune]uint16 // the runes that have a glyph
	// Advance is, by glyph of Font, its advance width in thousandths of
	// an em, as the full font's Face.Advance gives it (and as layout set
	// the text).
	Advance []float64
}

// cmapGroup is a sequential map group of a format 12 character map:
// runes first to last map to glyphs glyph, glyph+1, ….
type cmapGroup struct {
	first, last rune
	glyph       uint32
}

// NewSubsetter parses a TrueType font for subsetting. Like Parse, it
// refuses fonts that are not TrueType and fonts whose licence forbids
// embedding or subsetting them; it refuses too fonts whose tables are
// truncated or inconsistent, and fonts without a post table. Runes map
// to glyphs as in Parse: below U+10000 by the first Unicode format 4
// character map, the one the PDF writer reads. It copies nothing: ttf
// must not change afterwards.
func NewSubsetter(ttf []byte) (*Subsetter, error) {
	fail := func(format string, args ...any) (*Subsetter, error) {
		return nil, fmt.Errorf("fonts: %w: %s", ErrBadFont, fmt.Sprintf(format, args...))
	}
	if len(ttf) < 12 {
		return fail("%d bytes, too short for a font", len(ttf))
	}
	if v := string(ttf[:4]); v != "\x00\x01\x00\x00" && v != "true" {
		return fail("not a TrueType font (%q)", v)
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
		return fail("its licence forbids embedding or subsetting it (OS/2 fsType %#04x)", m.fsType)
	}
	s := &Subsetter{
		head:        tables["head"].b,
		hhea:        tables["hhea"].b,
		maxp:        tables["maxp"].b,
		glyf:        tables["glyf"].b,
		hmtx:        tables["hmtx"].b,
		numGlyphs:   m.numGlyphs,
		numHMetrics: int(binary.BigEndian.Uint16(tables["hhea"].b[34:])),
		bmp:         m.cmap,
	}
	post := tables["post"]
	if post == nil || len(post.b) < 32 {
		return fail("no post table, or one shorter than its 32-byte header")
	}
	s.post = post.b
	if len(s.head) < 54 {
		return fail("the head table is %d bytes, shorter than 54", len(s.head))
	}
	if n := 4*s.numHMetrics + 2*(s.numGlyphs-s.numHMetrics); len(s.hmtx) < n {
		return fail("the hmtx table is %d bytes, %d short for %d glyphs", len(s.hmtx), n-len(s.hmtx), s.numGlyphs)
	}
	if s.loca, err = readLoca(tables["loca"].b, int(int16(binary.BigEndian.Uint16(s.head[50:]))), s.numGlyphs, len(s.glyf)); err != nil {
		return fail("%v", err)
	}
	if s.supp, err = readSupplementaryCmap(tables["cmap"], s.numGlyphs); err != nil {
		return fail("%v", err)
	}
	for i, tag := range copiedTables {
		if t := tables[tag]; t != nil {
			s.copied[i] = t.b
		}
	}
	s.advance = m.advance
	unit := func(v int) float64 { return float64(v) * 1000 / float64(m.unitsPerEm) }
	head := tables["head"]
	s.desc = Descriptor{
		Ascent: unit(m.ascent), Descent: -unit(m.descent), CapHeight: unit(m.capHeight),
		BBox:        [4]float64{unit(head.i16(36)), unit(head.i16(38)), unit(head.i16(40)), unit(head.i16(42))},
		ItalicAngle: float64(int32(binary.BigEndian.Uint32(s.post[4:]))) / 65536,
		FixedPitch:  binary.BigEndian.Uint32(s.post[12:]) != 0,
		Weight:      400,
	}
	if os2 := tables["OS/2"]; os2 != nil && len(os2.b) >= 6 {
		s.desc.Weight = int(binary.BigEndian.Uint16(os2.b[4:]))
	}
	return s, nil
}

// readLoca reads the glyphs' offsets into a glyf table of glyfLen bytes,
// checking that they grow and stay in the table.
func readLoca(loca []byte, format, numGlyphs, glyfLen int) ([]uint32, error) {
	out := make([]uint32, numGlyphs+1)
	switch format {
	case 0:
		if len(loca) < 2*(numGlyphs+1) {
			return nil, fmt.Errorf("the loca table is too short for %d glyphs", numGlyphs)
		}
		for i := range out {
			out[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	case 1:
		if len(loca) < 4*(numGlyphs+1) {
			return nil, fmt.Errorf("the loca table is too short for %d glyphs", numGlyphs)
		}
		for i := range out {
			out[i] = binary.BigEndian.Uint32(loca[4*i:])
		}
	default:
		return nil, fmt.Errorf("unknown indexToLocFormat %d", format)
	}
	for i := range numGlyphs {
		if out[i] > out[i+1] {
			return nil, fmt.Errorf("the loca table goes backwards at glyph %d", i)
		}
	}
	if int64(out[numGlyphs]) > int64(glyfLen) {
		return nil, fmt.Errorf("the loca table points %d bytes past the end of the glyf table", int64(out[numGlyphs])-int64(glyfLen))
	}
	return out, nil
}

// readSupplementaryCmap reads the groups of runes above U+FFFF of the
// first Unicode character map of format 12 (platform 0, or platform 3
// encoding 10), clipped to U+10000–U+10FFFF and to the font's glyphs;
// none when the font has no such map.
func readSupplementaryCmap(cmap *table, numGlyphs int) ([]cmapGroup, error) {
	n := cmap.u16(2)
	sub := -1
	for i := range n {
		rec := 4 + 8*i
		platform, encoding, off := cmap.u16(rec), cmap.u16(rec+2), int(cmap.u32(rec+4))
		if (platform == 0 || platform == 3 && encoding == 10) && cmap.u16(off) == 12 {
			sub = off
			break
		}
	}
	if cmap.bad {
		return nil, fmt.Errorf("the character map's encoding records are truncated")
	}
	if sub < 0 {
		return nil, nil
	}
	count := cmap.u32(sub + 12)
	if !cmap.has(sub+16, count*12) {
		return nil, fmt.Errorf("the format 12 character map is truncated (%d groups)", count)
	}
	var out []cmapGroup
	for i := range int(count) {
		g := sub + 16 + 12*i
		first, last, glyph := cmap.u32(g), cmap.u32(g+4), cmap.u32(g+8)
		if first > last {
			return nil, fmt.Errorf("format 12 character map group %d runs backwards", i)
		}
		if last < 0x10000 || first > 0x10ffff {
			continue
		}
		if first < 0x10000 {
			glyph += 0x10000 - first
			first = 0x10000
		}
		last = min(last, 0x10ffff)
		if glyph >= int64(numGlyphs) {
			continue
		}
		last = min(last, first+int64(numGlyphs)-1-glyph) // no glyph past the last
		out = append(out, cmapGroup{first: rune(first), last: rune(last), glyph: uint32(glyph)})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].first < out[b].first })
	return out, nil
}

// glyph is the glyph of r, 0 when the font has none.
func (s *Subsetter) glyph(r rune) uint16 {
	if r < 0 {
		return 0
	}
	if r <= 0xffff {
		return s.bmp.glyph(r)
	}
	i := sort.Search(len(s.supp), func(i int) bool { return s.supp[i].first > r }) - 1
	if i < 0 || r > s.supp[i].last {
		return 0
	}
	return uint16(s.supp[i].glyph + uint32(r-s.supp[i].first))
}

// glyphData is the description of glyph g in the glyf table.
func (s *Subsetter) glyphData(g int) []byte { return s.glyf[s.loca[g]:s.loca[g+1]] }

// metrics returns the advance width and left side bearing of glyph g,
// in font units, as hmtx stores them.
func (s *Subsetter) metrics(g int) (advance, lsb uint16) {
	if g < s.numHMetrics {
		return binary.BigEndian.Uint16(s.hmtx[4*g:]), binary.BigEndian.Uint16(s.hmtx[4*g+2:])
	}
	return binary.BigEndian.Uint16(s.hmtx[4*(s.numHMetrics-1):]),
		binary.BigEndian.Uint16(s.hmtx[4*s.numHMetrics+2*(g-s.numHMetrics):])
}

// components calls f with the offset, in the glyph description data, of
// the glyph index of each component of a composite glyph. It returns
// f's first error, or an error when the description is truncated.
func components(data []byte, f func(at int) error) error {
	off := 10 // past the glyph header
	for {
		if off+4 > len(data) {
			return fmt.Errorf("its composite description is truncated")
		}
		flags := binary.BigEndian.Uint16(data[off:])
		if err := f(off + 2); err != nil {
			return err
		}
		off += 4 + 2 // flags, glyphIndex, two byte arguments
		if flags&argWords != 0 {
			off += 2
		}
		switch {
		case flags&haveScale != 0:
			off += 2
		case flags&haveXYScale != 0:
			off += 4
		case flags&haveTwoByTwo != 0:
			off += 8
		}
		if off > len(data) {
			return fmt.Errorf("its composite description is truncated")
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// Subset returns a TrueType font holding only the glyphs of runes: the
// .notdef glyph, the glyph each rune maps to and the components of
// those that are composite glyphs, numbered densely in their order in
// the font. Each rune keeps its glyph's outline, instructions and
// metrics; runes the font has no glyph for are left out, as are
// duplicates. The font's hinting programs and its name, OS/2 and gasp
// tables are copied; kerning, layout and other tables are not. The
// result depends only on the set of runes, not on their order.
func (s *Subsetter) Subset(runes []rune) ([]byte, error) {
	sub, err := s.Make(runes)
	if err != nil {
		return nil, err
	}
	return sub.Font, nil
}

// Make is Subset, with the glyph of each rune in the subset and the
// glyphs' advances.
func (s *Subsetter) Make(runes []rune) (*Subset, error) {
	// The runes that have a glyph, by rune, with the glyph's old number.
	maps := make([]runeGlyph, 0, len(runes))
	for _, r := range runes {
		if g := s.glyph(r); g != 0 {
			maps = append(maps, runeGlyph{r, g})
		}
	}
	slices.SortFunc(maps, func(a, b runeGlyph) int { return cmp.Compare(a.r, b.r) })
	maps = slices.CompactFunc(maps, func(a, b runeGlyph) bool { return a.r == b.r })

	// The glyphs kept, with their components: newID[g] is the new
	// number of old glyph g plus one, 0 for glyphs left out.
	const visiting = -1
	newID := make([]int32, s.numGlyphs)
	var visit func(g, depth int) error
	visit = func(g, depth int) error {
		switch {
		case newID[g] == visiting:
			return fmt.Errorf("fonts: %w: glyph %d is a component of itself", ErrBadFont, g)
		case newID[g] != 0:
			return nil
		case depth > maxComponentDepth:
			return fmt.Errorf("fonts: %w: composite glyphs nest more than %d deep", ErrBadFont, maxComponentDepth)
		}
		data := s.glyphData(g)
		if len(data) == 0 {
			newID[g] = 1
			return nil
		}
		if len(data) < 10 {
			return fmt.Errorf("fonts: %w: glyph %d is %d bytes, shorter than a glyph header", ErrBadFont, g, len(data))
		}
		if int16(binary.BigEndian.Uint16(data)) >= 0 {
			newID[g] = 1
			return nil
		}
		newID[g] = visiting
		err := components(data, func(at int) error {
			c := int(binary.BigEndian.Uint16(data[at:]))
			if c >= s.numGlyphs {
				return fmt.Errorf("fonts: %w: glyph %d has component %d, past the last glyph", ErrBadFont, g, c)
			}
			return visit(c, depth+1)
		})
		if err != nil {
			if !errors.Is(err, ErrBadFont) {
				err = fmt.Errorf("fonts: %w: glyph %d: %w", ErrBadFont, g, err)
			}
			return err
		}
		newID[g] = 1
		return nil
	}
	if err := visit(0, 0); err != nil {
		return nil, err
	}
	for _, m := range maps {
		if err := visit(int(m.g), 0); err != nil {
			return nil, err
		}
	}
	var kept []int // old numbers, ascending
	for g, id := range newID {
		if id != 0 {
			newID[g] = int32(len(kept)) + 1
			kept = append(kept, g)
		}
	}
	for i := range maps {
		maps[i].g = uint16(newID[maps[i].g] - 1)
	}

	// glyf and loca.
	size := 0
	for _, g := range kept {
		size += (len(s.glyphData(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	offsets := make([]int, 0, len(kept)+1)
	for _, g := range kept {
		offsets = append(offsets, len(glyf))
		data := s.glyphData(g)
		at := len(glyf)
		glyf = append(glyf, data...)
		glyf = append(glyf, make([]byte, (4-len(data)%4)%4)...)
		if len(data) > 0 && int16(binary.BigEndian.Uint16(data)) < 0 {
			out := glyf[at : at+len(data)]
			_ = components(out, func(c int) error { // checked by visit
				binary.BigEndian.PutUint16(out[c:], uint16(newID[binary.BigEndian.Uint16(out[c:])]-1))
				return nil
			})
		}
	}
	offsets = append(offsets, len(glyf))
	locaFormat := 0
	var loca []byte
	if len(glyf)/2 <= 0xffff {
		loca = make([]byte, 0, 2*len(offsets))
		for _, o := range offsets {
			loca = binary.BigEndian.AppendUint16(loca, uint16(o/2))
		}
	} else {
		locaFormat = 1
		loca = make([]byte, 0, 4*len(offsets))
		for _, o := range offsets {
			loca = binary.BigEndian.AppendUint32(loca, uint32(o))
		}
	}

	// hmtx: the glyphs at the end with the last advance need only their
	// left side bearings.
	advances := make([]uint16, len(kept))
	lsbs := make([]uint16, len(kept))
	for i, g := range kept {
		advances[i], lsbs[i] = s.metrics(g)
	}
	numHMetrics := len(kept)
	for numHMetrics > 1 && advances[numHMetrics-1] == advances[numHMetrics-2] {
		numHMetrics--
	}
	hmtx := make([]byte, 0, 4*numHMetrics+2*(len(kept)-numHMetrics))
	for i := range kept {
		if i < numHMetrics {
			hmtx = binary.BigEndian.AppendUint16(hmtx, advances[i])
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, lsbs[i])
	}

	cmap, err := buildCmap(maps)
	if err != nil {
		return nil, err
	}

	head := slices.Clone(s.head)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set at the end
	binary.BigEndian.PutUint16(head[50:], uint16(locaFormat))
	hhea := slices.Clone(s.hhea)
	binary.BigEndian.PutUint16(hhea[34:], uint16(numHMetrics))
	maxp := slices.Clone(s.maxp)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(kept)))
	post := slices.Clone(s.post[:32])
	binary.BigEndian.PutUint32(post, 0x00030000)

	tables := []sfntTable{
		{"cmap", cmap}, {"glyf", glyf}, {"head", head}, {"hhea", hhea},
		{"hmtx", hmtx}, {"loca", loca}, {"maxp", maxp}, {"post", post},
	}
	for i, tag := range copiedTables {
		if s.copied[i] != nil {
			tables = append(tables, sfntTable{tag, s.copied[i]})
		}
	}
	sub := &Subset{Font: assemble(tables), Glyph: make(map[rune]uint16, len(maps)), Advance: make([]float64, len(kept))}
	for _, m := range maps {
		sub.Glyph[m.r] = m.g
	}
	for i, g := range kept {
		sub.Advance[i] = s.advance[g]
	}
	return sub, nil
}

// runeGlyph maps a rune to a glyph.
type runeGlyph struct {
	r rune
	g uint16
}

// buildCmap writes a cmap table for maps, sorted by rune without
// duplicates: a format 4 subtable for the runes of the Basic
// Multilingual Plane and, when some rune is above it, a format 12
// subtable for all of them. Format 4 segments map runs of consecutive
// runes to runs of consecutive glyphs, with idDelta alone.
func buildCmap(maps []runeGlyph) ([]byte, error) {
	bmp := maps
	for len(bmp) > 0 && bmp[len(bmp)-1].r > 0xfffe {
		bmp = bmp[:len(bmp)-1] // U+FFFF ends the last segment and maps to no glyph
	}
	type run struct {
		first, last rune
		glyph       uint16
	}
	runs := func(ms []runeGlyph) []run {
		var out []run
		for _, m := range ms {
			if n := len(out); n > 0 && m.r == out[n-1].last+1 && int(m.g) == int(out[n-1].glyph)+int(m.r-out[n-1].first) {
				out[n-1].last = m.r
				continue
			}
			out = append(out, run{m.r, m.r, m.g})
		}
		return out
	}
	segs := append(runs(bmp), run{0xffff, 0xffff, 0}) // the final segment maps 0xFFFF to glyph 0
	segCount := len(segs)
	f4Len := 16 + 8*segCount
	if f4Len > 0xffff {
		return nil, fmt.Errorf("fonts: %d runs of runes are too many for a format 4 character map", segCount)
	}
	var groups []run
	if len(bmp) < len(maps) {
		groups = runs(maps)
	}
	numTables := 1
	if groups != nil {
		numTables = 2
	}
	f4At := 4 + 8*numTables
	f12At := f4At + f4Len
	out := make([]byte, 0, f12At+16+12*len(groups))
	be16 := func(vs ...int) {
		for _, v := range vs {
			out = binary.BigEndian.AppendUint16(out, uint16(v))
		}
	}
	be32 := func(vs ...int) {
		for _, v := range vs {
			out = binary.BigEndian.AppendUint32(out, uint32(v))
		}
	}
	be16(0, numTables)
	be16(3, 1)
	be32(f4At)
	if groups != nil {
		be16(3, 10)
		be32(f12At)
	}
	searchRange := 2 << (bits.Len(uint(segCount)) - 1) // 2 × the largest power of 2 ≤ segCount
	be16(4, f4Len, 0, 2*segCount, searchRange, bits.Len(uint(segCount))-1, 2*segCount-searchRange)
	for _, sg := range segs {
		be16(int(sg.last))
	}
	be16(0) // reservedPad
	for _, sg := range segs {
		be16(int(sg.first))
	}
	for _, sg := range segs {
		delta := int(sg.glyph) - int(sg.first) // modulo 65536
		if sg.first == 0xffff {
			delta = 1
		}
		be16(delta)
	}
	for range segs {
		be16(0) // idRangeOffset: no glyphIdArray
	}
	if groups != nil {
		be16(12, 0)
		be32(16+12*len(groups), 0, len(groups))
		for _, gr := range groups {
			be32(int(gr.first), int(gr.last), int(gr.glyph))
		}
	}
	return out, nil
}

// sfntTable is a table of a font being written.
type sfntTable struct {
	tag  string
	data []byte
}

// assemble writes a TrueType file of tables, which has a head table with
// its checkSumAdjustment zero: the table directory sorted by tag, each
// table 4-byte aligned and checksummed, and checkSumAdjustment set.
func assemble(tables []sfntTable) []byte {
	slices.SortFunc(tables, func(a, b sfntTable) int {
		switch {
		case a.tag < b.tag:
			return -1
		case a.tag > b.tag:
			return 1
		}
		return 0
	})
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	entrySelector := bits.Len(uint(n)) - 1
	searchRange := 16 << entrySelector
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	head := -1
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			head = len(out)
		}
		out = append(out, t.data...)
		out = append(out, make([]byte, (4-len(t.data)%4)%4)...)
	}
	if head >= 0 {
		binary.BigEndian.PutUint32(out[head+8:], 0xb1b0afba-checksum(out))
	}
	return out
}

// checksum is the sum of b as big-endian 32-bit words, the last padded
// with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
