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
	// patterns is the trie of the language's patterns, read by New from
	// the compiled pattern file.
	patterns   *trie
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
	compiled := compiledName(l.file)
	src, err := patternFiles.ReadFile(compiled)
	if err != nil {
		return nil, fmt.Errorf("hyphen: %w", err)
	}
	pats, excs, err := readTrieFile(src)
	if err != nil {
		return nil, fmt.Errorf("hyphen: %s: %w", compiled, err)
	}
	h := &Hyphenator{lang: lang, patterns: pats, exceptions: make(map[string][]int, len(excs)), Left: l.left, Right: l.right}
	for _, e := range excs {
		if err := h.AddException(e); err != nil {
			return nil, fmt.Errorf("hyphen: %s: %w", l.file, err)
		}
	}
	return h, nil
}

// Lang is the language of the hyphenator.
func (h *Hyphenator) Lang() string { return h.lang }

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

// points appends to out the rune positions inside word (all letters,
// lower case) where Liang's patterns allow a hyphen, within the minimum
// fragment lengths, and returns it.
//
// This is Liang's algorithm (Liang 1983): every pattern that matches
// somewhere in the word between edge markers ('.') sets the values
// between the letters it covers to at least its own; an odd value allows
// a hyphen. The patterns that start at a letter are those on the trie's
// path that the letters from there spell, so each start is one walk down
// the trie, as far as the word's letters lead.
func (h *Hyphenator) points(word []rune, out []int) []int {
	n := len(word)
	if n < h.Left+h.Right {
		return out
	}
	if len(h.exceptions) > 0 {
		var buf [128]byte
		key := buf[:0]
		for _, r := range word {
			key = utf8.AppendRune(key, r)
		}
		if ex, ok := h.exceptions[string(key)]; ok {
			for _, p := range ex {
				if p >= h.Left && n-p >= h.Right {
					out = append(out, p)
				}
			}
			return out
		}
	}
	t := h.patterns
	if t == nil {
		return out
	}
	// class[k] is the class of the kth rune of the word between edge
	// markers; values[k] is the value of the position before it.
	m := n + 2
	var classBuf [40]uint16
	var valBuf [41]uint8
	class, values := classBuf[:0], valBuf[:0]
	if m > len(classBuf) {
		class, values = make([]uint16, 0, m), make([]uint8, 0, m+1)
	}
	dot := t.classOf('.')
	class = append(class, dot)
	for _, r := range word {
		class = append(class, t.classOf(r))
	}
	class = append(class, dot)
	values = values[:m+1]
	clear(values)
	for i := range m {
		node := int32(0)
		for j := i; j < m; j++ {
			if node = t.child(node, class[j]); node < 0 {
				break
			}
			if off := t.value[node]; off != 0 {
				v := t.values[off-1 : int(off)+j-i+1] // j-i+2 values
				for k, x := range v {
					values[i+k] = max(values[i+k], x)
				}
			}
		}
	}
	for p := h.Left; p <= n-h.Right; p++ {
		if values[p+1]%2 == 1 { // before word[p] is before class[p+1]
			out = append(out, p)
		}
	}
	return out
}
