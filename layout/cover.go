package layout

import (
	"strings"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// This file sets the pages outside the flow: the cover, the back and the
// folios.

// lineAt is a broken line and its baseline offset.
type lineAt struct {
	line     linebreak.Line
	baseline float64
}

// bleedRect is the page with its bleed.
func (e *engine) bleedRect() Rect {
	b := e.pub.Page.Bleed
	return Rect{X: -b, Y: -b, W: e.pub.Page.Width + 2*b, H: e.pub.Page.Height + 2*b}
}

// toBleed extends the edges of r that lie on the trim into the bleed.
func (e *engine) toBleed(r Rect) Rect {
	b, w, h := e.pub.Page.Bleed, e.pub.Page.Width, e.pub.Page.Height
	const eps = 0.5
	if r.X <= eps {
		r.W += r.X + b
		r.X = -b
	}
	if r.Y <= eps {
		r.H += r.Y + b
		r.Y = -b
	}
	if r.X+r.W >= w-eps {
		r.W = w + b - r.X
	}
	if r.Y+r.H >= h-eps {
		r.H = h + b - r.Y
	}
	return r
}

func (e *engine) color(name string) Color {
	return colorOf(e.pub.Colors[name])
}

// colorOf is the display-list colour of a publication's colour: its
// process inks (for a spot colour, its fallback at its tint) and its spot
// ink, if any.
func colorOf(c content.Color) Color {
	return Color{C: c.C, M: c.M, Y: c.Y, K: c.K, Spot: c.Spot, Tint: c.Tint}
}

// cover sets page 1.
func (e *engine) cover() {
	ps := e.newPage()
	ps.noText = true
	c := e.pub.Cover
	blk := &content.Block{ID: "cover", Pos: c.Pos}
	if c.Background != "" {
		e.add(ps, &Fill{Rect: e.bleedRect(), Color: e.color(c.Background)})
	}
	if c.Image != "" {
		f := c.ImageFrame
		e.image(ps, blk, c.Image, e.toBleed(Rect{X: f.X, Y: f.Y, W: f.W, H: f.H}), content.FitCover)
	}
	y := c.TitleAt.Y
	width := e.pub.Page.Width - c.TitleAt.X - e.pub.Page.Outer
	for i, lang := range []string{"it", "en"} {
		st := e.pub.Styles[c.TitleStyle[i]]
		text := c.Title.In(lang)
		if c.Title.Shared && i == 1 {
			break
		}
		if e.single != "" {
			if lang != e.single {
				continue
			}
			st = e.pub.Styles[c.TitleStyle[0]] // the edition's one title takes the main title style
		}
		if i == 1 && e.single == "" {
			y += st.Leading * 0.5
		}
		for _, line := range strings.Split(text, "\n") {
			p := e.b.build(line, st, lang, 0, blk, c.Pos, &e.miss)
			ts := p.base
			for _, ln := range e.firstFit(p, func(int) float64 { return width }) {
				y += st.Leading
				runs, _ := setLine(&e.runs, p, ln, c.TitleAt.X, y-(st.Leading-ts.face.Ascent()*st.Size/1000), width, st.Align, true, RoleCover, "cover")
				for _, r := range runs {
					e.add(ps, r)
				}
			}
		}
	}
	if c.EdgeText != "" {
		st := e.pub.Styles[c.EdgeStyle]
		ts := e.b.resolve(st, "")
		r := newRun(ts, 0, 0, e.pub.Languages[0], RoleCover, "cover")
		appendText(r, ts, c.EdgeText)
		// Up the outer (right) edge, reading upwards, centred in the margin.
		r.Rotate = 90
		r.X = e.pub.Page.Width - e.pub.Page.Outer/2 + (r.Ascent-r.Descent)/2
		r.Y = e.pub.Page.Height - e.pub.Page.Bottom
		e.add(ps, r)
		e.checkGlyphs(ts, c.EdgeText, blk)
	}
}

// checkGlyphs reports characters of text the style's font lacks.
func (e *engine) checkGlyphs(ts *textStyle, text string, b *content.Block) {
	if missing := ts.face.Missing(text); len(missing) > 0 {
		e.miss.errs = append(e.miss.errs, &Error{Pos: b.Pos.String(), Block: b.ID, Msg: "font " + ts.face.Name() + " has no glyph for " + string(missing)})
	}
}

// back sets the last page.
func (e *engine) back(ps *pageState) {
	ps.noText = true
	bk := e.pub.Back
	blk := &content.Block{ID: "back", Pos: bk.Pos}
	if bk.Background != "" {
		e.add(ps, &Fill{Rect: e.bleedRect(), Color: e.color(bk.Background)})
	}
	if len(bk.Lines) == 0 {
		return
	}
	st := e.pub.Styles[bk.Style]
	y := bk.At.Y
	width := e.pub.Page.Width - bk.At.X - e.pub.Page.Outer
	for _, line := range bk.Lines {
		p := e.b.build(line, st, e.pub.Languages[0], 0, blk, bk.Pos, &e.miss)
		for _, ln := range e.firstFit(p, func(int) float64 { return width }) {
			runs, _ := setLine(&e.runs, p, ln, bk.At.X, y, width, st.Align, true, RoleCover, "back")
			for _, r := range runs {
				e.add(ps, r)
			}
			y += st.Leading
		}
	}
}

// folios numbers the pages that hold text.
func (e *engine) folios() {
	fo := e.pub.Page.Folio
	st := e.pub.Styles[fo.Style]
	if st == nil {
		return
	}
	ts := e.b.resolve(st, "")
	for _, ps := range e.pages {
		n := ps.page.Index
		if ps.noText || !ps.used() || containsInt(fo.Skip, n) {
			continue
		}
		ps.page.Folio = itoa(n)
		r := newRun(ts, 0, e.pub.Page.Height-fo.Baseline, e.pub.Languages[0], RoleFolio, "")
		appendText(r, ts, ps.page.Folio)
		switch {
		case fo.Position == "center":
			r.X = (e.pub.Page.Width - r.Width) / 2
		case n%2 == 1:
			r.X = e.pub.Page.Width - e.pub.Page.Outer - r.Width
		default:
			r.X = e.pub.Page.Outer
		}
		e.add(ps, r)
	}
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}
