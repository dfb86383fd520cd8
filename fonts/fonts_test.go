package fonts

import (
	"errors"
	"testing"
)

func mustBuiltin(t testing.TB, name string) *Face {
	t.Helper()
	f, err := Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAdvancesMatchArialMetrics(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	tests := []struct {
		r    rune
		want float64
	}{{'a', 556}, {' ', 278}, {'m', 833}, {'W', 944}, {'-', 333}, {'à', 556}, {'’', 222}, {'–', 556}}
	for _, tt := range tests {
		if got := f.Advance(tt.r); got != tt.want {
			t.Errorf("Advance(%q) = %v, want %v", tt.r, got, tt.want)
		}
	}
	if got := f.Width("aa", 10); got != 11.12 {
		t.Errorf("Width(aa, 10pt) = %v, want 11.12", got)
	}
}

func TestMissingGlyphs(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	if got := f.Missing("Città – “Torino” l’area\u00ad"); len(got) != 0 {
		t.Errorf("Missing(Italian text) = %q, want none", got)
	}
	got := f.Missing("abc 東京東")
	if len(got) != 2 || got[0] != '東' || got[1] != '京' {
		t.Errorf("Missing = %q, want [東 京]", got)
	}
	if f.HasGlyph('東') || !f.HasGlyph('È') {
		t.Error("HasGlyph wrong")
	}
}

func TestVerticalMetrics(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	if a := f.Ascent(); a < 850 || a > 950 {
		t.Errorf("Ascent = %v", a)
	}
	if d := f.Descent(); d < 150 || d > 250 {
		t.Errorf("Descent = %v", d)
	}
	if f.Name() != "LiberationSans" {
		t.Errorf("Name = %q", f.Name())
	}
}

func TestRefusesNonTrueType(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"cff.otf", append([]byte("OTTO"), make([]byte, 100)...)},
		{"garbage.ttf", []byte("this is not a font at all, just text")},
		{"short.ttf", []byte("ab")},
		{"collection.ttc", append([]byte("ttcf"), make([]byte, 100)...)},
	}
	for _, tt := range tests {
		_, err := Parse(tt.name, tt.data)
		if !errors.Is(err, ErrNotTrueType) {
			t.Errorf("Parse(%s) error = %v, want ErrNotTrueType", tt.name, err)
		}
	}
}

func TestUnknownBuiltin(t *testing.T) {
	if _, err := Builtin("Helvetica"); err == nil {
		t.Error("want error for an unknown built-in")
	}
}

func BenchmarkWidth(b *testing.B) {
	f := mustBuiltin(b, "LiberationSans-Regular")
	for b.Loop() {
		f.Width("l’internazionalizzazione dell’imprenditoria piemontese", 9)
	}
}

func TestKerningPairs(t *testing.T) {
	f := mustBuiltin(t, "LiberationSans-Regular")
	if k := f.Kern('A', 'V'); k >= 0 {
		t.Errorf("Kern(A, V) = %v, want negative", k)
	}
	if k := f.Kern('T', 'o'); k >= 0 {
		t.Errorf("Kern(T, o) = %v, want negative", k)
	}
	if k := f.Kern('o', 'o'); k != 0 {
		t.Errorf("Kern(o, o) = %v, want 0", k)
	}
	if got, want := f.Width("AV", 10), (f.Advance('A')+f.Advance('V')+f.Kern('A', 'V'))/100; got != want {
		t.Errorf("Width(AV) = %v, want %v (kerning included)", got, want)
	}
}
