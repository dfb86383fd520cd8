package hyphen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

var allLanguages = []string{"it", "en", "en-gb", "en-us"}

// wordList returns the tokens the tests hyphenate with both
// implementations: every token of the examples, both languages, with
// variants of each, and generated words of every kind Breaks tells apart.
func wordList(t testing.TB) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	toks := brochureTokens(t)
	var letters []string // the words of the examples, letters only
	for _, lang := range []string{"it", "en"} {
		for _, tok := range toks[lang] {
			add(tok)
			w := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) })
			if w == "" {
				continue
			}
			letters = append(letters, w)
			add(w)
			add(strings.ToUpper(w))
			add(strings.ToLower(w))
			add(strings.ToUpper(w[:1]) + w[1:])
			add("l’" + w)
			add("dell'" + w)
			add("(" + w + "),")
			add("“" + w + "”.")
			add(w + "’")
			add(w + "'s")
			add("co-" + w)
			add(w + "/" + w)
			add(w + "\u00a0" + w)
			add("l’" + w + "\u00a0ab")
			add(w + "2")
			add(w + "\u00ad" + w)
		}
	}
	// Very long words: runs of the examples' words glued together.
	for i := 0; i+5 < len(letters); i += 7 {
		add(strings.Join(letters[i:i+3], ""))
		add(strings.ToLower(strings.Join(letters[i:i+6], "")))
	}
	for _, w := range []string{
		"", "a", "ab", "abc", "abcd", ".", "..", "a.b", "e.g.", "'", "’", "l’", "l'", "’a", "--", "-a-", "a-b",
		"a‐b", "1", "125/2014", "2014-2020", "9,52%", "www.example.org", "info@example.org",
		"https://example.org/a-b", "ANCI", "CoCoPa", "İstanbul", "ǅungla", "ß", "straße", "Ærø",
		"perché", "città", "università", "più", "è", "È", "àèéìíòóù", "naïve", "café", "résumé",
		"coöperation", "\u00ad", "a\u00adb", "x\u00a0y", "\u00a0", "é\u0301", "e\u0301e\u0301e\u0301e\u0301",
		"abc\x80def", "\xff\xfe", "\ufffd", "a\u200bb", "𝔞𝔟𝔠𝔡𝔢𝔣", "ABCDEFGHIJ", "hyphenation", "table", "university",
		"manuscripts", "reciprocity", "throughout", "something", "associate", "associates", "declination",
		"obligatory", "philanthropic", "present", "presents", "project", "projects", "reciprocity", "recognizance",
		"reformation", "retribution", "table", "tables",
		strings.Repeat("a", 40), strings.Repeat("ab", 40), strings.Repeat("anti", 30), strings.Repeat("è", 50),
		strings.Repeat("internazionalizzazione", 5), strings.Repeat("supercalifragilistic", 10),
	} {
		add(w)
	}
	// Random words over the letters of the patterns, some others, and
	// the punctuation Breaks looks at.
	const alphabet = "abcdefghijklmnopqrstuvwxyzàèéìòùäöüßç'’-/.‐\u00a0ABCDEFZ09"
	abc := []rune(alphabet)
	rng := rand.New(rand.NewPCG(1983, 1))
	for range 20000 {
		n := 1 + rng.IntN(16)
		if rng.IntN(20) == 0 {
			n = 30 + rng.IntN(40)
		}
		rs := make([]rune, n)
		for i := range rs {
			if rng.IntN(4) == 0 {
				rs[i] = abc[rng.IntN(len(abc))]
			} else {
				rs[i] = rune('a' + rng.IntN(26))
			}
		}
		add(string(rs))
	}
	return out
}

func mustReference(t testing.TB, lang string) *refHyphenator {
	t.Helper()
	h, err := newReference(lang)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// equalBreaks compares two answers of Breaks, nil and empty alike.
func equalBreaks(a, b []Break) bool {
	return slices.Equal(a, b)
}

func TestBreaksMatchTheReferenceImplementation(t *testing.T) {
	words := wordList(t)
	for _, lang := range allLanguages {
		h, ref := mustNew(t, lang), mustReference(t, lang)
		bad, hyphens := 0, 0
		for _, w := range words {
			want := ref.breaks(w)
			got := h.Breaks(w)
			for _, b := range want {
				if b.Hyphen {
					hyphens++
				}
			}
			if !equalBreaks(got, want) {
				if bad++; bad <= 10 {
					t.Errorf("%s: Breaks(%q) = %v, the reference gives %v", lang, w, got, want)
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d tokens differ", lang, bad, len(words))
		}
		if hyphens < 10000 {
			t.Errorf("%s: only %d hyphens in %d tokens: the word list does not exercise the patterns", lang, hyphens, len(words))
		}
	}
}

func TestExceptionsAddedLaterMatchTheReferenceImplementation(t *testing.T) {
	words := []string{"Tu-rin-ese", "ta-ble", "uni-ver-sity", "dell’ac-qua", "cit-tà", "ÀB-CD-EF"}
	for _, lang := range allLanguages {
		h, ref := mustNew(t, lang), mustReference(t, lang)
		for _, w := range words {
			if err, refErr := h.AddException(w), ref.addException(w); (err == nil) != (refErr == nil) {
				t.Fatalf("%s: AddException(%q) = %v, the reference gives %v", lang, w, err, refErr)
			}
		}
		for _, w := range []string{"Turinese", "table", "tables", "university", "dell’acqua", "città", "Àbcdef", "àbcdef"} {
			if got, want := h.Breaks(w), ref.breaks(w); !equalBreaks(got, want) {
				t.Errorf("%s: Breaks(%q) = %v, the reference gives %v", lang, w, got, want)
			}
		}
	}
}

// TestTrieHoldsEveryPattern reads every pattern back out of the trie and
// requires the patterns and values the reference parser finds, and the
// same exceptions.
func TestTrieHoldsEveryPattern(t *testing.T) {
	for _, file := range patternFileNames() {
		src, err := patternFiles.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tr, excs, err := parseTeX(file, src)
		if err != nil {
			t.Fatal(err)
		}
		refPats, refExcs, err := refParseTeX(file, string(src))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(excs, refExcs) {
			t.Errorf("%s: exceptions %q, want %q", file, excs, refExcs)
		}
		want := map[string]string{}
		for _, p := range refPats {
			letters, values := refSplitPattern(p)
			want[letters] = string(values)
		}
		got := map[string]string{}
		runeOf := map[uint16]rune{}
		for r := range rune(128) {
			if c := tr.ascii[r]; c != 0 {
				runeOf[c] = r
			}
		}
		for r, c := range tr.other {
			runeOf[c] = r
		}
		var walk func(node int32, prefix []rune)
		walk = func(node int32, prefix []rune) {
			if off := tr.value[node]; off != 0 {
				got[string(prefix)] = string(tr.values[off-1 : int(off)+len(prefix)])
			}
			for k := tr.first[node]; k < tr.first[node+1]; k++ {
				if k > tr.first[node] && tr.class[k] <= tr.class[k-1] {
					t.Fatalf("%s: the children of node %d are not in increasing order of class", file, node)
				}
				if c := tr.child(node, tr.class[k]); c != k {
					t.Fatalf("%s: child(%d, %d) = %d, want %d", file, node, tr.class[k], c, k)
				}
				walk(k, append(prefix, runeOf[tr.class[k]]))
			}
		}
		walk(0, nil)
		if len(got) != len(want) {
			t.Errorf("%s: %d patterns in the trie, want %d", file, len(got), len(want))
		}
		for letters, v := range want {
			if got[letters] != v {
				t.Errorf("%s: pattern %q has values %v, want %v", file, letters, []byte(got[letters]), []byte(v))
			}
		}
	}
}

func TestParseTeX(t *testing.T) {
	tests := []struct {
		name, src string
	}{
		{"comments and line ends", "% \\patterns{x}\n\\patterns{ % a}\r\na1b .c2d3\r\n\t2e%}\n}\n\\hyphenation{ta-ble % x\n}"},
		{"no exceptions", "\\patterns{a1b}"},
		{"digits in a row", "\\patterns{a12b 3c 4}"},
		{"duplicates: the last counts", "\\patterns{a1b a2b .x3 .x1}"},
		{"white space of Unicode", "\\patterns{a1b\u00a0c2d\u2003e3f\u0085g4h}"},
		{"letters beyond ASCII", "\\patterns{à1b è2 1ß ǅ3ǅ \xff1}"},
		{"a command split by a comment", "\\pat%x\nterns{a1b}\\patterns{c1d}"},
		{"no patterns", "\\hyphenation{ta-ble}"},
		{"empty patterns", "\\patterns{ % }\n }"},
		{"not closed", "\\patterns{a1b"},
		{"exceptions not closed", "\\patterns{a1b}\\hyphenation{ta-ble"},
		{"a comment to the end", "\\patterns{a1b}%"},
	}
	for _, tt := range tests {
		tr, excs, err := parseTeX("x.tex", []byte(tt.src))
		refPats, refExcs, refErr := refParseTeX("x.tex", tt.src)
		if (err == nil) != (refErr == nil) || (err != nil && err.Error() != refErr.Error()) {
			t.Errorf("%s: error %v, the reference gives %v", tt.name, err, refErr)
			continue
		}
		if err != nil {
			continue
		}
		if !slices.Equal(excs, refExcs) {
			t.Errorf("%s: exceptions %q, want %q", tt.name, excs, refExcs)
		}
		ref := &refHyphenator{patterns: map[string][]uint8{}, exceptions: map[string][]int{}, left: 1, right: 1}
		for _, p := range refPats {
			letters, values := refSplitPattern(p)
			ref.patterns[letters] = values
			ref.maxLen = max(ref.maxLen, len([]rune(letters)))
		}
		h := &Hyphenator{patterns: tr, Left: 1, Right: 1}
		for _, w := range []string{"ab", "abcd", "cdef", "xab", "efgh", "àb", "bè", "ßa", "ǅǅǅ", "\ufffdb", "aab"} {
			if got, want := h.points([]rune(w), nil), ref.points([]rune(w)); !slices.Equal(got, want) {
				t.Errorf("%s: points(%q) = %v, want %v", tt.name, w, got, want)
			}
		}
	}
}

// FuzzBreaksMatchReference hyphenates arbitrary tokens with the package
// and with the reference implementation and requires the same breaks.
func FuzzBreaksMatchReference(f *testing.F) {
	for _, seed := range []string{"ipotesi", "dell’Agricoltura", "(ANCI),", "socio-economico", "hyphenation", "Città", "l’internazionalizzazione", "a\u00a0b", strings.Repeat("ab", 30)} {
		f.Add(seed, uint8(0))
	}
	var hs []*Hyphenator
	var refs []*refHyphenator
	for _, lang := range allLanguages {
		hs = append(hs, mustNew(f, lang))
		refs = append(refs, mustReference(f, lang))
	}
	f.Fuzz(func(t *testing.T, token string, lang uint8) {
		k := int(lang) % len(hs)
		if got, want := hs[k].breaks(token), refs[k].breaks(token); !equalBreaks(got, want) {
			t.Fatalf("%s: Breaks(%q) = %v, the reference gives %v", allLanguages[k], token, got, want)
		}
		// The letters of the token as a word of their own, past the rules
		// of word.go: Liang's algorithm on any runes.
		rs := []rune(strings.ToLower(token))
		if got, want := hs[k].points(rs, nil), refs[k].points(rs); !slices.Equal(got, want) {
			t.Fatalf("%s: points(%q) = %v, the reference gives %v", allLanguages[k], token, got, want)
		}
	})
}
