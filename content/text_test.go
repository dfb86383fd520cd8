package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/duetto-press/duetto/examples"
)

// parseTextRune is ParseText as it was first written, rune by rune, with
// every span rebuilt: the reference the faster one is held to.
func parseTextRune(s string) ([]Span, error) {
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
	out := spans[:0]
	space := true
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
	return out, nil
}

// parseTextCases are texts with and without spans, escapes, runs of
// white space of every kind and invalid UTF-8.
var parseTextCases = []string{
	"", " ", "   ", "\n", "\u00a0", "a", " a", "a ", "  a  b  ", "a\tb\nc\r\nd\ve\ff",
	"Città metropolitana di Torino’s “networks”", "a\u0085b", "a\u2003b", "a\u3000 b", "a \u00a0 b",
	"nbsp\u00a0\u00a0twice", "bad\xffbyte", "bad \xc2", "\xe2\x80", "ok \ufffd replacement",
	"visit [Slow Food]{.em} now", "[x]{.em}", " [x]{.em} ", "[ x ]{.em}  y", "a [b]{.em}[c]{.strong} d",
	`a \[b] c`, `back\\slash`, `lone \ backslash`, `\`, "[not a span] here", "[open]{.em", "[x]{.}",
	"[x]{.bad name}", "[x]{.em", "[]{.em} after", "tail [", "tail [x]", "tail [x]{", "[[x]{.em}]",
	"[x\xff]{.em}", "\xff[x]{.em}", "[x]{.em\xff}",
}

func TestParseTextMatchesRuneParser(t *testing.T) {
	for _, s := range parseTextCases {
		checkParseText(t, s)
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range parseTextCases {
		f.Add(s)
	}
	f.Fuzz(checkParseText)
}

// checkParseText fails t when ParseText and parseTextRune differ on s.
func checkParseText(t *testing.T, s string) {
	got, gotErr := ParseText(s)
	want, wantErr := parseTextRune(s)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) || (got == nil) != (want == nil) {
		t.Errorf("ParseText(%q) = %#v, %v; want %#v, %v", s, got, gotErr, want, wantErr)
	}
}

// BenchmarkParseText parses every text of the Turin brochure, as layout
// does for each edition.
func BenchmarkParseText(b *testing.B) {
	pub, err := Load(examples.Turin(), RootName)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, s := range pub.Sections {
		texts = append(texts, s.Heading.It, s.Heading.En)
		for _, blk := range s.Blocks {
			texts = append(texts, blk.Text.It, blk.Text.En)
			for _, it := range blk.Items {
				texts = append(texts, it.Text.It, it.Text.En)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			if _, err := ParseText(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
