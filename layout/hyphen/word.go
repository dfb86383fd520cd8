package hyphen

import (
	"slices"
	"unicode"
)

// This file applies the rules of running text around Liang's algorithm:
// which tokens are words, where compounds and elisions break, and which
// tokens are never hyphenated.

// Break is a place where a word token may break across lines.
type Break struct {
	Pos    int  // the break comes before the rune at this index of the token
	Hyphen bool // true: a hyphen is added at the line end; false: nothing is added (after an apostrophe, a hyphen or a slash)
	// Discouraged marks a break the rules allow but a typesetter takes
	// only when every other way is worse: after the slash or hyphen of a
	// number such as a law's "125/2014" or "2014-2020".
	Discouraged bool
}

// isApostrophe reports the two apostrophes of running text.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// Breaks returns where a token of running text — a word with any
// punctuation around it, such as “(ANCI),” — may break, in increasing
// order. URLs, e-mail addresses, acronyms and tokens with digits are never
// hyphenated; a number breaks only after a slash or a hyphen between two
// digits, and such a break is Discouraged. A compound with a hyphen or a slash breaks only after it. In
// Italian an elision ("dell’Acqua") breaks after the apostrophe without a
// hyphen, never inside the elided article, and the word after it is
// hyphenated on its own.
//
// The slice returned is the caller's.
func (h *Hyphenator) Breaks(token string) []Break {
	out := h.SharedBreaks(token)
	if out == nil {
		return nil
	}
	return append([]Break(nil), out...)
}

// SharedBreaks is Breaks without the copy: the slice returned is the
// hyphenator's own, which every later call for token returns too, and
// must not be modified.
func (h *Hyphenator) SharedBreaks(token string) []Break {
	h.mu.RLock()
	out, ok := h.cache[token]
	h.mu.RUnlock()
	if !ok {
		out = h.breaks(token)
		h.mu.Lock()
		if h.cache == nil {
			// A publication has a few thousand distinct tokens per
			// language: room for the first of them without growing.
			h.cache = make(map[string][]Break, 512)
		}
		h.cache[token] = out
		h.mu.Unlock()
	}
	return slices.Clip(out) // an append by a caller copies
}

func (h *Hyphenator) breaks(token string) []Break {
	rs := []rune(token)
	a, b := 0, len(rs)
	for a < b && !unicode.IsLetter(rs[a]) {
		a++
	}
	for b > a && !unicode.IsLetter(rs[b-1]) {
		b--
	}
	if a >= b {
		// A number: at most a discouraged break after a slash or a
		// hyphen between digits ("125/2014"), never a hyphen.
		return numberBreaks(rs)
	}
	if neverHyphenated(rs[a:b]) {
		if isURL(rs[a:b]) {
			return nil
		}
		return numberBreaks(rs)
	}
	core := rs[a:b]
	// Compounds: break only after each hyphen or slash.
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
	if i := indexFunc(core, isApostrophe); i >= 0 {
		if h.lang != "it" || i == len(core)-1 {
			return nil
		}
		// Elision: break after the apostrophe, hyphenate the rest.
		out = append(out, Break{Pos: a + i + 1})
		rest := core[i+1:]
		if indexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return out // another apostrophe, or a no-break space: no hyphen beside it
		}
		var low [32]rune
		var pts [32]int
		for _, p := range h.points(lower(low[:0], rest), pts[:0]) {
			out = append(out, Break{Pos: a + i + 1 + p, Hyphen: true})
		}
		return out
	}
	for _, r := range core {
		if !unicode.IsLetter(r) {
			return nil
		}
	}
	var low [32]rune
	var pts [32]int
	ps := h.points(lower(low[:0], core), pts[:0])
	if len(ps) == 0 {
		return nil
	}
	out = make([]Break, len(ps))
	for k, p := range ps {
		out[k] = Break{Pos: a + p, Hyphen: true}
	}
	return out
}

func indexFunc(rs []rune, f func(rune) bool) int {
	for i, r := range rs {
		if f(r) {
			return i
		}
	}
	return -1
}

// lower appends the runes of rs in lower case to dst.
func lower(dst, rs []rune) []rune {
	for _, r := range rs {
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
}

// numberBreaks returns the discouraged breaks of a token after each slash
// or hyphen that stands between two digits.
func numberBreaks(rs []rune) []Break {
	var out []Break
	for i := 1; i+1 < len(rs); i++ {
		if (rs[i] == '/' || rs[i] == '-' || rs[i] == '‐') && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			out = append(out, Break{Pos: i + 1, Discouraged: true})
		}
	}
	return out
}

// isURL reports URLs and e-mail addresses: an '@', a "://" or a "www."
// at the start, in any case.
func isURL(rs []rune) bool {
	for i, r := range rs {
		if r == '@' || (r == ':' && i+2 < len(rs) && rs[i+1] == '/' && rs[i+2] == '/') {
			return true
		}
	}
	return len(rs) >= 4 && unicode.ToLower(rs[0]) == 'w' && unicode.ToLower(rs[1]) == 'w' && unicode.ToLower(rs[2]) == 'w' && rs[3] == '.'
}

// neverHyphenated reports tokens that must not be hyphenated: those with
// digits, URLs and e-mail addresses, and acronyms or names with capitals
// inside (ANCI, UNSSC, CoCoPa, MedNetJob).
func neverHyphenated(core []rune) bool {
	if isURL(core) {
		return true
	}
	for i, r := range core {
		if unicode.IsDigit(r) {
			return true
		}
		if r == '.' && i > 0 && i < len(core)-1 && unicode.IsLetter(core[i-1]) && unicode.IsLetter(core[i+1]) {
			return true // a domain name or an abbreviation like "e.g"
		}
		if i > 0 && unicode.IsUpper(r) && !(core[i-1] == '-' || isApostrophe(core[i-1]) || core[i-1] == '/') {
			return true
		}
	}
	return false
}
