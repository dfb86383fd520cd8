package layout

import (
	"unicode/utf8"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// setLine turns one broken line of p into text runs: boxes that touch are
// joined into one run (a word, or a word with its hyphen), glue is set at
// its natural width plus the line's share of stretch or shrink (TeX's glue
// setting, K&P 1981 eq. 1), so a justified line ends exactly at x+width.
func setLine(p *paragraph, ln linebreak.Line, x, baseline, width float64, align content.Align, last bool, role Role, blockID string) []*TextRun {
	ratio := ln.Ratio
	if align != content.Justify || (last && ratio > 0) {
		ratio = 0
	}
	if ln.Overfull && ratio < -1 {
		ratio = -1
	}
	end := min(ln.End, len(p.nodes))
	// Natural width of what is drawn, for ragged alignment.
	natural := 0.0
	for i := ln.Start; i < end; i++ {
		n := p.nodes[i]
		if n.Kind == linebreak.KindGlue && isFinishGlue(n) {
			continue
		}
		if n.Kind != linebreak.KindPenalty {
			natural += n.Width
		}
	}
	if ln.Hyphenated && ln.End < len(p.nodes) {
		natural += p.nodes[ln.End].Width
	}
	// Drop trailing glue (the Finish glue and anything before it).
	for end > ln.Start && p.nodes[end-1].Kind != linebreak.KindBox {
		if p.nodes[end-1].Kind == linebreak.KindGlue && !isFinishGlue(p.nodes[end-1]) {
			natural -= p.nodes[end-1].Width
		}
		end--
	}
	switch align {
	case content.Right:
		x += width - natural
	case content.Center:
		x += (width - natural) / 2
	}
	var runs []*TextRun
	var cur *TextRun
	cx := x
	for i := ln.Start; i < end; i++ {
		n := p.nodes[i]
		switch n.Kind {
		case linebreak.KindGlue:
			w := n.Width
			if ratio > 0 {
				w += ratio * n.Stretch
			} else if ratio < 0 {
				w += ratio * n.Shrink
			}
			cx += w
			cur = nil
		case linebreak.KindBox:
			f := p.frags[i]
			if f.style == nil { // an indent
				cx += n.Width
				cur = nil
				continue
			}
			if cur == nil || cur.Font != f.style.fontKey || cur.Size != f.style.size || cur.Color != f.style.color {
				cur = newRun(f.style, cx, baseline, p.lang, role, blockID)
				runs = append(runs, cur)
			}
			appendText(cur, f.style, f.text)
			cx += n.Width
		}
	}
	if ln.End < len(p.nodes) && p.nodes[ln.End].Kind == linebreak.KindPenalty && cur != nil && ln.End+1 < len(p.nodes) && p.nodes[ln.End+1].Kind == linebreak.KindBox {
		cur.WordBreak = true
	}
	// A hyphenation break adds its hyphen; a break after a compound's own
	// hyphen is flagged too but adds nothing.
	if ln.Hyphenated && ln.End < len(p.nodes) && cur != nil && p.hyphen[ln.End] != "" {
		appendText(cur, p.frags[ln.End].style, p.hyphen[ln.End])
		cur.Hyphen = true
	}
	return runs
}

// isFinishGlue recognises the paragraph-end glue of linebreak.Finish by
// its stretch, far beyond any interword glue.
func isFinishGlue(n linebreak.Node) bool { return n.Stretch >= 1000 }

func newRun(ts *textStyle, x, baseline float64, lang string, role Role, block string) *TextRun {
	return &TextRun{X: x, Y: baseline, Font: ts.fontKey, Size: ts.size, Color: ts.color, Lang: lang, Role: role, Block: block,
		Ascent: ts.face.Ascent() * ts.size / 1000, Descent: ts.face.Descent() * ts.size / 1000}
}

// appendText adds text to run r, extending its kerning and width. The
// kerning between the run's last rune and the new text is applied, as the
// boxes measured it.
func appendText(r *TextRun, ts *textStyle, text string) {
	prev, _ := utf8.DecodeLastRuneInString(r.Text)
	if r.Text == "" {
		prev = -1
	}
	for _, c := range text {
		k := 0.0
		if prev >= 0 {
			k = ts.face.Kern(prev, c)
		}
		if k != 0 && r.Kern == nil {
			r.Kern = make([]float64, utf8.RuneCountInString(r.Text), utf8.RuneCountInString(r.Text)+len(text))
		}
		if r.Kern != nil {
			r.Kern = append(r.Kern, k)
		}
		r.Width += (ts.face.Advance(c) + k) * ts.size / 1000
		r.Text += string(c)
		prev = c
	}
}
