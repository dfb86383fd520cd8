package fonts

import "encoding/binary"

// kernPair is one entry of a TrueType 'kern' table: the adjustment, in
// font units, between two glyphs.
type kernPair struct {
	left, right uint16
	value       int16
}

// kernPairs reads the horizontal format-0 subtables of a TrueType font's
// 'kern' table (Apple/Microsoft "kern" table, version 0). It returns nil
// when the font has no such table or it is malformed: kerning is then
// simply absent. golang.org/x/image/font/sfnt looks pairs up one at a
// time; reading the table once is what lets Parse index every pair
// without testing all glyph combinations.
func kernPairs(ttf []byte) []kernPair {
	table := findTable(ttf, "kern")
	if len(table) < 4 || binary.BigEndian.Uint16(table) != 0 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(table[2:]))
	var pairs []kernPair
	off := 4
	for i := 0; i < n && off+6 <= len(table); i++ {
		length := int(binary.BigEndian.Uint16(table[off+2:]))
		coverage := binary.BigEndian.Uint16(table[off+4:])
		sub := table[off:min(len(table), off+max(length, 6))]
		off += max(length, 6)
		// Format 0 (high byte), horizontal (bit 0), not minimum (bit 1) or
		// cross-stream (bit 2) values.
		if coverage>>8 != 0 || coverage&0x7 != 1 || len(sub) < 14 {
			continue
		}
		count := int(binary.BigEndian.Uint16(sub[6:]))
		for k := 0; k < count; k++ {
			e := 14 + 6*k
			if e+6 > len(sub) {
				break
			}
			pairs = append(pairs, kernPair{
				left:  binary.BigEndian.Uint16(sub[e:]),
				right: binary.BigEndian.Uint16(sub[e+2:]),
				value: int16(binary.BigEndian.Uint16(sub[e+4:])),
			})
		}
	}
	return pairs
}

// findTable returns the bytes of the table with the given tag from an
// sfnt file's table directory, or nil.
func findTable(ttf []byte, tag string) []byte {
	if len(ttf) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil
		}
		if string(ttf[rec:rec+4]) != tag {
			continue
		}
		off := int(binary.BigEndian.Uint32(ttf[rec+8:]))
		length := int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil
		}
		return ttf[off : off+length]
	}
	return nil
}
