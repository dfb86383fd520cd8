package layout

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// fuzzRoot is a publication with a justified, a ragged, a right-aligned
// and an upper-case style, and a character style, for FuzzParagraph.
const fuzzRoot = `duetto = 1
[publication]
title = { it = "Prova", en = "Test" }
[fonts.sans]
regular = "builtin:LiberationSans-Regular"
italic = "builtin:LiberationSans-Italic"
[styles.body]
font = "sans"
size = 10
leading = 13
align = "justify"
[styles.caption]
font = "sans"
size = 7
[styles.right]
font = "sans"
align = "right"
hyphenate = true
[styles.heading]
font = "sans"
size = 14
transform = "uppercase"
[styles.em]
face = "italic"
`

// FuzzParagraph sends arbitrary running text down the paragraph path:
// text → words, hyphenation points and kerning → boxes, glue and
// penalties → lines (Knuth–Plass for justified text, first fit for
// ragged) → text runs. It must not panic, and every word must come out
// once, in order, on some line: nothing dropped, nothing repeated.
func FuzzParagraph(f *testing.F) {
	for _, seed := range []struct {
		text          string
		style         uint8
		english       bool
		width, width2 float64
	}{
		{"Primo paragrafo, con una parola lunghissima: precipitevolissimevolmente.", 0, false, 120, 200},
		{"The [Metropolitan City]{.em} of Turin’s international dimension.", 1, true, 80, 80},
		{"dell’Agricoltura socio-economico www.cittametropolitana.torino.it (ANCI),", 2, false, 30, 300},
		{"a\u00adb\u00adc \u00ad x\u00a0y città", 3, false, 5, 1},
		{"Strasse Straße ﬁne", 3, true, 60, 60},
		{"x", 0, true, 0.5, 1e4},
		{"[a]{.em}[b]{.em} [c]{.em} \\[d]", 0, false, 10, 10},
	} {
		f.Add(seed.text, seed.style, seed.english, seed.width, seed.width2)
	}
	pub, err := content.Load(fstest.MapFS{"duetto.toml": {Data: []byte(fuzzRoot)}}, "duetto.toml")
	if err != nil {
		f.Fatal(err)
	}
	res, err := LoadResources(pub)
	if err != nil {
		f.Fatal(err)
	}
	styles := []string{"body", "caption", "right", "heading"}
	f.Fuzz(func(t *testing.T, text string, style uint8, english bool, width, width2 float64) {
		if !(width >= 0.5 && width <= 1e4) || !(width2 >= 0.5 && width2 <= 1e4) || len(text) > 4000 {
			return
		}
		spans, err := content.ParseText(text)
		if err != nil {
			return // content refuses it before layout
		}
		st := pub.Styles[styles[int(style)%len(styles)]]
		lang := "it"
		if english {
			lang = "en"
		}
		e := &engine{pub: pub, res: res, b: newBuilder(pub, res)}
		var miss missingGlyphs
		p := e.b.build(text, st, lang, 0, nil, content.Pos{File: "f.toml", Line: 1, Col: 1}, &miss)
		widths := func(i int) float64 {
			if i < 3 {
				return width
			}
			return width2
		}
		lines := e.breakLines(p, widths)

		var want strings.Builder
		for _, sp := range spans {
			s := sp.Text
			if st.Uppercase {
				s = strings.ToUpper(s)
			}
			want.WriteString(strings.ReplaceAll(s, "\u00ad", ""))
		}
		var got strings.Builder
		next := 0 // first node not yet accounted for
		for i, ln := range lines {
			if ln.Start < next || ln.End < ln.Start || ln.End > len(p.nodes) {
				t.Fatalf("line %d is nodes [%d, %d) after node %d of %d", i, ln.Start, ln.End, next, len(p.nodes))
			}
			for k := next; k < ln.Start; k++ {
				if p.nodes[k].Kind == linebreak.KindBox && p.frags[k].n > 0 {
					t.Fatalf("line %d starts at node %d: the box %q before it is on no line", i, ln.Start, p.frags[k].text())
				}
			}
			if i > 0 && ln.Start > 0 && got.Len() > 0 && lines[i-1].End < len(p.nodes) && p.nodes[lines[i-1].End].Kind == linebreak.KindGlue {
				got.WriteByte(' ')
			}
			var line strings.Builder
			for k := ln.Start; k < ln.End; k++ {
				switch n := p.nodes[k]; {
				case n.Kind == linebreak.KindBox:
					line.WriteString(p.frags[k].text())
				case n.Kind == linebreak.KindGlue && n.Stretch < linebreak.FinishStretch && k+1 < ln.End:
					line.WriteByte(' ')
				}
			}
			got.WriteString(strings.TrimRight(line.String(), " "))
			var drawn strings.Builder
			runs, _ := setLine(nil, p, ln, 0, 0, widths(i), st.Align, i == len(lines)-1, RoleBody, "b")
			for j, r := range runs {
				if j > 0 {
					drawn.WriteByte(' ')
				}
				drawn.WriteString(r.Text)
			}
			if ln.Hyphenated && ln.End < len(p.nodes) {
				line.WriteString(p.hyphenAt(ln.End))
			}
			if d, l := strings.ReplaceAll(drawn.String(), " ", ""), strings.ReplaceAll(line.String(), " ", ""); d != l {
				t.Fatalf("line %d draws %q, but holds %q", i, d, l)
			}
			next = ln.End + 1
		}
		for k := next; k < len(p.nodes); k++ {
			if p.nodes[k].Kind == linebreak.KindBox && p.frags[k].n > 0 {
				t.Fatalf("the box %q after the last line is on no line", p.frags[k].text())
			}
		}
		// A word of soft hyphens alone vanishes, and a space with it.
		words := strings.FieldsFunc(want.String(), func(r rune) bool { return r == ' ' })
		if w := strings.Join(words, " "); got.String() != w {
			t.Fatalf("lines hold\n%q\nwant\n%q", got.String(), w)
		}
	})
}
