package fonts

import (
	"fmt"
	"math/bits"
	"slices"
)

// Kerning comes from the GPOS table's 'kern' feature when the font has
// one, else from the legacy 'kern' table, as shaping engines do.
//
// From GPOS, Parse reads the feature's lookups for the Latin script's
// default language system (the DFLT script's when the font has no Latin
// one): pair adjustment lookups (type 2, formats 1 and 2, also inside
// extension lookups, type 9). The kerning of a pair is the X advance of
// its first value record; placements, device tables and feature
// variations are not read. Within one lookup the first subtable that
// covers a pair decides it, as in shaping (a class-based subtable decides
// every pair whose first glyph it covers); the adjustments of successive
// lookups add up.
//
// From the legacy table, Parse reads the Microsoft format: format 0
// subtables of horizontal kerning (not cross-stream, not minimum values).

// pairKey packs a pair of glyphs into a map key.
func pairKey(left, right uint16) uint32 { return uint32(left)<<16 | uint32(right) }

// kerning is pair adjustments in font units, by pairKey.
type kerning map[uint32]int

// maxCoverage bounds the glyphs one coverage or class table may list,
// so that overlapping ranges in a hostile font cannot make Parse slow.
const maxCoverage = 1 << 18

// gposKerning reads the pair adjustments of the GPOS 'kern' feature
// between the glyphs that reach marks true. found reports whether the
// font has such a feature.
func gposKerning(gpos *table, reach []bool) (k kerning, found bool, err error) {
	if gpos.u16(0) != 1 { // major version
		return nil, false, nil
	}
	scripts, features, lookups := gpos.u16(4), gpos.u16(6), gpos.u16(8)
	var indices []int
	for _, script := range []string{"latn", "DFLT"} {
		if indices = kernLookups(gpos, scripts, features, script); len(indices) > 0 {
			break
		}
	}
	if gpos.bad {
		return nil, false, fmt.Errorf("GPOS table: the script or feature list is truncated")
	}
	if len(indices) == 0 {
		return nil, false, nil
	}
	k = kerning{}
	n := gpos.u16(lookups)
	for _, li := range indices {
		if li >= n {
			return nil, false, fmt.Errorf("GPOS table: the kern feature names lookup %d of %d", li, n)
		}
		lookup := lookups + gpos.u16(lookups+2+2*li)
		pairLookup(gpos, lookup, reach, k)
		if gpos.bad {
			return nil, false, fmt.Errorf("GPOS table: lookup %d is truncated", li)
		}
	}
	return k, true, nil
}

// kernLookups lists, sorted, the lookups of the 'kern' features of the
// default language system of script.
func kernLookups(gpos *table, scripts, features int, script string) []int {
	langSys := -1
	for i := range gpos.u16(scripts) {
		rec := scripts + 2 + 6*i
		if gpos.tag(rec) != script {
			continue
		}
		s := scripts + gpos.u16(rec+4)
		if d := gpos.u16(s); d != 0 {
			langSys = s + d
		}
		break
	}
	if langSys < 0 {
		return nil
	}
	featureIndices := make([]int, 0, 16)
	if req := gpos.u16(langSys + 2); req != 0xffff {
		featureIndices = append(featureIndices, req)
	}
	for i := range gpos.u16(langSys + 4) {
		featureIndices = append(featureIndices, gpos.u16(langSys+6+2*i))
	}
	var out []int
	nFeatures := gpos.u16(features)
	for _, fi := range featureIndices {
		rec := features + 2 + 6*fi
		if fi >= nFeatures || gpos.tag(rec) != "kern" {
			continue
		}
		f := features + gpos.u16(rec+4)
		for j := range gpos.u16(f + 2) {
			out = append(out, gpos.u16(f+4+2*j))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pairLookup adds the adjustments of one lookup to k; other lookup types
// than pair adjustment are skipped.
func pairLookup(gpos *table, lookup int, reach []bool, k kerning) {
	kind, n := gpos.u16(lookup), gpos.u16(lookup+4)
	st := &lookupState{decidedFirst: make([]bool, len(reach)), decidedPair: map[uint32]bool{}}
	for i := range n {
		sub := lookup + gpos.u16(lookup+6+2*i)
		if kind == 9 { // extension: format, lookup type, 32-bit offset
			if gpos.u16(sub) != 1 || gpos.u16(sub+2) != 2 {
				continue
			}
			sub += int(gpos.u32(sub + 4))
		} else if kind != 2 {
			return
		}
		switch gpos.u16(sub) {
		case 1:
			pairPosGlyphs(gpos, sub, reach, st, k)
		case 2:
			pairPosClasses(gpos, sub, reach, st, k)
		}
		if gpos.bad {
			return
		}
	}
}

// lookupState records which pairs an earlier subtable of the same lookup
// decided.
type lookupState struct {
	decidedFirst []bool          // by a class-based subtable: every pair starting with the glyph
	decidedPair  map[uint32]bool // by a glyph-pair subtable
}

// valueSize is the size of a value record of format vf.
func valueSize(vf int) int { return 2 * bits.OnesCount8(uint8(vf)) }

// xAdvance is the offset of the X advance in a value record of format
// vf; ok is false when the record has none.
func xAdvance(vf int) (off int, ok bool) {
	return 2 * bits.OnesCount8(uint8(vf&3)), vf&4 != 0
}

// pairPosGlyphs reads a pair adjustment subtable of format 1: a list of
// second glyphs for each covered first glyph.
func pairPosGlyphs(gpos *table, sub int, reach []bool, st *lookupState, k kerning) {
	vf1, vf2, sets := gpos.u16(sub+4), gpos.u16(sub+6), gpos.u16(sub+8)
	recSize := 2 + valueSize(vf1) + valueSize(vf2)
	xoff, hasX := xAdvance(vf1)
	coverage(gpos, sub+gpos.u16(sub+2), len(reach), func(first, index int) {
		if index >= sets || !reach[first] || st.decidedFirst[first] {
			return
		}
		set := sub + gpos.u16(sub+10+2*index)
		n := gpos.u16(set)
		if !gpos.has(set+2, int64(n)*int64(recSize)) {
			gpos.bad = true
			return
		}
		for i := range n {
			rec := set + 2 + i*recSize
			second := gpos.u16(rec)
			if second >= len(reach) || !reach[second] {
				continue
			}
			key := pairKey(uint16(first), uint16(second))
			if st.decidedPair[key] {
				continue
			}
			st.decidedPair[key] = true
			if hasX {
				if v := gpos.i16(rec + 2 + xoff); v != 0 {
					k[key] += v
				}
			}
		}
	})
}

// pairPosClasses reads a pair adjustment subtable of format 2: a matrix
// of adjustments between classes of first and second glyphs.
func pairPosClasses(gpos *table, sub int, reach []bool, st *lookupState, k kerning) {
	vf1, vf2 := gpos.u16(sub+4), gpos.u16(sub+6)
	n1, n2 := gpos.u16(sub+12), gpos.u16(sub+14)
	recSize := valueSize(vf1) + valueSize(vf2)
	xoff, hasX := xAdvance(vf1)
	matrix := sub + 16
	if !gpos.has(matrix, int64(n1)*int64(n2)*int64(recSize)) {
		gpos.bad = true
		return
	}
	class1 := classDef(gpos, sub+gpos.u16(sub+8), len(reach))
	class2 := classDef(gpos, sub+gpos.u16(sub+10), len(reach))
	// The reachable glyphs of each second class; class 0 is every glyph
	// the class definition does not list.
	members := make([][]uint16, n2)
	for g, ok := range reach {
		if c := int(class2[g]); ok && c < n2 {
			members[c] = append(members[c], uint16(g))
		}
	}
	coverage(gpos, sub+gpos.u16(sub+2), len(reach), func(first, _ int) {
		c1 := int(class1[first])
		if c1 >= n1 || st.decidedFirst[first] {
			return
		}
		st.decidedFirst[first] = true
		if !reach[first] || !hasX {
			return
		}
		for c2 := range n2 {
			v := gpos.i16(matrix + (c1*n2+c2)*recSize + xoff)
			if v == 0 {
				continue
			}
			for _, second := range members[c2] {
				key := pairKey(uint16(first), second)
				if !st.decidedPair[key] {
					k[key] += v
				}
			}
		}
	})
}

// coverage calls f with each glyph of a coverage table, below numGlyphs,
// and its coverage index.
func coverage(t *table, off, numGlyphs int, f func(glyph, index int)) {
	calls := 0
	switch t.u16(off) {
	case 1:
		n := t.u16(off + 2)
		for i := range n {
			if g := t.u16(off + 4 + 2*i); g < numGlyphs {
				f(g, i)
			}
		}
	case 2:
		for i := range t.u16(off + 2) {
			rec := off + 4 + 6*i
			first, last, index := t.u16(rec), min(t.u16(rec+2), numGlyphs-1), t.u16(rec+4)
			for g := first; g <= last; g++ {
				if calls++; calls > maxCoverage {
					t.bad = true
					return
				}
				f(g, index+g-first)
			}
		}
	default:
		t.bad = true
	}
}

// classDef reads a class definition table: the class of each glyph
// below numGlyphs, 0 for the glyphs it does not list.
func classDef(t *table, off, numGlyphs int) []uint16 {
	classes := make([]uint16, numGlyphs)
	switch t.u16(off) {
	case 1:
		start, n := t.u16(off+2), t.u16(off+4)
		for i := range n {
			if g := start + i; g < numGlyphs {
				classes[g] = uint16(t.u16(off + 6 + 2*i))
			}
		}
	case 2:
		calls := 0
		for i := range t.u16(off + 2) {
			rec := off + 4 + 6*i
			first, last, c := t.u16(rec), min(t.u16(rec+2), numGlyphs-1), uint16(t.u16(rec+4))
			for g := first; g <= last; g++ {
				if calls++; calls > maxCoverage {
					t.bad = true
					return classes
				}
				classes[g] = c
			}
		}
	default:
		t.bad = true
	}
	return classes
}

// legacyKerning reads the pairs of the legacy 'kern' table between the
// glyphs that reach marks true.
func legacyKerning(kern *table, reach []bool) (kerning, error) {
	if kern.u16(0) != 0 { // Apple's version 1 table is not read
		return nil, nil
	}
	k := kerning{}
	off := 4
	for range kern.u16(2) {
		length, cov := kern.u16(off+2), kern.u16(off+4)
		format, horizontal, minimum, cross, override := cov>>8, cov&1 != 0, cov&2 != 0, cov&4 != 0, cov&8 != 0
		if format != 0 {
			off += length
			continue
		}
		n := kern.u16(off + 6)
		if !kern.has(off+14, int64(n)*6) {
			return nil, fmt.Errorf("kern table: a subtable of %d pairs is truncated", n)
		}
		if horizontal && !minimum && !cross {
			for i := range n {
				rec := off + 14 + 6*i
				l, r, v := kern.u16(rec), kern.u16(rec+2), kern.i16(rec+4)
				if l >= len(reach) || r >= len(reach) || !reach[l] || !reach[r] {
					continue
				}
				key := pairKey(uint16(l), uint16(r))
				if override {
					k[key] = v
				} else {
					k[key] += v
				}
			}
		}
		// The 16-bit length overflows in large subtables: the pair count
		// gives the real size.
		off += 14 + 6*n
	}
	if kern.bad {
		return nil, fmt.Errorf("kern table: truncated")
	}
	return k, nil
}
