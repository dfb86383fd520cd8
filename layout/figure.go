package layout

import (
	"math"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/images"
)

// This file places figures: a photograph, its caption in both languages
// and its credit. A figure travels with its caption; when it does not fit
// on the rest of the page it waits for the top of the next page while the
// text goes on filling this one.

const captionGap = 4 // points between a photo and its caption

// figBox is a figure measured for one width, ready to draw at any place.
type figBox struct {
	blocks []*content.Block
	w, h   float64 // whole figure, captions included
	draw   func(ps *pageState, x, y float64)
	// photoH is set for a figure inside a column: the height of its
	// photo, under which its caption runs the whole width of the column.
	photoH float64
}

// measureInColumn prepares figure b for a place inside column side: the
// photo w wide on the figure's align side, and under it the caption and
// credit across the whole column, aligned to the photo's side. The text of
// the column wraps beside the photo only: a caption beside running text
// would read as part of it, and set no wider than the photo it would be
// a narrow ragged strip.
func (e *engine) measureInColumn(b *content.Block, w, colW float64) *figBox {
	f := b.Figure
	align := content.Right
	if f.Align == "left" {
		align = content.Left
	}
	drawCap, capH := e.stack(b, e.captionTexts(f), colW, align)
	total := f.Height
	if capH > 0 {
		total += captionGap + capH
	}
	return &figBox{blocks: []*content.Block{b}, w: w, h: total, photoH: f.Height, draw: func(ps *pageState, x, y float64) {
		e.image(ps, b, f.File, Rect{X: x, Y: y, W: w, H: f.Height}, f.Fit)
		if capH > 0 {
			cx := x // the photo and the caption start at the column's left edge
			if align == content.Right {
				cx = x + w - colW // …or end at its right edge
			}
			drawCap(ps, cx, y+f.Height+captionGap)
		}
	}}
}

// captionText is one text under a photo.
type captionText struct {
	text  string
	style string
	lang  string
	role  Role
}

// captionTexts lists what goes under a figure's photo when both languages
// stand under it: caption left language, then right language, then the
// credit the same way (a shared text once).
func (e *engine) captionTexts(f *content.Figure) []captionText {
	var out []captionText
	for _, part := range []struct {
		p     *content.Pair
		style string
		role  Role
	}{{f.Caption, "caption", RoleCaption}, {f.Credit, "credit", RoleCredit}} {
		if part.p == nil {
			continue
		}
		if part.p.Shared {
			out = append(out, captionText{part.p.It, part.style, e.pub.Languages[0], part.role})
			continue
		}
		if e.single != "" {
			out = append(out, captionText{part.p.In(e.single), part.style, e.single, part.role})
			continue
		}
		for _, lang := range e.pub.Languages {
			out = append(out, captionText{part.p.In(lang), part.style, lang, part.role})
		}
	}
	return out
}

// stack sets texts one under the other, ragged, in width w, and returns a
// function drawing them from (x, y) and their height. align, if not "",
// overrides the alignment of the texts' styles.
func (e *engine) stack(b *content.Block, texts []captionText, w float64, align content.Align) (func(ps *pageState, x, y float64), float64) {
	type set struct {
		p     *paragraph
		lines []lineAt
		st    *content.Style
	}
	var sets []set
	h := 0.0
	for _, t := range texts {
		st := e.pub.Styles[t.style]
		p := e.b.build(t.text, st, t.lang, 0, b, b.Pos, &e.miss)
		ls := e.firstFit(p, func(int) float64 { return w })
		s := set{p: p, st: st}
		asc := p.base.face.Ascent() * st.Size / 1000
		for _, ln := range ls {
			s.lines = append(s.lines, lineAt{ln, h + asc})
			h += st.Leading
		}
		sets = append(sets, s)
	}
	draw := func(ps *pageState, x, y float64) {
		for _, s := range sets {
			for i, la := range s.lines {
				e.checkWidth(b, s.p, la.line, w, ps.page.Index)
				role := RoleCaption
				if s.st.Name == "credit" {
					role = RoleCredit
				}
				al := s.st.Align
				if align != "" {
					al = align
				}
				runs, _ := setLine(&e.runs, s.p, la.line, x, y+la.baseline, w, al, i == len(s.lines)-1, role, b.ID)
				for _, r := range runs {
					e.add(ps, r)
				}
			}
		}
	}
	return draw, h
}

// measure prepares figure b at width w.
func (e *engine) measure(b *content.Block, w float64) *figBox {
	f := b.Figure
	drawCap, capH := e.stack(b, e.captionTexts(f), w, "")
	h := f.Height
	total := h
	if capH > 0 {
		total += captionGap + capH
	}
	return &figBox{blocks: []*content.Block{b}, w: w, h: total, photoH: h, draw: func(ps *pageState, x, y float64) {
		e.image(ps, b, f.File, Rect{X: x, Y: y, W: w, H: h}, f.Fit)
		if capH > 0 {
			drawCap(ps, x, y+h+captionGap)
		}
	}}
}

// image paints file into frame.
func (e *engine) image(ps *pageState, b *content.Block, file string, frame Rect, fit content.Fit) {
	res := e.res.images[file]
	if res == nil {
		return
	}
	mode := images.Cover
	if fit == content.FitContain {
		mode = images.Contain
	}
	painted, _ := images.Place(res.info, images.Rect{X: frame.X, Y: frame.Y, W: frame.W, H: frame.H}, mode)
	id := ""
	if b != nil {
		id = b.ID
	}
	e.add(ps, &Image{Path: file, Data: res.data, Stream: res.stream, sum: res.sum, sumOf: firstByte(res.data), info: res.info, Frame: Rect{X: painted.X, Y: painted.Y, W: painted.W, H: painted.H}, Clip: frame, Block: id, Orientation: res.info.Orientation})
}

// spaceAfterFigure is the white under a figure placed in the flow: one
// body line, so a figure never leaves a hole taller than a line.
func (e *engine) spaceAfterFigure() float64 {
	if st := e.pub.Styles["body"]; st != nil {
		return st.Leading
	}
	return 12
}

// figure places a single figure where the flow stands.
func (e *engine) figure(b *content.Block) error {
	e.lastBlk = b
	f := b.Figure
	ps := e.current()
	switch f.Placement {
	case content.PlaceColumn:
		side := e.side(f.Column)
		if e.single != "" {
			side = e.col
		}
		col := ps.cols[side]
		fb := e.measureInColumn(b, f.Width.Resolve(col.W), col.W)
		if fb.h > ps.area.H {
			return e.errorAt(b, e.cur+1, "the figure (%.0f pt with its caption) is taller than the text area (%.0f pt)", fb.h, ps.area.H)
		}
		// Under any figure already standing in that column at this height.
		y := columnBottom(ps, side, e.y)
		if y+fb.h > ps.bottom() {
			return e.deferFigure(fb)
		}
		e.placeInColumn(ps, fb, side, y)
	case content.PlaceCenter:
		fb := e.measure(b, f.Width.Resolve(ps.area.W))
		if fb.h > ps.area.H {
			return e.errorAt(b, e.cur+1, "the figure (%.0f pt with its caption) is taller than the text area (%.0f pt)", fb.h, ps.area.H)
		}
		y := max(columnBottom(ps, 0, e.y), columnBottom(ps, 1, e.y))
		if y+fb.h > ps.bottom() {
			return e.deferFigure(fb)
		}
		e.placeCentered(ps, fb, y)
	default: // span
		fb := e.measure(b, f.Width.Resolve(ps.area.W))
		return e.placeAcross(fb)
	}
	return nil
}

// side is the column index of language lang.
func (e *engine) side(lang string) int {
	if e.pub.Languages[1] == lang {
		return 1
	}
	return 0
}

// placeInColumn draws fb at y on the column's align side and makes the
// text of that column wrap beside the photo; under the photo, the caption
// band takes the column's whole width. The wrap keeps a gap of half the
// gutter (at least a body line's leading) from the photo.
func (e *engine) placeInColumn(ps *pageState, fb *figBox, side int, y float64) {
	col := ps.cols[side]
	f := fb.blocks[0].Figure
	gap := e.wrapGap()
	after := e.spaceAfterFigure() * 0.75
	x := col.X + col.W - fb.w
	photo := Rect{X: x - gap, Y: y, W: fb.w + gap, H: fb.photoH + after}
	if f.Align == "left" {
		x = col.X
		photo = Rect{X: x, Y: y, W: fb.w + gap, H: fb.photoH + after}
	}
	obst := []Rect{photo}
	if fb.h > fb.photoH {
		photo.H = fb.photoH
		obst = []Rect{photo, {X: col.X, Y: y + fb.photoH, W: col.W, H: fb.h - fb.photoH + after}}
	}
	fb.draw(ps, x, y)
	ps.obstacles[side] = append(ps.obstacles[side], obst...)
	ps.hasText = true
	// Photos that face each other across the gutter share the bottom of
	// their caption bands, so that the text under them goes on level in
	// both columns whatever the length of each caption.
	band := len(ps.obstacles[side]) - 1
	for _, other := range ps.inColumn {
		if other.side == side || math.Abs(other.top-y) > 0.5 {
			continue
		}
		a, b := &ps.obstacles[side][band], &ps.obstacles[other.side][other.band]
		bottom := max(a.Y+a.H, b.Y+b.H)
		a.H, b.H = bottom-a.Y, bottom-b.Y
	}
	ps.inColumn = append(ps.inColumn, columnFigure{side: side, top: y, band: band})
}

// columnFigure is a figure placed inside a column of a page: its side,
// the top of its photo and the index in the page's obstacles of its
// lowest band.
type columnFigure struct {
	side int
	top  float64
	band int
}

// wrapGap is the white between a photo inside a column and the text that
// wraps beside it: half the gutter, and never less than half a body line.
func (e *engine) wrapGap() float64 {
	gap := e.pub.Page.Gutter / 2
	if st := e.pub.Styles["body"]; st != nil {
		gap = max(gap, st.Leading/2)
	}
	return gap
}

// placeCentered draws fb centred on the page's gutter at y, and makes
// both columns wrap around its photo: the left column's lines end before
// it, the right column's start after it, so both languages lose the same
// width and a pair beside it stays balanced. Under the photo its caption
// stands in a band of its own across both columns: beside running text a
// caption would read as part of it.
func (e *engine) placeCentered(ps *pageState, fb *figBox, y float64) {
	x := ps.area.X + (ps.area.W-fb.w)/2
	gap := e.pub.Page.Gutter / 2
	after := e.spaceAfterFigure() * 0.75
	left, right := ps.cols[0], ps.cols[1]
	photoH := fb.photoH + after
	if fb.h > fb.photoH { // the caption band: no text beside it
		photoH = fb.photoH
	}
	ps.obstacles[0] = append(ps.obstacles[0], Rect{X: x - gap, Y: y, W: left.X + left.W - (x - gap), H: photoH})
	ps.obstacles[1] = append(ps.obstacles[1], Rect{X: right.X, Y: y, W: x + fb.w + gap - right.X, H: photoH})
	if fb.h > fb.photoH {
		for side, col := range ps.cols {
			ps.obstacles[side] = append(ps.obstacles[side], Rect{X: col.X, Y: y + fb.photoH, W: col.W, H: fb.h - fb.photoH + after})
		}
	}
	fb.draw(ps, x, y)
	ps.hasText = true
}

// placeAcross draws fb centred across the text area at the flow's place,
// or defers it to the next page.
func (e *engine) placeAcross(fb *figBox) error {
	ps := e.current()
	if fb.h > ps.area.H {
		return e.errorAt(fb.blocks[0], e.cur+1, "the figure (%.0f pt with its caption) is taller than the text area (%.0f pt)", fb.h, ps.area.H)
	}
	y := ps.obstacleBottom(e.y)
	if y+fb.h > ps.bottom() || e.single != "" && e.col == 1 {
		// In a single-language edition's right column the left column is
		// already set down the page: the figure waits for the next page.
		return e.deferFigure(fb)
	}
	fb.draw(ps, ps.area.X+(ps.area.W-fb.w)/2, y)
	ps.hasText = true
	// Both columns go around the figure (the right column of a
	// single-language edition is set after it).
	band := Rect{X: ps.area.X, Y: y, W: ps.area.W, H: fb.h + e.spaceAfterFigure()}
	for side := range ps.obstacles {
		ps.obstacles[side] = append(ps.obstacles[side], band)
	}
	e.y = y + fb.h + e.spaceAfterFigure()
	return nil
}

// deferFigure sends fb to the top of the next page: at once if that page
// exists and holds no text yet, else when it is made.
func (e *engine) deferFigure(fb *figBox) error {
	next, err := e.nextTextPage(e.cur)
	if err != nil {
		return err
	}
	if ps := e.pages[next]; !ps.hasText {
		if _, y := e.topPlace(ps, fb); y+fb.h <= ps.bottom() {
			e.placeTop(ps, fb)
			return nil
		}
	}
	e.pending = append(e.pending, fb.blocks[0])
	return nil
}

// topPlace is where a figure goes on a page that holds no text yet (side
// 0 or 1 for a column, 2 for a figure on the gutter, -1 across): for a
// photo in a column, under whatever figures already stand at the top of
// that column (in a single-language edition, of the column whose figures
// end higher); for a figure across the text area, under all of them.
func (e *engine) topPlace(ps *pageState, fb *figBox) (side int, y float64) {
	f := fb.blocks[0].Figure
	if f.Placement == content.PlaceCenter {
		return 2, max(columnBottom(ps, 0, ps.top), columnBottom(ps, 1, ps.top))
	}
	if f.Placement != content.PlaceColumn {
		return -1, ps.obstacleBottom(ps.top)
	}
	side = e.side(f.Column)
	if e.single != "" {
		side = 0
		if columnBottom(ps, 1, ps.top) < columnBottom(ps, 0, ps.top) {
			side = 1
		}
	}
	return side, columnBottom(ps, side, ps.top)
}

// columnBottom is the lowest edge of the obstacles in one column (or y).
func columnBottom(ps *pageState, side int, y float64) float64 {
	for _, o := range ps.obstacles[side] {
		y = max(y, o.Y+o.H)
	}
	return y
}

// placeTop puts a figure at the top of page ps, before any text.
func (e *engine) placeTop(ps *pageState, fb *figBox) {
	side, y := e.topPlace(ps, fb)
	ps.hasFigure = true
	if side == 2 {
		e.placeCentered(ps, fb, y)
		ps.hasText = false
		return
	}
	if side >= 0 {
		e.placeInColumn(ps, fb, side, y)
		ps.hasText = false
		return
	}
	fb.draw(ps, ps.area.X+(ps.area.W-fb.w)/2, y)
	ps.top = y + fb.h + e.spaceAfterFigure()
}

// placeAtTop places a pending figure on a new page; false if it cannot.
func (e *engine) placeAtTop(ps *pageState, b *content.Block) bool {
	f := b.Figure
	var fb *figBox
	if f.Placement == content.PlaceColumn {
		col := ps.cols[e.side(f.Column)]
		fb = e.measureInColumn(b, f.Width.Resolve(col.W), col.W)
	} else {
		fb = e.measure(b, f.Width.Resolve(ps.area.W))
	}
	if _, y := e.topPlace(ps, fb); y+fb.h > ps.bottom() {
		return false
	}
	e.placeTop(ps, fb)
	return true
}

// placeFixed puts a figure that names its page.
func (e *engine) placeFixed(ps *pageState, b *content.Block) {
	f := b.Figure
	if f.Placement == content.PlacePage {
		bl := e.pub.Page.Bleed
		e.image(ps, b, f.File, Rect{X: -bl, Y: -bl, W: e.pub.Page.Width + 2*bl, H: e.pub.Page.Height + 2*bl}, f.Fit)
		ps.noText = true
		return
	}
	e.placeTop(ps, e.measure(b, f.Width.Resolve(ps.area.W)))
}

// row sets consecutive "row" figures side by side across the text area,
// at one height, each caption under its photo.
func (e *engine) row(group []*content.Block) error {
	ps := e.current()
	gap := e.pub.Page.Gutter
	widths := make([]float64, len(group))
	sum := gap * float64(len(group)-1)
	for i, b := range group {
		widths[i] = b.Figure.Width.Resolve(ps.area.W)
		sum += widths[i]
	}
	if sum > ps.area.W {
		scale := (ps.area.W - gap*float64(len(group)-1)) / (sum - gap*float64(len(group)-1))
		for i := range widths {
			widths[i] *= scale
		}
		sum = ps.area.W
	}
	boxes := make([]*figBox, len(group))
	h := 0.0
	for i, b := range group {
		boxes[i] = e.measure(b, widths[i])
		h = max(h, boxes[i].h)
	}
	row := &figBox{blocks: group, w: sum, h: h, draw: func(ps *pageState, x, y float64) {
		for i, fb := range boxes {
			fb.draw(ps, x, y)
			x += widths[i] + gap
		}
	}}
	e.lastBlk = group[len(group)-1]
	return e.placeAcross(row)
}
