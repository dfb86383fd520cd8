package hyphen

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file keeps the straightforward implementation the package had
// before its patterns were packed into a trie: the pattern files split
// into strings, a map from each pattern's letters to its values, every
// substring of a word looked up in it, and the rules of word.go as they
// were. The tests require the package to give the same breaks.

// refHyphenator is the reference implementation of Hyphenator.
type refHyphenator struct {
	lang        string
	patterns    map[string][]uint8
	maxLen      int
	exceptions  map[string][]int
	left, right int
}

func newReference(lang string) (*refHyphenator, error) {
	l, ok := languages[lang]
	if !ok {
		return nil, fmt.Errorf("hyphen: no patterns for language %q", lang)
	}
	src, err := patternFiles.ReadFile(l.file)
	if err != nil {
		return nil, fmt.Errorf("hyphen: %w", err)
	}
	pats, excs, err := refParseTeX(l.file, string(src))
	if err != nil {
		return nil, fmt.Errorf("hyphen: %w", err)
	}
	h := &refHyphenator{lang: lang, patterns: make(map[string][]uint8, len(pats)), exceptions: map[string][]int{}, left: l.left, right: l.right}
	for _, p := range pats {
		letters, values := refSplitPattern(p)
		h.patterns[letters] = values
		h.maxLen = max(h.maxLen, len([]rune(letters)))
	}
	for _, e := range excs {
		if err := h.addException(e); err != nil {
			return nil, fmt.Errorf("hyphen: %s: %w", l.file, err)
		}
	}
	return h, nil
}

// refParseTeX reads a hyph-utf8 .tex file: the patterns inside
// \patterns{…} and the words inside \hyphenation{…}; '%' starts a comment.
func refParseTeX(name, src string) (patterns, exceptions []string, err error) {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	text := b.String()
	block := func(cmd string) ([]string, error) {
		i := strings.Index(text, cmd+"{")
		if i < 0 {
			return nil, nil
		}
		rest := text[i+len(cmd)+1:]
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return nil, fmt.Errorf("%s: %s{ is not closed", name, cmd)
		}
		return strings.FieldsFunc(rest[:j], unicode.IsSpace), nil
	}
	if patterns, err = block(`\patterns`); err != nil {
		return nil, nil, err
	}
	if len(patterns) == 0 {
		return nil, nil, fmt.Errorf("%s: no patterns", name)
	}
	exceptions, err = block(`\hyphenation`)
	return patterns, exceptions, err
}

// refSplitPattern separates a pattern such as "a3p2n" into its letters
// ("apn") and the values between them ([0 3 2 0]).
func refSplitPattern(p string) (string, []uint8) {
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

func (h *refHyphenator) addException(word string) error {
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
	return nil
}

// points is Liang's algorithm (Liang 1983) by a map lookup of every
// substring of the word between edge markers.
func (h *refHyphenator) points(word []rune) []int {
	n := len(word)
	if n < h.left+h.right {
		return nil
	}
	if ex, ok := h.exceptions[string(word)]; ok {
		var out []int
		for _, p := range ex {
			if p >= h.left && n-p >= h.right {
				out = append(out, p)
			}
		}
		return out
	}
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
	m := len(at) - 1
	values := make([]uint8, m+1)
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
	for t := h.left; t <= n-h.right; t++ {
		if values[t+1]%2 == 1 {
			out = append(out, t)
		}
	}
	return out
}

// breaks is Hyphenator.breaks as it was, on the reference points.
func (h *refHyphenator) breaks(token string) []Break {
	rs := []rune(token)
	a, b := 0, len(rs)
	for a < b && !unicode.IsLetter(rs[a]) {
		a++
	}
	for b > a && !unicode.IsLetter(rs[b-1]) {
		b--
	}
	if a >= b {
		return refNumberBreaks(rs)
	}
	if refNeverHyphenated(rs[a:b]) {
		if refIsURL(string(rs[a:b])) {
			return nil
		}
		return refNumberBreaks(rs)
	}
	core := rs[a:b]
	var out []Break
	compound := false
	for i, r := range core {
		if (r == '-' || r == '/' || r == '‐') && i > 0 && i < len(core)-1 {
			out = append(out, Break{Pos: a + i + 1})
			compound = true
		}
	}
	if compound {
		return out
	}
	if i := refIndexFunc(core, isApostrophe); i >= 0 {
		if h.lang != "it" || i == len(core)-1 {
			return nil
		}
		out = append(out, Break{Pos: a + i + 1})
		rest := core[i+1:]
		if refIndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return out
		}
		for _, p := range h.points(refLower(rest)) {
			out = append(out, Break{Pos: a + i + 1 + p, Hyphen: true})
		}
		return out
	}
	for _, r := range core {
		if !unicode.IsLetter(r) {
			return nil
		}
	}
	for _, p := range h.points(refLower(core)) {
		out = append(out, Break{Pos: a + p, Hyphen: true})
	}
	return out
}

func refIndexFunc(rs []rune, f func(rune) bool) int {
	for i, r := range rs {
		if f(r) {
			return i
		}
	}
	return -1
}

func refLower(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = unicode.ToLower(r)
	}
	return out
}

func refNumberBreaks(rs []rune) []Break {
	var out []Break
	for i := 1; i+1 < len(rs); i++ {
		if (rs[i] == '/' || rs[i] == '-' || rs[i] == '‐') && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			out = append(out, Break{Pos: i + 1, Discouraged: true})
		}
	}
	return out
}

func refIsURL(s string) bool {
	return strings.Contains(s, "@") || strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "www.")
}

func refNeverHyphenated(core []rune) bool {
	s := string(core)
	if refIsURL(s) {
		return true
	}
	for i, r := range core {
		if unicode.IsDigit(r) {
			return true
		}
		if r == '.' && i > 0 && i < len(core)-1 && unicode.IsLetter(core[i-1]) && unicode.IsLetter(core[i+1]) {
			return true
		}
		if i > 0 && unicode.IsUpper(r) && !(core[i-1] == '-' || isApostrophe(core[i-1]) || core[i-1] == '/') {
			return true
		}
	}
	return false
}
