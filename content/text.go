package content

import (
	"fmt"
	"strings"
	"unicode"
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
		var b strings.Builder
		for _, r := range sp.Text {
			if r != '\u00a0' && unicode.IsSpace(r) {
				if !space {
					b.WriteByte(' ')
				}
				space = true
				continue
			}
			space = false
			b.WriteRune(r)
		}
		if b.Len() > 0 {
			out = append(out, Span{Text: b.String(), Style: sp.Style})
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
