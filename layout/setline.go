package layout

import (
	"unicode/utf8"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// setLine turns one broken line of p into text runs: boxes that touch are
// joined into one run (a word, or a word with its hyphen). A justified
// line is set with one ratio (TeX's glue setting, K&P 1981 eq. 1,
// extended to letter spacing and glyph scaling, see lineMeasure.ratio):
// each space gets that ratio of its stretch or shrink, each gap between
// two letters and each glyph's width that ratio of theirs, up to their
// limits, so the line ends exactly at x+width. It returns the runs and
// the ratio of the line's spaces.
//
// The runs are allocated from a (nil: one by one) and the slice returned
// is a's until the next call.
func setLine(a *runAlloc, p *paragraph, ln linebreak.Line, x, baseline, width float64, align content.Align, last bool, role Role, blockID string) ([]*TextRun, float64) {
	m := p.measure(ln)
	ratio := m.ratio(width, align, last)
	end := lineEnd(p, ln)
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
		x += width - m.natural
	case content.Center:
		x += (width - m.natural) / 2
	}
	var runs []*TextRun
	tail := "" // when set, cur.Text is tail[:len(cur.Text)]
	if a != nil {
		runs = a.line[:0]
	}
	var cur *TextRun
	cx := x
	join, joinTrack := false, 0.0 // the last box owns a letter gap to the next one
	for i := ln.Start; i < end; i++ {
		n := p.nodes[i]
		switch n.Kind {
		case linebreak.KindGlue:
			cx += n.Width + adjust(spaceRatio, spaceFlex(n.Width))
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
				tail = ""
				cur = a.newRun(f.style, cx, baseline, p.lang, role, blockID)
				if scale != 1 {
					cur.Scale = scale
				}
				cur.Tracking = track
				runs = append(runs, cur)
			}
			// The next piece of the word the run's text is a substring of
			// takes a longer substring rather than a copy.
			joined := ""
			switch {
			case cur.Text == "":
				tail = f.tail
			case tail != "" && f.tail == tail[len(cur.Text):]:
				joined = tail[:len(cur.Text)+int(f.n)]
			default:
				tail = ""
			}
			text := f.text()
			appendTextAs(cur, f.style, text, joined)
			cx += n.Width*scale + track*float64(utf8.RuneCountInString(text)-1)
			join, joinTrack = f.join, track
		}
	}
	if ln.End < len(p.nodes) && p.nodes[ln.End].Kind == linebreak.KindPenalty && cur != nil && ln.End+1 < len(p.nodes) && p.nodes[ln.End+1].Kind == linebreak.KindBox {
		cur.WordBreak = true
	}
	// A hyphenation break adds its hyphen; a break after a compound's own
	// hyphen is flagged too but adds nothing.
	if ln.Hyphenated && ln.End < len(p.nodes) && cur != nil {
		if hy := p.hyphenAt(ln.End); hy != "" {
			appendText(cur, p.frags[ln.End].style, hy)
			cur.Hyphen = true
		}
	}
	if a != nil {
		a.line = runs
	}
	return runs, ratio
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

// lineMeasure is what a line of a paragraph is made of: the natural width
// of what it draws (its hyphen included), and the flexibility of its
// words (the gaps between their letters and the scaling of their glyphs)
// and of its spaces.
type lineMeasure struct {
	natural         float64
	letters, spaces flex
}

// measure measures line ln of p. The letter gap that joins the line's
// last box to the rest of its word on the next line is not on the line.
func (p *paragraph) measure(ln linebreak.Line) lineMeasure {
	var m lineMeasure
	end := lineEnd(p, ln)
	lastBox := -1
	justified := p.justified()
	for i := ln.Start; i < end; i++ {
		n := &p.nodes[i]
		switch n.Kind {
		case linebreak.KindGlue:
			m.natural += n.Width
			f := spaceFlex(n.Width)
			m.spaces.stretch += f.stretch
			m.spaces.shrink += f.shrink
		case linebreak.KindBox:
			m.natural += n.Width
			if justified {
				f := p.boxFlex(i)
				m.letters.stretch += f.stretch
				m.letters.shrink += f.shrink
			}
			lastBox = i
		}
	}
	if !ln.Hyphenated || ln.End >= len(p.nodes) {
		if lastBox >= 0 && p.frags[lastBox].join {
			// The line ends inside a word without a hyphen: the gap to
			// the rest of the word is not on it.
			size := p.frags[lastBox].style.size
			m.letters.stretch = max(m.letters.stretch-letterStretch*size, 0)
			m.letters.shrink = max(m.letters.shrink-letterShrink*size, 0)
		}
		return m
	}
	hy := p.nodes[ln.End].Width
	m.natural += hy
	if p.justified() && lastBox >= 0 && p.frags[lastBox].style != nil {
		// The hyphen scales too, and is letter-spaced from its word
		// (when the box owns the gap to the rest of its word, that gap
		// is the one before the hyphen now).
		m.letters.stretch += glyphScale * hy
		m.letters.shrink += glyphScale * hy
		if !p.frags[lastBox].join {
			size := p.frags[lastBox].style.size
			m.letters.stretch += letterStretch * size
			m.letters.shrink += letterShrink * size
		}
	}
	return m
}

// ratio is the ratio line m is set with when it is width wide: 0 for text
// that is not justified and for the last line of a paragraph that is
// shorter than the line; otherwise the share of the line's stretch (ratio
// > 0) or shrink (ratio < 0) that makes it exactly width wide, with the
// line's own letter flexibility counted in full (the breaker counts all
// but the last word's, see letterStretch), and never below −1: an
// overfull line stays overfull. Above 1 it is the ratio of the spaces
// alone: the letters and glyphs are at their limit (as the breaker's
// bounded stretch is).
func (m lineMeasure) ratio(width float64, align content.Align, last bool) float64 {
	if align != content.Justify {
		return 0
	}
	d := width - m.natural
	stretch := m.letters.stretch + m.spaces.stretch
	shrink := m.letters.shrink + m.spaces.shrink
	switch {
	case d > 0 && !last && stretch > 0:
		if d <= stretch || m.spaces.stretch == 0 {
			return d / stretch
		}
		return (d - m.letters.stretch) / m.spaces.stretch
	case d < 0 && shrink > 0:
		return max(d/shrink, -1)
	}
	return 0
}

func newRun(ts *textStyle, x, baseline float64, lang string, role Role, block string) *TextRun {
	return &TextRun{X: x, Y: baseline, Font: ts.fontKey, Size: ts.size, Color: ts.color, Lang: lang, Role: role, Block: block,
		Ascent: ts.face.Ascent() * ts.size / 1000, Descent: ts.face.Descent() * ts.size / 1000}
}

// runAlloc hands out text runs from blocks of runBlock, one allocation
// for many runs (a page of running text has hundreds), and keeps the
// slice setLine returns.
type runAlloc struct {
	block []TextRun
	line  []*TextRun
}

const runBlock = 256

// newRun is newRun, the run taken from a (a nil a allocates it alone).
func (a *runAlloc) newRun(ts *textStyle, x, baseline float64, lang string, role Role, block string) *TextRun {
	if a == nil {
		return newRun(ts, x, baseline, lang, role, block)
	}
	if len(a.block) == cap(a.block) {
		a.block = make([]TextRun, 0, runBlock)
	}
	a.block = append(a.block, TextRun{X: x, Y: baseline, Font: ts.fontKey, Size: ts.size, Color: ts.color, Lang: lang, Role: role, Block: block,
		Ascent: ts.face.Ascent() * ts.size / 1000, Descent: ts.face.Descent() * ts.size / 1000})
	return &a.block[len(a.block)-1]
}

// appendText adds text to run r, extending its kerning and width. The
// kerning between the run's last rune and the new text is applied, as the
// boxes measured it (scaled with the run's glyphs), and the run's letter
// spacing goes before every rune but its first.
func appendText(r *TextRun, ts *textStyle, text string) { appendTextAs(r, ts, text, "") }

// appendTextAs is appendText; joined, if set, is the run's text with text
// appended, already at hand (a substring of the word the run is part of).
func appendTextAs(r *TextRun, ts *textStyle, text, joined string) {
	prev, _ := utf8.DecodeLastRuneInString(r.Text)
	if r.Text == "" {
		prev = -1
	}
	scale := r.ScaleOrOne()
	had := utf8.RuneCountInString(r.Text) // runes before text
	for _, c := range text {
		k := 0.0
		if prev >= 0 {
			k = ts.face.Kern(prev, c) * scale
			r.Width += r.Tracking
		}
		if k != 0 && r.Kern == nil {
			r.Kern = make([]float64, had, had+utf8.RuneCountInString(text))
		}
		if r.Kern != nil {
			r.Kern = append(r.Kern, k)
		}
		r.Width += (ts.face.Advance(c)*scale + k) * ts.size / 1000
		prev = c
		had++
	}
	if joined != "" {
		r.Text = joined
		return
	}
	r.Text += text
}
