package hyphen

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzBreaks hyphenates arbitrary tokens in every language, and in
// languages New does not know: New must refuse those with an error, and
// Breaks must never panic and must return breaks inside the token, in
// increasing order, a hyphen only between two letters, and the same
// breaks every time.
func FuzzBreaks(f *testing.F) {
	for _, seed := range []struct{ token, lang string }{
		{"ipotesi", "it"}, {"dell’Agricoltura", "it"}, {"(ANCI),", "it"}, {"socio-economico", "it"},
		{"l'", "it"}, {"hyphenation", "en"}, {"www.cittametropolitana.torino.it", "en"},
		{"table", "en-us"}, {"‐‐a‐‐", "en-gb"}, {"\u00adé\u0301", "fr"}, {"", ""},
		{"nell’ab(cdefgh", "it"}, {"ǅungla", "en"}, {"İstanbul", "it"},
	} {
		f.Add(seed.token, seed.lang)
	}
	known := map[string]*Hyphenator{}
	for _, lang := range []string{"it", "en", "en-gb", "en-us"} {
		known[lang] = mustNew(f, lang)
	}
	names := []string{"it", "en", "en-gb", "en-us"}
	f.Fuzz(func(t *testing.T, token, lang string) {
		h := known[lang]
		if h == nil {
			if _, err := New(lang); err == nil {
				t.Fatalf("New(%q) accepted a language it has no patterns for", lang)
			}
			h = known[names[len(lang)%len(names)]]
		}
		breaks := h.Breaks(token)
		rs := []rune(token)
		prev := 0
		for _, b := range breaks {
			if b.Pos <= prev || b.Pos >= len(rs) {
				t.Fatalf("Breaks(%q) in %s = %v: %d is out of order or outside the token", token, h.lang, breaks, b.Pos)
			}
			prev = b.Pos
			if b.Hyphen && (!unicode.IsLetter(rs[b.Pos-1]) || !unicode.IsLetter(rs[b.Pos])) {
				t.Fatalf("Breaks(%q) in %s = %v: a hyphen at %d is not between two letters", token, h.lang, breaks, b.Pos)
			}
		}
		again := h.Breaks(token)
		if len(again) != len(breaks) {
			t.Fatalf("Breaks(%q) gave %v, then %v", token, breaks, again)
		}
		for i := range again {
			if again[i] != breaks[i] {
				t.Fatalf("Breaks(%q) gave %v, then %v", token, breaks, again)
			}
		}
	})
}

// FuzzAddException records arbitrary exceptions in a hyphenator of its
// own: a word it accepts must then break exactly where it was marked,
// within the minimum fragments.
func FuzzAddException(f *testing.F) {
	for _, seed := range []string{"ta-ble", "-a", "a-", "a--b", "pro-get-to", "dell’ac-qua", "x", "", "ÄÖ-Ü"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, word string) {
		h := &Hyphenator{lang: "it", exceptions: map[string][]int{}, Left: 2, Right: 2}
		if err := h.AddException(word); err != nil {
			return
		}
		letters := strings.ReplaceAll(word, "-", "")
		var want []int
		n := 0
		for _, r := range word {
			if r == '-' {
				want = append(want, n)
				continue
			}
			n++
		}
		got := h.points(lower(nil, []rune(letters)), nil)
		k := 0
		for _, p := range want {
			if p < h.Left || n-p < h.Right {
				continue
			}
			if k >= len(got) || got[k] != p {
				t.Fatalf("exception %q: points %v, want %v (within %d and %d letters)", word, got, want, h.Left, h.Right)
			}
			k++
		}
		if k != len(got) {
			t.Fatalf("exception %q: points %v, want %v", word, got, want)
		}
	})
}
