package layout

import (
	"math"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// This file flows paragraph pairs down the two columns and across pages.
// A pair is a row: the left language's paragraph in the left column, the
// right language's in the right one, both starting on the same baseline.
// Each side is broken for the line widths its column offers from that
// baseline down (narrower beside a figure), continuing at the top of the
// next page when the page is full. The row ends below the longer side,
// where the next pair starts, level again.

// slot is the place of one line.
type slot struct {
	page     int // index in engine.pages
	side     int // column
	top      float64
	x, width float64
	baseline float64
}

// slotter hands out the line slots of one column from a starting point
// down, page after page, on demand. Line breaking asks it for widths.
type slotter struct {
	e           *engine
	side        int
	leading     float64
	ascent      float64
	indent      float64 // left indent of every line (hanging items)
	minWidth    float64
	breakBefore int // line that must start a new page (widow control); -1 none
	// flow: when the column is full, go on in the next column of the same
	// page before the next page (a single-language edition).
	flow  bool
	page  int
	top   float64
	slots []slot
	err   error
}

func (e *engine) newSlotter(side, page int, top float64, st *content.Style, indent float64) *slotter {
	ts := e.b.resolve(st, "")
	return &slotter{e: e, side: side, leading: st.Leading, ascent: ts.face.Ascent() * st.Size / 1000, indent: indent,
		minWidth: 6 * st.Size, breakBefore: -1, page: page, top: top}
}

// at returns the slot of line i.
func (s *slotter) at(i int) slot {
	for len(s.slots) <= i {
		s.next()
	}
	return s.slots[i]
}

// width is the slotter as linebreak.Widths.
func (s *slotter) width(i int) float64 { return s.at(i).width }

func (s *slotter) next() {
	n := len(s.slots)
	for guard := 0; ; guard++ {
		ps := s.e.pages[s.page]
		if guard > 10000 || s.err != nil {
			col := ps.cols[s.side]
			s.slots = append(s.slots, slot{page: s.page, side: s.side, top: s.top, x: col.X, width: col.W, baseline: s.top + s.ascent})
			return
		}
		if s.leading > ps.area.H+0.01 && !ps.noText {
			s.err = s.e.errorAt(s.e.lastBlk, s.page+1, "a line of text with a leading of %.1fpt does not fit in the text area, %.1fpt high", s.leading, ps.area.H)
			continue
		}
		if (n == s.breakBefore && n > 0 && s.slots[n-1].page == s.page && s.slots[n-1].side == s.side) || s.top+s.leading > ps.bottom()+0.01 || ps.noText {
			if s.flow && s.side == 0 && !ps.noText {
				s.side, s.top = 1, ps.top
				continue
			}
			if s.flow {
				s.side = 0
			}
			next, err := s.e.nextTextPage(s.page)
			if err != nil {
				s.err = err
				continue
			}
			s.page, s.top = next, s.e.pages[next].top
			continue
		}
		x, w := ps.extent(s.side, s.top, s.top+s.leading, s.indent)
		if w < s.minWidth {
			if room := ps.cols[s.side].W - s.indent; room < s.minWidth {
				// No figure narrows it: every column of every page is too
				// narrow, and skipping lines would only make blank pages.
				s.err = s.e.errorAt(s.e.lastBlk, s.page+1, "the column leaves %.1f mm for the text, too narrow for text of %gpt: a line needs at least %.1f mm (6 times the size); make the text smaller or the columns wider", room*25.4/72, s.minWidth/6, s.minWidth*25.4/72)
				continue
			}
			s.top += s.leading
			continue
		}
		s.slots = append(s.slots, slot{page: s.page, side: s.side, top: s.top, x: x, width: w, baseline: s.top + s.ascent})
		s.top += s.leading
		return
	}
}

// nextTextPage returns the index of the first page after i that takes text.
func (e *engine) nextTextPage(i int) (int, error) {
	for {
		i++
		ps, err := e.page(i)
		if err != nil {
			return 0, err
		}
		if !ps.noText {
			return i, nil
		}
	}
}

// extent is the horizontal room of column side between y0 and y1: the
// column less the obstacles (figures) that reach into that band. The
// room is worked out from the column's left edge, so that columns of one
// width give lines of the same width, to the last bit, wherever they
// stand: the editions of a publication then find each other's line
// breaks in the paragraph cache (breakcache.go), which knows widths only
// by their values.
func (ps *pageState) extent(side int, y0, y1, indent float64) (x, w float64) {
	col := ps.cols[side]
	left, right := indent, col.W // from col.X
	for _, o := range ps.obstacles[side] {
		if o.Y >= y1 || o.Y+o.H <= y0 {
			continue
		}
		if o.X+o.W/2 > col.X+col.W/2 {
			right = min(right, o.X-col.X)
		} else {
			left = max(left, o.X+o.W-col.X)
		}
	}
	return col.X + left, right - left
}

// obstacleBottom is the lowest edge of the obstacles on the page (or y).
func (ps *pageState) obstacleBottom(y float64) float64 {
	for _, side := range ps.obstacles {
		for _, o := range side {
			y = max(y, o.Y+o.H)
		}
	}
	return y
}

// pair sets a text pair as a row.
func (e *engine) pair(b *content.Block, text content.Pair, st *content.Style, role Role, keepWith int) error {
	if e.single != "" {
		p := e.b.build(text.In(e.single), st, e.single, st.Indent, b, text.PosIn(e.single), &e.miss)
		return e.setFlow(b, p, st, role, keepWith, 0, "")
	}
	var paras [2]*paragraph
	for side, lang := range e.pub.Languages {
		paras[side] = e.b.build(text.In(lang), st, lang, st.Indent, b, text.PosIn(lang), &e.miss)
	}
	return e.setRow(b, paras, st, role, keepWith, 0, "")
}

// item sets an item of a list or a quote: its label (or the list marker)
// hangs in the margin of its text.
func (e *engine) item(b *content.Block, it content.Item, label string, st *content.Style) error {
	ts := e.b.resolve(st, "")
	hang := 0.0
	if label != "" {
		hang = ts.face.Width(label, ts.size) + ts.face.Advance(' ')*ts.size/1000*1.5
	}
	if e.single != "" {
		p := e.b.build(it.Text.In(e.single), st, e.single, 0, b, it.Text.PosIn(e.single), &e.miss)
		return e.setFlow(b, p, st, RoleBody, 0, hang, label)
	}
	var paras [2]*paragraph
	for side, lang := range e.pub.Languages {
		paras[side] = e.b.build(it.Text.In(lang), st, lang, 0, b, it.Text.PosIn(lang), &e.miss)
	}
	return e.setRow(b, paras, st, RoleBody, 0, hang, label)
}

// setRow breaks and places the two sides of a row. It keeps both first
// lines on one baseline, moves the row to the next page rather than leave
// a single line (an orphan) at a page bottom, and carries one more line
// over rather than leave a single line (a widow) at the top of a page.
// keepWith is the number of body lines that must fit under the row on its
// page (headings are never left alone at a page bottom).
func (e *engine) setRow(b *content.Block, paras [2]*paragraph, st *content.Style, role Role, keepWith int, hang float64, label string) error {
	e.lastBlk = b
	if e.current().hasText && e.y > e.current().top {
		e.y += st.SpaceBefore
	}
	if role == RoleHeading {
		e.y = e.current().obstacleBottom(e.y)
	}
	var sl [2]*slotter
	var lines [2][]linebreak.Line
	for attempt := 0; ; attempt++ {
		start, y0 := e.cur, e.y
		move := false
		for side := range paras {
			sl[side] = e.newSlotter(side, start, y0, st, hang)
			lines[side] = e.breakLines(paras[side], sl[side].width)
			if len(lines[side]) == 0 {
				continue
			}
			onFirst := 0
			for i := range lines[side] {
				if sl[side].at(i).page == start {
					onFirst++
				}
			}
			if onFirst == 0 || (onFirst == 1 && len(lines[side]) > 1) {
				move = true
			}
		}
		if keepWith > 0 {
			body := e.pub.Styles["body"]
			lead := st.Leading
			if body != nil {
				lead = body.Leading
			}
			for side := range paras {
				if n := len(lines[side]); n > 0 {
					last := sl[side].at(n - 1)
					if last.page == start && last.top+st.Leading+st.SpaceAfter+float64(keepWith)*lead > e.pages[start].bottom() {
						move = true
					}
				}
			}
		}
		if err := firstErr(sl[0].err, sl[1].err); err != nil {
			return err
		}
		if !move || attempt >= 2 || y0 <= e.current().top+0.01 {
			break
		}
		e.report.OrphansAvoided++
		if err := e.nextPage(); err != nil {
			return err
		}
	}
	loose := e.balance(paras, sl, &lines)
	// Widows: a side whose last page holds one line takes one more there.
	for side := range paras {
		n := len(lines[side])
		if n < 3 {
			continue
		}
		lastPage := sl[side].at(n - 1).page
		if sl[side].at(n-2).page == lastPage || sl[side].at(0).page == lastPage {
			continue
		}
		first := 0
		for first < n && sl[side].at(first).page != lastPage {
			first++
		}
		alt := e.newSlotter(side, sl[side].page0(), sl[side].top0(), st, hang)
		alt.breakBefore = first - 1
		altLines, ok := e.breakLoose(paras[side], alt.width, loose[side])
		if len(altLines) > 0 && alt.err == nil && ok {
			sl[side], lines[side] = alt, altLines
			e.report.WidowsAvoided++
		}
	}
	// A row that runs onto the next page runs on in both languages: where
	// one side would end on the earlier page while the other goes on, the
	// ending side carries its last two lines over too, so that the row's
	// two tails stand level at the top of the page and the next row's
	// pair starts level after them (the side that ends thus leaves up to
	// two lines white at the foot of its column instead).
	if len(lines[0]) > 0 && len(lines[1]) > 0 {
		endPage := func(side int) int { return sl[side].at(len(lines[side]) - 1).page }
		if a, c := endPage(0), endPage(1); a != c {
			short := 0
			if a > c {
				short = 1
			}
			n := len(lines[short])
			onLast := 0
			for i := range lines[short] {
				if sl[short].at(i).page == endPage(short) {
					onLast++
				}
			}
			if onLast >= 4 { // two lines stay, two go
				alt := e.newSlotter(short, sl[short].page0(), sl[short].top0(), st, hang)
				alt.breakBefore = n - 2
				altLines, ok := e.breakLoose(paras[short], alt.width, loose[short])
				if ok && alt.err == nil && len(altLines) == n && alt.at(n-1).page == endPage(1-short) && alt.at(n-3).page == endPage(short) {
					sl[short], lines[short] = alt, altLines
					e.report.TailsCarried++
				}
			}
		}
	}
	// No hyphen on the last line of a page: forbid that break and break
	// the side again (a few times at most, keeping the first good result).
	for side, p := range paras {
		for try := 0; try < 3; try++ {
			at := -1
			for i := 0; i+1 < len(lines[side]); i++ {
				if lines[side][i].Hyphenated && sl[side].at(i).page != sl[side].at(i+1).page {
					at = lines[side][i].End
					break
				}
			}
			if at < 0 {
				break
			}
			undo := p.forbid(at)
			again, ok := e.breakLoose(p, sl[side].width, loose[side])
			if !ok {
				undo()
				break
			}
			lines[side] = again
		}
	}
	// Place both sides.
	endPage, endY := e.cur, e.y
	var ends [2]slot
	for side, p := range paras {
		if len(lines[side]) == 0 {
			continue
		}
		s := e.placeLines(b, p, lines[side], sl[side], st, role, hang, label)
		ends[side] = s
		if s.page > endPage || (s.page == endPage && s.top+st.Leading > endY) {
			endPage, endY = s.page, s.top+st.Leading
		}
	}
	if role == RoleBody && len(lines[0]) > 0 && len(lines[1]) > 0 {
		pr := PairReport{Page: endPage + 1, Block: b.ID, Lines: [2]int{len(lines[0]), len(lines[1])}}
		a, c := ends[0], ends[1]
		switch {
		case a.page == c.page:
			pr.Gap = math.Abs(a.top - c.top)
		case a.page < c.page:
			pr.Gap = e.pages[a.page].bottom() - (a.top + st.Leading)
		default:
			pr.Gap = e.pages[c.page].bottom() - (c.top + st.Leading)
		}
		e.report.Pairs = append(e.report.Pairs, pr)
	}
	for e.cur < endPage {
		e.cur++
	}
	e.y = endY + st.SpaceAfter
	return nil
}

// balance chooses the line breaks of a pair's two paragraphs together:
// where one side ends lines before the other, it tries one or two lines
// more on the shorter side and one or two fewer on the longer (TeX's
// looseness, each still within the tolerance) and keeps the combination
// that leaves the smallest white gap under the shorter side; among equal
// gaps the fewest lines changed. It returns the looseness chosen for each
// side.
func (e *engine) balance(paras [2]*paragraph, sl [2]*slotter, lines *[2][]linebreak.Line) [2]int {
	var chosen [2]int
	if len(lines[0]) == 0 || len(lines[1]) == 0 {
		return chosen
	}
	end := func(side, n int) (int, float64) {
		s := sl[side].at(n - 1)
		return s.page, s.top + sl[side].leading
	}
	gap := func(a, b [2]int) float64 { // white under the shorter side, in points; a page apart counts a page
		pa, ya := a[0], float64(a[1])/100
		pb, yb := b[0], float64(b[1])/100
		if pa != pb {
			return 1e6
		}
		return math.Abs(ya - yb)
	}
	pos := func(side, n int) [2]int {
		p, y := end(side, n)
		return [2]int{p, int(y * 100)}
	}
	best := gap(pos(0, len(lines[0])), pos(1, len(lines[1])))
	if best < 0.5 {
		return chosen
	}
	short := 0
	if pa, pb := pos(0, len(lines[0])), pos(1, len(lines[1])); pa[0] > pb[0] || pa[0] == pb[0] && pa[1] > pb[1] {
		short = 1
	}
	long := 1 - short
	options := [2][][]linebreak.Line{{lines[0]}, {lines[1]}}
	loose := [2][]int{{0}, {0}}
	// One or two lines more on the shorter side, fewer on the longer:
	// each still within the tolerance, or it is not an option.
	more, fewer := make([]int, maxBalanceLooseness), make([]int, maxBalanceLooseness)
	for d := 1; d <= maxBalanceLooseness; d++ {
		more[d-1], fewer[d-1] = d, -d
	}
	longer, okLonger := e.breakLooseEach(paras[short], sl[short].width, more)
	shorter, okShorter := e.breakLooseEach(paras[long], sl[long].width, fewer)
	for d := 1; d <= maxBalanceLooseness; d++ {
		if l, ok := longer[d-1], okLonger[d-1]; ok && len(l) == len(lines[short])+d {
			options[short] = append(options[short], l)
			loose[short] = append(loose[short], d)
		}
		if l, ok := shorter[d-1], okShorter[d-1]; ok && len(l) == len(lines[long])-d {
			options[long] = append(options[long], l)
			loose[long] = append(loose[long], -d)
		}
	}
	bestChanges := 0
	for i, a := range options[0] {
		for j, b := range options[1] {
			g := gap(pos(0, len(a)), pos(1, len(b)))
			changes := absInt(loose[0][i]) + absInt(loose[1][j])
			if g < best-0.5 || (math.Abs(g-best) < 0.5 && changes < bestChanges) {
				best, bestChanges = g, changes
				lines[0], lines[1] = a, b
				chosen = [2]int{loose[0][i], loose[1][j]}
			}
		}
	}
	return chosen
}

// maxBalanceLooseness is how many lines more or fewer than its optimum
// balance asks of one side of a pair.
const maxBalanceLooseness = 2

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// page0 and top0 are where the slotter started.
func (s *slotter) page0() int {
	if len(s.slots) > 0 {
		return s.slots[0].page
	}
	return s.page
}

func (s *slotter) top0() float64 {
	if len(s.slots) > 0 {
		return s.slots[0].top
	}
	return s.top
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// setFlow sets one paragraph of a single-language edition: its lines run
// down the current column, on into the next column and the next page, as
// ordinary two-column text. A paragraph that would leave one line at the
// foot of a column starts in the next column instead.
func (e *engine) setFlow(b *content.Block, p *paragraph, st *content.Style, role Role, keepWith int, hang float64, label string) error {
	e.lastBlk = b
	if e.current().hasText && e.y > e.current().top {
		e.y += st.SpaceBefore
	}
	var sl *slotter
	var lines []linebreak.Line
	for attempt := 0; ; attempt++ {
		sl = e.newSlotter(e.col, e.cur, e.y, st, hang)
		sl.flow = true
		lines = e.breakLines(p, sl.width)
		if sl.err != nil {
			return sl.err
		}
		if len(lines) == 0 {
			return nil
		}
		first := sl.at(0)
		onFirst := 0
		for i := range lines {
			if s := sl.at(i); s.page == first.page && s.side == first.side {
				onFirst++
			}
		}
		move := onFirst == 1 && len(lines) > 1
		if keepWith > 0 {
			last := sl.at(len(lines) - 1)
			if last.top+st.Leading+st.SpaceAfter+float64(keepWith)*st.Leading > e.pages[last.page].bottom() {
				move = true
			}
		}
		if !move || attempt >= 2 {
			e.col, e.cur, e.y = first.side, first.page, first.top
			break
		}
		e.report.OrphansAvoided++
		e.nextColumn()
	}
	last := e.placeLines(b, p, lines, sl, st, role, hang, label)
	e.cur, e.col, e.y = last.page, last.side, last.top+st.Leading+st.SpaceAfter
	return nil
}

// placeLines draws the broken lines of p into their slots — with the
// label (a list marker or "a)") hanging before the first — records them
// in the report and returns the last line's slot.
func (e *engine) placeLines(b *content.Block, p *paragraph, lines []linebreak.Line, sl *slotter, st *content.Style, role Role, hang float64, label string) slot {
	var last slot
	for i, ln := range lines {
		s := sl.at(i)
		last = s
		isLast := i == len(lines)-1
		ps := e.pages[s.page]
		e.checkWidth(b, p, ln, s.width, s.page+1)
		runs, ratio := setLine(&e.runs, p, ln, s.x, s.baseline, s.width, st.Align, isLast, role, b.ID)
		for _, r := range runs {
			e.add(ps, r)
		}
		if st.Align == content.Justify && role == RoleBody {
			e.report.Lines = append(e.report.Lines, LineReport{Page: s.page + 1, Block: b.ID, Lang: p.lang, Ratio: ratio,
				Badness: linebreak.Badness(ratio), Hyphen: ln.Hyphenated, Last: isLast, Overfull: ln.Overfull})
		}
		if i == 0 && label != "" {
			ts := e.b.resolve(st, "")
			lr := newRun(ts, s.x-hang, s.baseline, p.lang, role, b.ID)
			appendText(lr, ts, label)
			e.add(ps, lr)
		}
		ps.hasText = true
		ps.lastBlock = b
	}
	return last
}

// checkWidth records an error for a word (a piece of one between two
// break points) wider than the line it is set in: it would run into the
// next column or out of the page.
func (e *engine) checkWidth(b *content.Block, p *paragraph, ln linebreak.Line, width float64, page int) {
	if p.widest <= width+0.01 {
		return
	}
	for k := ln.Start; k < ln.End && k < len(p.nodes); k++ {
		if n := p.nodes[k]; n.Kind == linebreak.KindBox && n.Width > width+0.01 && p.frags[k].n > 0 && len(e.errs) < maxWidthErrors {
			e.errs = append(e.errs, e.errorAt(b, page, "the word %q is %.1f mm wide, wider than its line (%.1f mm): shorten it, or mark where it may break with a soft hyphen (U+00AD)", p.frags[k].text(), n.Width*25.4/72, width*25.4/72))
		}
	}
}

// maxWidthErrors is how many words too wide for their line one layout
// reports.
const maxWidthErrors = 20

// nextColumn moves the cursor of a single-language edition to the top of
// the next column: the right column of this page, or the next page.
func (e *engine) nextColumn() {
	if e.col == 0 && !e.current().noText {
		e.col, e.y = 1, e.current().top
		return
	}
	e.col = 0
	if err := e.nextPage(); err != nil {
		e.errs = append(e.errs, err)
	}
}
