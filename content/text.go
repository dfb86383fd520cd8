package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a stretch of running text in one character style.
type Span struct {
	Text  string
	Style string // character style name, "" for the paragraph's own style
}

// ParseText splits running text into spans. It collapses white space
// (a line break in the source is a space) and reads character-style spans
// written as [text]{.name}; `\[` is a literal bracket.
func ParseText(s string) ([]Span, error) {
	if s == "" {
		return nil, nil
	}
	if !strings.ContainsAny(s, `[\`) {
		// No span and no escape: one span, its spaces to collapse.
		return collapseSpaces([]Span{{Text: s}}), nil
	}
	var spans []Span
	var cur strings.Builder
	flush := func(style string) {
		if cur.Len() > 0 {
			spans = append(spans, Span{Text: cur.String(), Style: style})
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && (rs[i+1] == '[' || rs[i+1] == ']' || rs[i+1] == '\\'):
			i++
			cur.WriteRune(rs[i])
		case r == '[':
			end := indexRune(rs, i+1, ']')
			if end < 0 || end+2 >= len(rs) || rs[end+1] != '{' || rs[end+2] != '.' {
				cur.WriteRune(r)
				continue
			}
			close := indexRune(rs, end+3, '}')
			if close < 0 {
				return nil, fmt.Errorf("span %q is not closed with }", string(rs[i:min(len(rs), end+12)]))
			}
			name := string(rs[end+3 : close])
			if name == "" || strings.ContainsFunc(name, unicode.IsSpace) {
				return nil, fmt.Errorf("span style name %q is not valid", name)
			}
			flush("")
			cur.WriteString(string(rs[i+1 : end]))
			flush(name)
			i = close
		default:
			cur.WriteRune(r)
		}
	}
	flush("")
	return collapseSpaces(spans), nil
}

func indexRune(rs []rune, from int, r rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

// collapseSpaces turns every run of white space (but not U+00A0) into one
// space across span boundaries, and trims the ends.
func collapseSpaces(spans []Span) []Span {
	out := spans[:0]
	space := true // at start: drop leading space
	for _, sp := range spans {
		var text string
		text, space = collapseText(sp.Text, space)
		if text != "" {
			out = append(out, Span{Text: text, Style: sp.Style})
		}
	}
	if n := len(out); n > 0 {
		out[n-1].Text = strings.TrimRight(out[n-1].Text, " ")
		if out[n-1].Text == "" {
			out = out[:n-1]
		}
	}
	return out
}

// collapseText turns every run of white space in s (but not U+00A0) into
// one space, and drops a leading one when space, that is when the text
// before s ended in white space; an invalid byte becomes U+FFFD. It
// reports whether s ends in white space. A text with nothing to change,
// the usual case, is returned as it is.
func collapseText(s string, space bool) (string, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' && !space:
				space = true
			case asciiSpace(c):
				return collapseFrom(s, i, space)
			default:
				space = false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && w == 1) || collapsible(r) {
			return collapseFrom(s, i, space)
		}
		space = false
		i += w
	}
	return s, space
}

// collapseFrom is collapseText of s when s[:i] is unchanged and space
// is the state after it.
func collapseFrom(s string, i int, space bool) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		i += w
		if collapsible(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String(), space
}

// collapsible reports whether r is white space that collapseSpaces turns
// into a space: any but U+00A0, the no-break space.
func collapsible(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace(byte(r))
	}
	return r != '\u00a0' && unicode.IsSpace(r)
}

// asciiSpace reports whether c is white space for unicode.IsSpace.
func asciiSpace(c byte) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r', ' ':
		return true
	}
	return false
}

// PlainText returns running text without markup, spaces collapsed.
func PlainText(s string) string {
	spans, err := ParseText(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, sp := range spans {
		b.WriteString(sp.Text)
	}
	return b.String()
}
