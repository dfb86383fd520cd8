package fonts

import (
	"encoding/binary"
	"fmt"
	"math"
)

// table is the bytes of one font table, read big-endian. A read out of
// range returns 0 and marks the table bad, so that a parser can read a
// whole structure and check once at the end; counts read from a bad
// table are 0, so loops stop at once.
type table struct {
	b   []byte
	bad bool
}

func (t *table) u16(off int) int {
	if off < 0 || off+2 > len(t.b) {
		t.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint16(t.b[off:]))
}

func (t *table) i16(off int) int { return int(int16(t.u16(off))) }

func (t *table) u32(off int) int64 {
	if off < 0 || off+4 > len(t.b) {
		t.bad = true
		return 0
	}
	return int64(binary.BigEndian.Uint32(t.b[off:]))
}

func (t *table) tag(off int) string {
	if off < 0 || off+4 > len(t.b) {
		t.bad = true
		return ""
	}
	return string(t.b[off : off+4])
}

// has reports whether n bytes from off are inside the table.
func (t *table) has(off int, n int64) bool {
	return off >= 0 && n >= 0 && int64(off)+n <= int64(len(t.b))
}

// directory reads the table directory of a TrueType file: tag to bytes.
func directory(ttf []byte) (map[string]*table, error) {
	file := &table{b: ttf}
	n := file.u16(4)
	if !file.has(12, int64(n)*16) {
		return nil, fmt.Errorf("the table directory (%d tables) extends past the end of the file", n)
	}
	tables := make(map[string]*table, n)
	for i := range n {
		rec := 12 + 16*i
		tag := file.tag(rec)
		off, length := file.u32(rec+8), file.u32(rec+12)
		if off > int64(len(ttf)) || length > int64(len(ttf))-off {
			return nil, fmt.Errorf("table %q extends past the end of the file", tag)
		}
		tables[tag] = &table{b: ttf[off : off+length]}
	}
	return tables, nil
}

// metrics are what Parse reads from the tables the PDF writer reads too.
type metrics struct {
	unitsPerEm int
	numGlyphs  int
	cmap       charMap   // glyph of each BMP rune, as the PDF writer maps them
	advance    []float64 // per glyph, thousandths of an em, rounded as in /W
	ascent     int       // font units, positive up
	descent    int       // font units, positive down
	capHeight  int       // 0 when the OS/2 table does not say
	xHeight    int
	fsType     int
}

// readMetrics reads head, maxp, hhea, hmtx, OS/2 and cmap the way
// codeberg.org/go-pdf/fpdf's UTF-8 font code read them when it embedded
// duetto's fonts, so that widths stayed as they were when the writer
// began to embed them itself.
func readMetrics(tables map[string]*table) (*metrics, error) {
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"} {
		if tables[tag] == nil {
			if tag == "glyf" || tag == "loca" {
				return nil, fmt.Errorf("no %q table: the font has no TrueType (glyf) outlines, which the PDF writer needs", tag)
			}
			return nil, fmt.Errorf("no %q table", tag)
		}
	}
	m := &metrics{}
	head, maxp, hhea := tables["head"], tables["maxp"], tables["hhea"]
	m.unitsPerEm = head.u16(18)
	m.numGlyphs = maxp.u16(4)
	m.ascent, m.descent = hhea.i16(4), -hhea.i16(6)
	numHMetrics := hhea.u16(34)
	for _, t := range []*table{head, maxp, hhea} {
		if t.bad {
			return nil, fmt.Errorf("the head, hhea or maxp table is too short")
		}
	}
	if m.unitsPerEm < 16 || m.unitsPerEm > 16384 {
		return nil, fmt.Errorf("units per em is %d (want 16 to 16384)", m.unitsPerEm)
	}
	if numHMetrics == 0 || numHMetrics > m.numGlyphs {
		return nil, fmt.Errorf("hhea counts %d horizontal metrics for %d glyphs", numHMetrics, m.numGlyphs)
	}
	if os2 := tables["OS/2"]; os2 != nil {
		version := os2.u16(0)
		m.fsType = os2.u16(8)
		if m.ascent == 0 && m.descent == 0 {
			m.ascent, m.descent = os2.i16(68), -os2.i16(70)
		}
		if version >= 2 {
			m.xHeight, m.capHeight = os2.i16(86), os2.i16(88)
		}
		if os2.bad {
			m.xHeight, m.capHeight = 0, 0
		}
	}

	// Advances: fpdf computes int(math.Round(1000.0/unitsPerEm*advance))
	// from hmtx; glyphs past numberOfHMetrics take the last advance, and
	// advances of 32768 units or more are read as 0.
	hmtx := tables["hmtx"]
	if !hmtx.has(0, int64(numHMetrics)*4) {
		return nil, fmt.Errorf("the hmtx table is too short for %d metrics", numHMetrics)
	}
	scale := 1000.0 / float64(m.unitsPerEm)
	m.advance = make([]float64, m.numGlyphs)
	units := 0
	for g := range m.numGlyphs {
		if g < numHMetrics {
			units = hmtx.u16(4 * g)
			if units >= 1<<15 {
				units = 0
			}
		}
		m.advance[g] = math.Round(scale * float64(units))
	}

	cmap, err := readCmap(tables["cmap"], m.numGlyphs)
	if err != nil {
		return nil, err
	}
	m.cmap = cmap
	return m, nil
}

// maxCmapCodes bounds the code points the segments of a format 4
// character map may cover together, so that a corrupt map of overlapping
// segments cannot make reading it take long: a well-made map covers each
// code point at most once.
const maxCmapCodes = 1 << 18

// readCmap reads the character map Face uses (the one fpdf read): the
// first subtable in the directory that is Unicode (platform 0, or
// platform 3 encoding 1) and of format 4, as the glyph of each rune of
// the Basic Multilingual Plane that has one (a charMap). A rune outside
// the plane thus has no glyph for layout, even when the font has one.
// Runes mapped to glyph 0 or past the last glyph, U+0000 and U+FFFF have
// no glyph either.
func readCmap(cmap *table, numGlyphs int) (charMap, error) {
	n := cmap.u16(2)
	sub := -1
	for i := range n {
		rec := 4 + 8*i
		platform, encoding, off := cmap.u16(rec), cmap.u16(rec+2), int(cmap.u32(rec+4))
		if (platform == 3 && encoding == 1 || platform == 0) && cmap.u16(off) == 4 {
			sub = off
			break
		}
	}
	if cmap.bad || sub < 0 {
		return charMap{}, fmt.Errorf("no Unicode character map of format 4 (the only one the PDF writer reads)")
	}
	end := sub + cmap.u16(sub+2) // fpdf reads glyph ids only below the subtable's end
	segs := cmap.u16(sub+6) / 2
	ends, starts := sub+14, sub+16+2*segs
	deltas, rangeOffs := starts+2*segs, starts+4*segs
	codes := 0
	for s := range segs {
		codes += max(0, cmap.u16(ends+2*s)-cmap.u16(starts+2*s)+1)
	}
	if codes > maxCmapCodes {
		return charMap{}, fmt.Errorf("the character map's segments cover %d code points, more than %d (overlapping segments)", codes, maxCmapCodes)
	}
	out := charMap{dense: make([]uint16, denseRunes), sparse: map[rune]uint16{}}
	for s := range segs {
		first, last := cmap.u16(starts+2*s), cmap.u16(ends+2*s)
		delta, rangeOff := cmap.u16(deltas+2*s), cmap.u16(rangeOffs+2*s)
		for c := first; c <= last; c++ {
			g := 0
			if rangeOff == 0 {
				g = (c + delta) & 0xffff
			} else if pos := rangeOffs + 2*s + rangeOff + 2*(c-first); pos < end {
				if g = cmap.u16(pos); g != 0 {
					g = (g + delta) & 0xffff
				}
			}
			if c == 0 || c == 0xffff || g >= numGlyphs {
				g = 0
			}
			out.set(rune(c), uint16(g)) // a later segment overrides an earlier one
		}
	}
	if cmap.bad {
		return charMap{}, fmt.Errorf("the character map is truncated")
	}
	return out, nil
}

// charMap is the glyph of each rune of the Basic Multilingual Plane that
// a font maps: a slice for the runes below denseRunes, where every script
// of a Latin brochure is, and a map for the few others; 0 is no glyph.
type charMap struct {
	dense  []uint16
	sparse map[rune]uint16
}

// glyph is the glyph of r, 0 when the map has none.
func (m *charMap) glyph(r rune) uint16 {
	if r >= 0 && r < denseRunes {
		return m.dense[r]
	}
	return m.sparse[r]
}

// set maps r to glyph g (0: to none).
func (m *charMap) set(r rune, g uint16) {
	switch {
	case r >= 0 && r < denseRunes:
		m.dense[r] = g
	case g != 0:
		m.sparse[r] = g
	default:
		delete(m.sparse, r)
	}
}
