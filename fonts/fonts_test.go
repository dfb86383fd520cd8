package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func mustBuiltin(t testing.TB, name string) *Face {
	t.Helper()
	f, err := Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAdvanceMatchesArialMetrics(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	tests := []struct {
		r    rune
		want float64
	}{
		{'a', 556}, {' ', 278}, {'m', 833}, {'W', 944}, {'-', 333}, {'i', 222},
		{'à', 556}, {'È', 667}, {'’', 222}, {'–', 556}, {'—', 1000}, {'€', 556},
		{'東', 0}, {'\U0001F600', 0},
	}
	for _, tt := range tests {
		if got := f.Advance(tt.r); got != tt.want {
			t.Errorf("Advance(%q) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

// The PDF viewer places glyphs by the /W array fpdf writes, so every
// advance must be fpdf's own number for the rune.
func TestAdvanceIsWhatFPDFWrites(t *testing.T) {
	for _, name := range BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			f := mustBuiltin(t, name)
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.AddUTF8FontFromBytes("f", "", f.Data())
			pdf.SetFont("f", "", 10)
			if err := pdf.Error(); err != nil {
				t.Fatal(err)
			}
			checked := 0
			for r := rune(1); r < 0xffff; r++ {
				if !f.HasGlyph(r) {
					continue
				}
				checked++
				if got, want := f.Advance(r), float64(pdf.GetStringSymbolWidth(string(r))); got != want {
					t.Errorf("Advance(%U) = %v, fpdf writes %v", r, got, want)
				}
			}
			if checked < 2000 {
				t.Errorf("only %d runes have glyphs", checked)
			}
		})
	}
}

func TestKerning(t *testing.T) {
	sans := mustBuiltin(t, "LiberationSans-Regular")
	serif := mustBuiltin(t, "LiberationSerif-Italic")
	tests := []struct {
		name        string
		face        *Face
		left, right rune
		want        float64 // font units × 1000 / 2048
	}{
		{"A V closer", sans, 'A', 'V', -152 * 1000.0 / 2048},
		{"T o closer", sans, 'T', 'o', -227 * 1000.0 / 2048},
		{"V A closer", sans, 'V', 'A', -152 * 1000.0 / 2048},
		{"unkerned pair", sans, 'o', 'o', 0},
		{"order matters", sans, 'o', 'T', 0},
		{"missing glyph", sans, 'A', '東', 0},
		{"italic serif A V", serif, 'A', 'V', -102 * 1000.0 / 2048},
	}
	for _, tt := range tests {
		if got := tt.face.Kern(tt.left, tt.right); got != tt.want {
			t.Errorf("%s: Kern(%q, %q) = %v, want %v", tt.name, tt.left, tt.right, got, tt.want)
		}
	}
}

// sfnt reads GPOS kerning one pair at a time: every pair of every
// built-in face must agree with it.
func TestKerningAgreesWithSfnt(t *testing.T) {
	if testing.Short() {
		t.Skip("compares millions of pairs")
	}
	for _, name := range []string{"LiberationSans-Regular", "LiberationSerif-BoldItalic"} {
		f := mustBuiltin(t, name)
		sf, err := sfnt.Parse(f.data)
		if err != nil {
			t.Fatal(err)
		}
		upem := float64(sf.UnitsPerEm())
		var buf sfnt.Buffer
		var runes []rune
		for r := rune(0x20); r < 0x2070; r++ {
			if f.HasGlyph(r) {
				runes = append(runes, r)
			}
		}
		kerned := 0
		for _, a := range runes {
			ga, _ := sf.GlyphIndex(&buf, a)
			for _, b := range runes {
				gb, _ := sf.GlyphIndex(&buf, b)
				want := 0.0
				if k, err := sf.Kern(&buf, ga, gb, fixed.Int26_6(upem*64), font.HintingNone); err == nil {
					want = float64(k) / 64 * 1000 / upem
				}
				if got := f.Kern(a, b); got != want {
					t.Fatalf("%s: Kern(%q, %q) = %v, sfnt says %v", name, a, b, got, want)
				}
				if want != 0 {
					kerned++
				}
			}
		}
		if kerned < 500 {
			t.Errorf("%s: only %d kerned pairs", name, kerned)
		}
	}
}

// Liberation's GPOS kern feature and its legacy kern table hold the
// same pairs, so both readers can be checked against each other.
func TestLegacyKernTableMatchesGPOS(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	tables, err := directory(ttf)
	if err != nil {
		t.Fatal(err)
	}
	reach := make([]bool, 4000)
	for i := range reach {
		reach[i] = true
	}
	gpos, found, err := gposKerning(tables["GPOS"], reach)
	if err != nil || !found {
		t.Fatalf("GPOS: found %v, %v", found, err)
	}
	legacy, err := legacyKerning(tables["kern"], reach)
	if err != nil {
		t.Fatal(err)
	}
	if len(gpos) < 500 || len(gpos) != len(legacy) {
		t.Fatalf("GPOS has %d pairs, kern %d", len(gpos), len(legacy))
	}
	for k, v := range gpos {
		if legacy[k] != v {
			t.Errorf("pair %#x: GPOS %d, kern %d", k, v, legacy[k])
		}
	}
}

func TestWidthIsAdvancesPlusKerning(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	tests := []struct {
		s    string
		size float64
	}{
		{"", 10}, {"a", 10}, {"aa", 11.5}, {"AV", 10}, {"To", 9}, {"AVA", 12},
		{"Città metropolitana di Torino", 11.5}, {"l’“Paniere”", 8},
		{"A東V", 10}, // a missing glyph between stops the kerning
		{"VAT\u00adTo", 10},
	}
	for _, tt := range tests {
		want := 0.0
		rs := []rune(tt.s)
		for i, r := range rs {
			want += f.Advance(r)
			if i > 0 {
				want += f.Kern(rs[i-1], r)
			}
		}
		want *= tt.size / 1000
		if got := f.Width(tt.s, tt.size); math.Abs(got-want) > 1e-9 {
			t.Errorf("Width(%q, %v) = %v, want %v", tt.s, tt.size, got, want)
		}
	}
	if got := f.Width("aa", 10); got != 11.12 {
		t.Errorf("Width(aa, 10pt) = %v, want 11.12", got)
	}
	if kerned, plain := f.Width("AV", 10), (f.Advance('A')+f.Advance('V'))/100; kerned >= plain {
		t.Errorf("Width(AV) = %v, not less than the plain advances %v", kerned, plain)
	}
}

func TestMissing(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	tests := []struct {
		s    string
		want []rune
	}{
		{"", nil},
		{"Città – “Torino” l’area €", nil},
		{"soft\u00adhyphen, zero\u200bwidth,\ttab\nline", nil},
		{"abc 東京東", []rune{'東', '京'}},
		{"x\U0001F600y\U0001F600", []rune{'\U0001F600'}},
		{"\u0378 Ω", []rune{'\u0378'}}, // unassigned in Greek; Omega is there
	}
	for _, tt := range tests {
		if got := f.Missing(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("Missing(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	if f.HasGlyph('東') || !f.HasGlyph('È') || !f.HasGlyph('\u00a0') {
		t.Error("HasGlyph wrong for 東, È or no-break space")
	}
}

func TestVerticalMetrics(t *testing.T) {
	tests := []struct {
		name                           string
		ascent, descent, capH, xHeight float64
	}{
		// Liberation's hhea and OS/2 values, in units of a 2048 em.
		{"LiberationSans-Regular", 1854, 434, 1409, 1082},
		{"LiberationSerif-Regular", 1825, 443, 1341, 940},
	}
	for _, tt := range tests {
		f := mustBuiltin(t, tt.name)
		got := []float64{f.Ascent(), f.Descent(), f.CapHeight(), f.XHeight()}
		want := []float64{tt.ascent, tt.descent, tt.capH, tt.xHeight}
		for i := range want {
			want[i] *= 1000.0 / 2048
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: ascent, descent, cap height, x height = %v, want %v", tt.name, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct{ builtin, postScript string }{
		{"LiberationSans-Regular", "LiberationSans"},
		{"LiberationSans-BoldItalic", "LiberationSans-BoldItalic"},
		{"LiberationSerif-Italic", "LiberationSerif-Italic"},
	}
	for _, tt := range tests {
		if got := mustBuiltin(t, tt.builtin).Name(); got != tt.postScript {
			t.Errorf("Builtin(%s).Name() = %q, want %q", tt.builtin, got, tt.postScript)
		}
	}
	for _, name := range BuiltinNames() {
		if _, err := Builtin(name); err != nil {
			t.Errorf("Builtin(%s): %v", name, err)
		}
	}
}

func TestUnknownBuiltinListsTheKnownOnes(t *testing.T) {
	_, err := Builtin("Helvetica")
	if err == nil || !strings.Contains(err.Error(), "Helvetica") || !strings.Contains(err.Error(), "LiberationSerif-BoldItalic") {
		t.Errorf("Builtin(Helvetica) error = %v, want one naming it and the built-in fonts", err)
	}
}

func TestDataIsACopy(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	d := f.Data()
	d[0] = 'X'
	if f.Data()[0] == 'X' {
		t.Error("Data returned the face's own bytes")
	}
}

func TestParseRefusesWhatFPDFCannotEmbed(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	restricted := withFSType(t, ttf, 0x0002)
	tests := []struct {
		name, file string
		data       []byte
		says       string
	}{
		{"CFF OpenType", "font.otf", append([]byte("OTTO\x00\x09\x00\x80\x00\x03\x00\x10"), make([]byte, 200)...), "TrueType (glyf)"},
		{"collection", "fonts.ttc", append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01"), make([]byte, 200)...), "collection"},
		{"web font", "font.woff", append([]byte("wOFF"), make([]byte, 200)...), "WOFF"},
		{"text", "notes.ttf", []byte("this is not a font at all, just text"), "does not start like a font"},
		{"empty", "empty.ttf", nil, "too short"},
		{"truncated", "cut.ttf", ttf[:2000], "past the end"},
		{"no tables", "hollow.ttf", []byte("\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), "no \"head\" table"},
		{"licence forbids embedding", "restricted.ttf", restricted, "licence"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.file, tt.data)
		if !errors.Is(err, ErrNotTrueType) {
			t.Errorf("%s: Parse error = %v, want ErrNotTrueType", tt.name, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, tt.file+": ") || !strings.Contains(msg, tt.says) {
			t.Errorf("%s: error %q should start with the file name and say %q", tt.name, msg, tt.says)
		}
	}
}

// withFSType returns a copy of ttf with the OS/2 embedding permissions
// set to fsType.
func withFSType(t *testing.T, ttf []byte, fsType uint16) []byte {
	t.Helper()
	out := slices.Clone(ttf)
	tables, err := directory(out)
	if err != nil {
		t.Fatal(err)
	}
	os2 := tables["OS/2"].b
	os2[8], os2[9] = byte(fsType>>8), byte(fsType)
	return out
}

// overlappingCmap returns a copy of ttf whose format 4 character map has
// every segment but the last cover U+0001–U+FFFE.
func overlappingCmap(t *testing.T, ttf []byte) []byte {
	t.Helper()
	out := slices.Clone(ttf)
	tables, err := directory(out)
	if err != nil {
		t.Fatal(err)
	}
	cmap := tables["cmap"]
	for i := range cmap.u16(2) {
		if off := int(cmap.u32(4 + 8*i + 4)); cmap.u16(off) == 4 {
			segs := cmap.u16(off+6) / 2
			for s := range segs - 1 {
				binary.BigEndian.PutUint16(cmap.b[off+14+2*s:], 0xfffe)        // endCode
				binary.BigEndian.PutUint16(cmap.b[off+16+2*segs+2*s:], 0x0001) // startCode
			}
		}
	}
	return out
}

// A character map whose segments overlap many times over is refused at
// once rather than read for seconds.
func TestParseRefusesOverlappingCmapSegments(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	start := time.Now()
	_, err := Parse("overlap.ttf", overlappingCmap(t, ttf))
	if !errors.Is(err, ErrNotTrueType) || !strings.Contains(err.Error(), "code points") {
		t.Errorf("error %v, want ErrNotTrueType about the code points", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Parse took %v", d)
	}
}

// Corrupt fonts must give an error or a face, never a panic.
func TestParseSurvivesCorruptTables(t *testing.T) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	tables, err := directory(ttf)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tag := range []string{"cmap", "hmtx", "hhea", "GPOS", "kern", "OS/2"} {
		start := cap(ttf) - cap(tables[tag].b) // the table's offset in the file
		for range 40 {
			bad := slices.Clone(ttf)
			for range 8 {
				bad[start+rng.IntN(min(len(tables[tag].b), 4096))] = byte(rng.Uint32())
			}
			if f, err := Parse("bad.ttf", bad); err == nil {
				f.Width("AVATAR Torino", 10)
			}
		}
	}
}

func TestFaceIsSafeForConcurrentUse(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	want := f.Width("Città metropolitana di Torino", 10)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				if got := f.Width("Città metropolitana di Torino", 10); got != want {
					t.Errorf("Width = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkParse(b *testing.B) {
	ttf, _ := builtinTTF("LiberationSans-Regular")
	for b.Loop() {
		if _, err := Parse("sans.ttf", ttf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWidth(b *testing.B) {
	f := mustBuiltin(b, "LiberationSans-Regular")
	const s = "l’internazionalizzazione dell’imprenditoria piemontese: VAT, Torino"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		f.Width(s, 9)
	}
}

// Bytes is the face's own file, the same slice at every call, with the
// bytes of Data.
func TestBytesIsShared(t *testing.T) {
	f, err := Builtin("LiberationSans-Regular")
	if err != nil {
		t.Fatal(err)
	}
	a, b := f.Bytes(), f.Bytes()
	if len(a) == 0 || &a[0] != &b[0] || !bytes.Equal(a, f.Data()) {
		t.Error("Bytes is not the face's file, shared")
	}
}

// The glyph of every rune of the Basic Multilingual Plane, in the dense
// part of the character map and out of it, is the one sfnt finds in the
// font's cmap.
func TestGlyphsAgreeWithSfnt(t *testing.T) {
	for _, name := range []string{"LiberationSans-Regular", "LiberationSerif-BoldItalic"} {
		f := mustBuiltin(t, name)
		sf, err := sfnt.Parse(f.data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		sparse := 0
		for r := rune(1); r < 0xffff; r++ {
			want, err := sf.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.glyph(r); got != uint16(want) {
				t.Fatalf("%s: glyph(%U) = %d, sfnt says %d", name, r, got, want)
			}
			if want != 0 && r >= denseRunes {
				sparse++
			}
		}
		if sparse == 0 {
			t.Errorf("%s: no glyph above U+%04X: the sparse part is not checked", name, denseRunes)
		}
	}
}

// charMap.set overrides: a later mapping replaces an earlier one, and a
// mapping to glyph 0 removes one, in the dense part and in the sparse.
func TestCharMapSetOverrides(t *testing.T) {
	m := charMap{dense: make([]uint16, denseRunes), sparse: map[rune]uint16{}}
	for _, tc := range []struct {
		r    rune
		sets []uint16
		want uint16
	}{
		{'A', []uint16{3}, 3},
		{'B', []uint16{3, 7}, 7},
		{'C', []uint16{3, 0}, 0},
		{0x20ac, []uint16{5, 9}, 9},
		{0xfb01, []uint16{4}, 4},
		{0xfb02, []uint16{4, 6}, 6},
		{0xfb03, []uint16{4, 0}, 0},
		{0xfffd, nil, 0},
	} {
		for _, g := range tc.sets {
			m.set(tc.r, g)
		}
		if got := m.glyph(tc.r); got != tc.want {
			t.Errorf("glyph(%U) after setting %v = %d, want %d", tc.r, tc.sets, got, tc.want)
		}
	}
	if _, ok := m.sparse[0xfb03]; ok {
		t.Error("a rune mapped to glyph 0 stays in the sparse map")
	}
	if len(m.sparse) != 2 {
		t.Errorf("sparse map holds %d runes, want 2", len(m.sparse))
	}
}
