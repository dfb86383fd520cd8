// Package hyphen finds where words may be hyphenated, by Frank M. Liang's
// algorithm ("Word Hy-phen-a-tion by Com-put-er", Stanford University,
// 1983) with the TeX hyph-utf8 patterns for Italian and English, and by
// the rules of each language for apostrophes, compounds and words that
// are never hyphenated.
package hyphen

import (
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Hyphenator hyphenates words of one language. It is immutable after New
// and AddException, and safe for concurrent use from then on. It
// remembers the breaks of every token it was asked about, so running text,
// which repeats its words, is hyphenated once per distinct token.
type Hyphenator struct {
	lang string
	// patterns maps the letters of each pattern (with '.' for a word
	// edge) to its inter-letter values, one more than the letters. A map
	// keyed by string rather than a trie: lookups of every substring of a
	// word are cheap at these sizes (a few thousand patterns, words of
	// under 30 letters) and the code stays obviously right.
	patterns   map[string][]uint8
	maxLen     int
	exceptions map[string][]int // lower-case word → break positions
	// Left and Right are the fewest letters kept before and after a
	// hyphen.
	Left, Right int

	mu    sync.RWMutex
	cache map[string][]Break // token → Breaks(token), shared: never modified
}

// New returns the hyphenator for lang: "it", "en" (British English, the
// spelling of the brochures duetto was made for), "en-gb" or "en-us".
func New(lang string) (*Hyphenator, error) {
	l, ok := languages[lang]
	if !ok {
		return nil, fmt.Errorf("hyphen: no patterns for language %q (known: it, en, en-gb, en-us)", lang)
	}
	src, err := patternFiles.ReadFile(l.file)
	if err != nil {
		return nil, fmt.Errorf("hyphen: %w", err)
	}
	pats, excs, err := parseTeX(l.file, string(src))
	if err != nil {
		return nil, fmt.Errorf("hyphen: %w", err)
	}
	h := &Hyphenator{lang: lang, patterns: make(map[string][]uint8, len(pats)), exceptions: map[string][]int{}, Left: l.left, Right: l.right}
	for _, p := range pats {
		letters, values := splitPattern(p)
		h.patterns[letters] = values
		h.maxLen = max(h.maxLen, len([]rune(letters)))
	}
	for _, e := range excs {
		if err := h.AddException(e); err != nil {
			return nil, fmt.Errorf("hyphen: %s: %w", l.file, err)
		}
	}
	return h, nil
}

// Lang is the language of the hyphenator.
func (h *Hyphenator) Lang() string { return h.lang }

// splitPattern separates a pattern such as "a3p2n" into its letters
// ("apn") and the values between them ([0 3 2 0]).
func splitPattern(p string) (string, []uint8) {
	var letters []rune
	values := []uint8{0}
	for _, r := range p {
		if r >= '0' && r <= '9' {
			values[len(values)-1] = uint8(r - '0')
			continue
		}
		letters = append(letters, r)
		values = append(values, 0)
	}
	return string(letters), values
}

// AddException records a word with its allowed breaks marked by '-', as
// TeX's \hyphenation does ("ta-ble"). It must be called before the
// hyphenator is shared between goroutines.
func (h *Hyphenator) AddException(word string) error {
	var letters []rune
	var breaks []int
	for _, r := range word {
		if r == '-' {
			if len(letters) == 0 || (len(breaks) > 0 && breaks[len(breaks)-1] == len(letters)) {
				return fmt.Errorf("bad exception %q", word)
			}
			breaks = append(breaks, len(letters))
			continue
		}
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			return fmt.Errorf("bad exception %q: %q is not a letter", word, r)
		}
		letters = append(letters, unicode.ToLower(r))
	}
	if len(letters) == 0 || (len(breaks) > 0 && breaks[len(breaks)-1] == len(letters)) {
		return fmt.Errorf("bad exception %q", word)
	}
	h.exceptions[string(letters)] = breaks
	h.mu.Lock()
	h.cache = nil // answers given before may have changed
	h.mu.Unlock()
	return nil
}

// points returns the rune positions inside word (all letters, lower
// case) where Liang's patterns allow a hyphen, within the minimum
// fragment lengths.
func (h *Hyphenator) points(word []rune) []int {
	n := len(word)
	if n < h.Left+h.Right {
		return nil
	}
	if ex, ok := h.exceptions[string(word)]; ok {
		var out []int
		for _, p := range ex {
			if p >= h.Left && n-p >= h.Right {
				out = append(out, p)
			}
		}
		return out
	}
	// s is the word between edge markers, in UTF-8; at[k] is the byte
	// offset of its kth rune (and at[len] its length), so that every
	// substring is looked up without being copied. values[k] is the value
	// of the position before rune k.
	var buf [64]byte
	var atBuf [34]int
	str := append(buf[:0], '.')
	at := append(atBuf[:0], 0)
	for _, r := range word {
		at = append(at, len(str))
		str = utf8.AppendRune(str, r)
	}
	at = append(at, len(str))
	str = append(str, '.')
	at = append(at, len(str))
	m := len(at) - 1 // runes in s
	var valBuf [36]uint8
	values := valBuf[:0]
	for range m + 1 {
		values = append(values, 0)
	}
	for i := 0; i < m; i++ {
		for j := i + 1; j <= m && j-i <= h.maxLen; j++ {
			v, ok := h.patterns[string(str[at[i]:at[j]])]
			if !ok {
				continue
			}
			for k, x := range v {
				values[i+k] = max(values[i+k], x)
			}
		}
	}
	var out []int
	for t := h.Left; t <= n-h.Right; t++ {
		if values[t+1]%2 == 1 { // before word[t] is before s[t+1]
			out = append(out, t)
		}
	}
	return out
}
