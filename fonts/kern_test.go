package fonts

import (
	"maps"
	"testing"
)

// be16 encodes values as big-endian 16-bit words (negative values as
// two's complement).
func be16(vs ...int) []byte {
	var b []byte
	for _, v := range vs {
		b = append(b, byte(v>>8), byte(v))
	}
	return b
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// pair is a second glyph and the X advance of the first.
type pair struct{ second, xAdvance int }

// pairPosGlyphsTable builds a PairPos format 1 subtable whose value
// records are X advances only: sets[i] belongs to firsts[i].
func pairPosGlyphsTable(firsts []int, sets [][]pair) []byte {
	header := 10 + 2*len(sets)
	var setData []byte
	offsets := []int{}
	for _, s := range sets {
		offsets = append(offsets, header+len(setData))
		setData = append(setData, be16(len(s))...)
		for _, p := range s {
			setData = append(setData, be16(p.second, p.xAdvance)...)
		}
	}
	cov := cat(be16(1, len(firsts)), be16(firsts...))
	return cat(be16(1, header+len(setData), 0x0004, 0, len(sets)), be16(offsets...), setData, cov)
}

// pairPosClassesTable builds a PairPos format 2 subtable. The first
// value record holds an X placement and an X advance, the second an X
// placement, to exercise the record arithmetic. Coverage and the second
// class definition use range formats, the first class definition the
// array format.
func pairPosClassesTable(firstRanges [][2]int, class1Start int, class1 []int, class2 [][3]int, matrix [][]int) []byte {
	n1, n2 := len(matrix), len(matrix[0])
	var m []byte
	for _, row := range matrix {
		for _, v := range row {
			m = append(m, be16(7, v, 9)...) // XPlacement 7, XAdvance v; value 2: XPlacement 9
		}
	}
	covOff := 16 + len(m)
	cov, index := be16(2, len(firstRanges)), 0
	for _, r := range firstRanges {
		cov = append(cov, be16(r[0], r[1], index)...)
		index += r[1] - r[0] + 1
	}
	cd1Off := covOff + len(cov)
	cd1 := cat(be16(1, class1Start, len(class1)), be16(class1...))
	cd2Off := cd1Off + len(cd1)
	cd2 := be16(2, len(class2))
	for _, r := range class2 {
		cd2 = append(cd2, be16(r[0], r[1], r[2])...)
	}
	return cat(be16(2, covOff, 0x0005, 0x0001, cd1Off, cd2Off, n1, n2), m, cov, cd1, cd2)
}

func lookupTable(kind int, subs ...[]byte) []byte {
	offsets, at := []int{}, 6+2*len(subs)
	for _, s := range subs {
		offsets = append(offsets, at)
		at += len(s)
	}
	return cat(be16(kind, 0, len(subs)), be16(offsets...), cat(subs...))
}

func extension(sub []byte) []byte { return cat(be16(1, 2, 0, 8), sub) }

// gposTable builds a GPOS table with one script whose default language
// system has one feature, tagged feature, using the lookups listed.
func gposTable(script, feature string, featureLookups []int, lookups ...[]byte) []byte {
	scriptList := cat(be16(1), []byte(script), be16(8), be16(4, 0), be16(0, 0xffff, 1, 0))
	featureList := cat(be16(1), []byte(feature), be16(8), be16(0, len(featureLookups)), be16(featureLookups...))
	offsets, at := []int{}, 2+2*len(lookups)
	for _, l := range lookups {
		offsets = append(offsets, at)
		at += len(l)
	}
	lookupList := cat(be16(len(lookups)), be16(offsets...), cat(lookups...))
	sl := 10
	fl := sl + len(scriptList)
	ll := fl + len(featureList)
	return cat(be16(1, 0, sl, fl, ll), scriptList, featureList, lookupList)
}

func TestGPOSKerning(t *testing.T) {
	// Glyphs 1 to 5 have runes; glyph 6 has none.
	reach := []bool{false, true, true, true, true, true, false}
	first := lookupTable(2,
		// Glyph pairs decide (1,2), (1,3) (a zero) and (1,6).
		pairPosGlyphsTable([]int{1}, [][]pair{{{2, -50}, {3, 0}, {6, -70}}}),
		// Classes: first glyphs 1 (class 1) and 4 (class 0); second
		// glyphs 2 and 3 are class 1, the others class 0.
		pairPosClassesTable([][2]int{{1, 1}, {4, 4}}, 1, []int{1, 0, 0, 0}, [][3]int{{2, 3, 1}},
			[][]int{{0, -30}, {-10, -20}}),
		// Too late: the class subtable decided every pair starting with 1.
		pairPosGlyphsTable([]int{1}, [][]pair{{{5, -500}}}),
	)
	second := lookupTable(9, extension(pairPosGlyphsTable([]int{1, 2}, [][]pair{{{2, -5}}, {{1, 40}}})))
	notKern := lookupTable(2, pairPosGlyphsTable([]int{5}, [][]pair{{{5, -99}}}))
	other := lookupTable(4, be16(1, 0, 0, 0, 0, 0)) // mark-to-base: not kerning

	tests := []struct {
		name  string
		gpos  []byte
		found bool
		want  map[[2]int]int
	}{
		{
			name:  "pair and class subtables, extension, lookups summed",
			gpos:  gposTable("latn", "kern", []int{0, 1, 3}, first, second, notKern, other),
			found: true,
			want: map[[2]int]int{
				{1, 2}: -55,                           // -50 from the first lookup, -5 from the second
				{1, 1}: -10, {1, 4}: -10, {1, 5}: -10, // class 1 against class 0
				{4, 2}: -30, {4, 3}: -30, // class 0 against class 1
				{2, 1}: 40,
			},
		},
		{
			name:  "DFLT script when there is no Latin one",
			gpos:  gposTable("DFLT", "kern", []int{1}, first, second),
			found: true,
			want:  map[[2]int]int{{1, 2}: -5, {2, 1}: 40},
		},
		{
			name: "other scripts are not read",
			gpos: gposTable("cyrl", "kern", []int{1}, first, second),
		},
		{
			name: "other features are not read",
			gpos: gposTable("latn", "mark", []int{0}, first),
		},
	}
	for _, tt := range tests {
		k, found, err := gposKerning(&table{b: tt.gpos}, reach)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := map[[2]int]int{}
		for key, v := range k {
			if v != 0 {
				got[[2]int{int(key >> 16), int(key & 0xffff)}] = v
			}
		}
		if found != tt.found || !maps.Equal(got, tt.want) {
			t.Errorf("%s: found %v, pairs %v; want %v, %v", tt.name, found, got, tt.found, tt.want)
		}
	}
}

func TestGPOSKerningRefusesTruncatedTables(t *testing.T) {
	reach := []bool{false, true, true}
	full := gposTable("latn", "kern", []int{0}, lookupTable(2, pairPosGlyphsTable([]int{1}, [][]pair{{{2, -50}}})))
	for _, n := range []int{12, 30, 50, len(full) - 2} {
		if _, _, err := gposKerning(&table{b: full[:n]}, reach); err == nil {
			t.Errorf("GPOS cut to %d of %d bytes: no error", n, len(full))
		}
	}
}

func TestLegacyKerning(t *testing.T) {
	reach := []bool{false, true, true, true}
	sub := func(coverage int, pairs ...[3]int) []byte {
		b := be16(0, 14+6*len(pairs), coverage, len(pairs), 0, 0, 0)
		for _, p := range pairs {
			b = append(b, be16(p[0], p[1], p[2])...)
		}
		return b
	}
	tests := []struct {
		name string
		kern []byte
		want map[[2]int]int
	}{
		{"horizontal pairs", cat(be16(0, 1), sub(0x0001, [3]int{1, 2, -80}, [3]int{2, 3, 25})),
			map[[2]int]int{{1, 2}: -80, {2, 3}: 25}},
		{"subtables add up", cat(be16(0, 2), sub(0x0001, [3]int{1, 2, -80}), sub(0x0001, [3]int{1, 2, -20})),
			map[[2]int]int{{1, 2}: -100}},
		{"override replaces", cat(be16(0, 2), sub(0x0001, [3]int{1, 2, -80}), sub(0x0009, [3]int{1, 2, -20})),
			map[[2]int]int{{1, 2}: -20}},
		{"cross-stream and minimum values are skipped", cat(be16(0, 2), sub(0x0005, [3]int{1, 2, -80}), sub(0x0003, [3]int{2, 3, -5})),
			map[[2]int]int{}},
		{"unreachable glyphs are skipped", cat(be16(0, 1), sub(0x0001, [3]int{1, 9, -80})),
			map[[2]int]int{}},
		{"Apple's table is not read", cat(be16(1, 0, 0, 1), sub(0x0001, [3]int{1, 2, -80})), map[[2]int]int{}},
	}
	for _, tt := range tests {
		k, err := legacyKerning(&table{b: tt.kern}, reach)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := map[[2]int]int{}
		for key, v := range k {
			got[[2]int{int(key >> 16), int(key & 0xffff)}] = v
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	truncated := cat(be16(0, 1), sub(0x0001, [3]int{1, 2, -80}))
	if _, err := legacyKerning(&table{b: truncated[:len(truncated)-3]}, reach); err == nil {
		t.Error("a truncated kern table gave no error")
	}
}
