package layout

import (
	"unicode/utf8"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// setLine turns one broken line of p into text runs: boxes that touch are
// joined into one run (a word, or a word with its hyphen). A justified
// line is set with the ratio lineRatio gives (TeX's glue setting, K&P 1981
// eq. 1, extended to letter spacing): each space gets that ratio of its
// stretch or shrink, each gap between two letters that ratio of the
// letters' (letterStretch, letterShrink), so the line ends exactly at
// x+width.
func setLine(p *paragraph, ln linebreak.Line, x, baseline, width float64, align content.Align, last bool, role Role, blockID string) []*TextRun {
	ratio := lineRatio(p, ln, width, align, last)
	end := lineEnd(p, ln)
	natural, _, _ := p.measure(ln)
	// Letters and glyphs go at most to their limits: on a line looser
	// than that (ratio > 1, the ratio of the spaces) they stay there and
	// the spaces take the rest.
	letterRatio, spaceRatio := min(ratio, 1), ratio
	scale := 1.0
	if p.justified() {
		scale = 1 + letterRatio*glyphScale
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
	join, joinTrack := false, 0.0 // the last box owns a letter gap to the next one
	for i := ln.Start; i < end; i++ {
		n := p.nodes[i]
		switch n.Kind {
		case linebreak.KindGlue:
			cx += n.Width + adjust(spaceRatio, p.flex[i])
			cur, join = nil, false
		case linebreak.KindBox:
			f := p.frags[i]
			if f.style == nil { // an indent
				cx += n.Width
				cur, join = nil, false
				continue
			}
			track := 0.0
			if p.justified() {
				track = adjust(letterRatio, flex{stretch: letterStretch * f.style.size, shrink: letterShrink * f.style.size})
			}
			if join {
				cx += joinTrack
			}
			if cur == nil || cur.Font != f.style.fontKey || cur.Size != f.style.size || cur.Color != f.style.color {
				cur = newRun(f.style, cx, baseline, p.lang, role, blockID)
				if scale != 1 {
					cur.Scale = scale
				}
				cur.Tracking = track
				runs = append(runs, cur)
			}
			appendText(cur, f.style, f.text)
			cx += n.Width*scale + track*float64(utf8.RuneCountInString(f.text)-1)
			join, joinTrack = p.flex[i].join, track
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

// adjust is how much a node of flexibility f grows (ratio > 0) or shrinks
// (ratio < 0) on a line set with ratio.
func adjust(ratio float64, f flex) float64 {
	if ratio > 0 {
		return ratio * f.stretch
	}
	return ratio * f.shrink
}

// lineEnd is the index after the last node setLine draws of ln: the glue
// and penalties at the end of the line (the finishing glue of the last
// line among them) are not drawn.
func lineEnd(p *paragraph, ln linebreak.Line) int {
	end := min(ln.End, len(p.nodes))
	for end > ln.Start && p.nodes[end-1].Kind != linebreak.KindBox {
		end--
	}
	return end
}

// measure returns the natural width of what line ln draws (its hyphen
// included) and the stretch and shrink of its spaces and letter gaps.
func (p *paragraph) measure(ln linebreak.Line) (natural, stretch, shrink float64) {
	end := lineEnd(p, ln)
	for i := ln.Start; i < end; i++ {
		if n := p.nodes[i]; n.Kind != linebreak.KindPenalty {
			natural += n.Width
		}
	}
	if ln.Hyphenated && ln.End < len(p.nodes) {
		natural += p.nodes[ln.End].Width
	}
	letters, spaces := p.letterFlex(ln)
	return natural, letters.stretch + spaces.stretch, letters.shrink + spaces.shrink
}

// letterFlex returns the flexibility of line ln's words — the gaps
// between their letters and the scaling of their glyphs — and that of its
// spaces. The letter gap that joins the line's last box to the rest
// of its word on the next line is not on the line.
func (p *paragraph) letterFlex(ln linebreak.Line) (letters, spaces flex) {
	end := lineEnd(p, ln)
	lastBox := -1
	for i := ln.Start; i < end; i++ {
		switch p.nodes[i].Kind {
		case linebreak.KindGlue:
			spaces.stretch += p.flex[i].stretch
			spaces.shrink += p.flex[i].shrink
		case linebreak.KindBox:
			letters.stretch += p.flex[i].stretch
			letters.shrink += p.flex[i].shrink
			if p.frags[i].style != nil && p.justified() {
				letters.stretch += glyphScale * p.nodes[i].Width
				letters.shrink += glyphScale * p.nodes[i].Width
			}
			lastBox = i
		}
	}
	if ln.Hyphenated && ln.End < len(p.nodes) && p.justified() && lastBox >= 0 {
		// The hyphen scales too, and is letter-spaced from its word.
		size := 0.0
		if f := p.frags[lastBox]; f.style != nil {
			size = f.style.size
		}
		letters.stretch += glyphScale*p.nodes[ln.End].Width + letterStretch*size
		letters.shrink += glyphScale*p.nodes[ln.End].Width + letterShrink*size
	}
	if lastBox >= 0 && p.flex[lastBox].join {
		if f := p.frags[lastBox]; f.style != nil {
			letters.stretch = max(letters.stretch-letterStretch*f.style.size, 0)
			letters.shrink = max(letters.shrink-letterShrink*f.style.size, 0)
		}
	}
	return letters, spaces
}

// lineRatio is the ratio setLine sets line ln of p with when it is width
// wide: 0 for text that is not justified and for the last line of a
// paragraph that is shorter than the line; otherwise the share of the
// line's stretch (ratio > 0) or shrink (ratio < 0) that makes it exactly
// width wide, with the line's own letter flexibility counted in full
// (the breaker counts all but the last word's, see letterStretch), and
// never below −1: an overfull line stays overfull. Above 1 it is the
// ratio of the spaces alone: the letters and glyphs are at their limit.
func lineRatio(p *paragraph, ln linebreak.Line, width float64, align content.Align, last bool) float64 {
	if align != content.Justify {
		return 0
	}
	natural, _, shrink := p.measure(ln)
	letters, spaces := p.letterFlex(ln)
	d := width - natural
	switch {
	case d > 0 && !last && letters.stretch+spaces.stretch > 0:
		if d <= letters.stretch+spaces.stretch || spaces.stretch == 0 {
			return d / (letters.stretch + spaces.stretch)
		}
		return (d - letters.stretch) / spaces.stretch
	case d < 0 && shrink > 0:
		return max(d/shrink, -1)
	}
	return 0
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
// boxes measured it (scaled with the run's glyphs), and the run's letter
// spacing goes before every rune but its first.
func appendText(r *TextRun, ts *textStyle, text string) {
	prev, _ := utf8.DecodeLastRuneInString(r.Text)
	if r.Text == "" {
		prev = -1
	}
	scale := r.ScaleOrOne()
	for _, c := range text {
		k := 0.0
		if prev >= 0 {
			k = ts.face.Kern(prev, c) * scale
			r.Width += r.Tracking
		}
		if k != 0 && r.Kern == nil {
			r.Kern = make([]float64, utf8.RuneCountInString(r.Text), utf8.RuneCountInString(r.Text)+len(text))
		}
		if r.Kern != nil {
			r.Kern = append(r.Kern, k)
		}
		r.Width += (ts.face.Advance(c)*scale + k) * ts.size / 1000
		r.Text += string(c)
		prev = c
	}
}
