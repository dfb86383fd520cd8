package layout

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// MaxPages bounds the pages one layout may make, so that no input can make
// the engine run away.
const MaxPages = 2000

// Layout sets pub as its bilingual edition: the left language in the left
// column, the right language in the right one, each pair of paragraphs
// starting level. res must come from LoadResources(pub).
func Layout(pub *content.Publication, res *Resources) (*Document, error) {
	return LayoutEdition(pub, res, "")
}

// LayoutEdition sets one edition of pub: lang "" is the bilingual edition
// (as Layout); "it" or "en" is an edition in that language only, its text
// flowing through both columns as ordinary two-column text, with captions,
// headings and the cover title in that language, and its own page count
// (sections open on a new page rather than on the bilingual edition's
// page numbers; the count is rounded up to a multiple of 4 when the
// bilingual edition's is).
func LayoutEdition(pub *content.Publication, res *Resources, lang string) (*Document, error) {
	doc, _, err := layoutEdition(pub, res, lang, runtime.GOMAXPROCS(0))
	return doc, err
}

// layoutEdition is LayoutEdition with the sections after the first laid
// out ahead by workers goroutines (none when workers < 2), see sections;
// adopted is how many of them were taken.
func layoutEdition(pub *content.Publication, res *Resources, lang string, workers int) (doc *Document, adopted int, err error) {
	if lang != "" && lang != pub.Languages[0] && lang != pub.Languages[1] {
		return nil, 0, fmt.Errorf("no %q edition: the publication's languages are %s and %s", lang, pub.Languages[0], pub.Languages[1])
	}
	e := &engine{pub: pub, res: res, b: newBuilder(pub, res), fixed: map[int][]*content.Block{}, anchored: map[string][]*content.Block{}, used: map[string]bool{}, headings: map[string]int{}, single: lang}
	if res.paras != nil {
		e.b.remembering(res.paras, res.paras.begin())
	}
	e.doc = &Document{
		Trim:  Size{W: pub.Page.Width, H: pub.Page.Height},
		Bleed: pub.Page.Bleed,
		Marks: pub.Page.Marks,
		Meta: Meta{
			Title:    pub.Meta.Title.It + " / " + pub.Meta.Title.En,
			Author:   pub.Meta.Author,
			Subject:  joinPair(pub.Meta.Subject),
			Keywords: pub.Meta.Keywords,
			Lang:     pub.Languages[0],
			Date:     pub.Meta.Date.Unix(),
		},
	}
	if pub.Meta.Title.Shared {
		e.doc.Meta.Title = pub.Meta.Title.It
	}
	if lang != "" {
		e.doc.Meta.Title = pub.Meta.Title.In(lang)
		e.doc.Meta.Subject = pub.Meta.Subject.In(lang)
		e.doc.Meta.Lang = lang
	}
	e.collectFixed()
	if pub.Cover != nil {
		e.cover()
	}
	e.sections(workers)
	e.finish()
	e.errs = append(e.miss.errs, e.errs...)
	if len(e.errs) > 0 {
		return nil, e.adopted, joinErrors(e.errs)
	}
	for _, ps := range e.pages {
		e.doc.Pages = append(e.doc.Pages, *ps.page)
	}
	e.doc.Fonts = e.fontList()
	e.doc.Report = e.report
	return e.doc, e.adopted, nil
}

func joinPair(p content.Pair) string {
	if p.IsZero() || p.Shared {
		return p.It
	}
	return p.It + " / " + p.En
}

// engine holds the state of one layout run.
type engine struct {
	pub *content.Publication
	res *Resources
	b   *builder
	doc *Document

	pages []*pageState
	cur   int     // index in pages of the page being filled
	y     float64 // top of the next row on the current page
	// single is the language of a single-language edition ("" for the
	// bilingual one); col is then the column being filled.
	single string
	col    int

	pending  []*content.Block            // figures waiting for the top of the next page
	fixed    map[int][]*content.Block    // figures placed on a given page
	anchored map[string][]*content.Block // figures placed at the top of a block
	used     map[string]bool             // font keys used
	headings map[string]int              // block id → index of the first page with a heading run of it
	lastBlk  *content.Block              // last block placed, for messages

	runs runAlloc // the text runs of the pages
	// opened is the index of the page the last section opened on;
	// adopted counts the sections laid out ahead and taken (sections.go).
	opened, adopted int
	miss            missingGlyphs
	errs            []error
	report          Report
	// lb is the line breaker's memory, reused from one paragraph to the
	// next.
	lb linebreak.Breaker
}

// pageState is a page being filled.
type pageState struct {
	page      *Page
	area      Rect           // the text area
	cols      [2]Rect        // left and right columns
	obstacles [2][]Rect      // per column: areas text must go around
	inColumn  []columnFigure // figures placed inside a column, in order
	top       float64        // first y free for text
	noText    bool           // a full-page figure, the cover or the back
	hasText   bool           // something of the flow was placed on it
	hasFigure bool           // a figure waiting for a page top was placed on it
	lastBlock *content.Block
}

// used reports whether the page holds anything of the flow.
func (ps *pageState) used() bool { return ps.hasText || ps.hasFigure }

// bottom is the lowest y text may reach on the page.
func (ps *pageState) bottom() float64 { return ps.area.Y + ps.area.H }

func (e *engine) errorAt(b *content.Block, page int, format string, args ...any) error {
	err := &Error{Page: page, Msg: fmt.Sprintf(format, args...)}
	if b != nil {
		err.Pos, err.Block = b.Pos.String(), b.ID
	}
	return err
}

// collectFixed files figures with a page or an anchor so the flow places
// them at the right moment.
func (e *engine) collectFixed() {
	for _, s := range e.pub.Sections {
		for _, b := range s.Blocks {
			if f := b.Figure; f != nil {
				switch {
				case (f.Placement == content.PlacePage || f.Placement == content.PlacePinned) && e.single == "":
					e.fixed[f.Page] = append(e.fixed[f.Page], b)
				case f.Anchor != "":
					e.anchored[f.Anchor] = append(e.anchored[f.Anchor], b)
				}
			}
		}
	}
}

// page returns the page at index i (0-based), making pages up to it.
func (e *engine) page(i int) (*pageState, error) {
	for len(e.pages) <= i {
		if len(e.pages) >= MaxPages {
			return nil, e.errorAt(e.lastBlk, len(e.pages), "the layout needs more than %d pages", MaxPages)
		}
		e.newPage()
	}
	return e.pages[i], nil
}

// newPage appends a page with its geometry, its fixed figures and the
// figures waiting for a page top.
func (e *engine) newPage() *pageState {
	n := len(e.pages) + 1
	pg := e.pub.Page
	left := pg.Outer
	if n%2 == 1 { // a right-hand page: the binding is on the left
		left = pg.Inner
	}
	area := Rect{X: left, Y: pg.Top, W: pg.Width - pg.Inner - pg.Outer, H: pg.Height - pg.Top - pg.Bottom}
	cw := (area.W - pg.Gutter) / 2
	ps := &pageState{
		page: &Page{Index: n},
		area: area,
		cols: [2]Rect{{X: area.X, Y: area.Y, W: cw, H: area.H}, {X: area.X + cw + pg.Gutter, Y: area.Y, W: cw, H: area.H}},
		top:  area.Y,
	}
	e.pages = append(e.pages, ps)
	for _, b := range e.fixed[n] {
		e.placeFixed(ps, b)
	}
	if !ps.noText {
		pending := e.pending
		e.pending = nil
		for _, b := range pending {
			if !e.placeAtTop(ps, b) {
				e.pending = append(e.pending, b)
			}
		}
	}
	return ps
}

// nextPage moves the cursor to the top of the next page that takes text.
func (e *engine) nextPage() error {
	for {
		ps, err := e.page(e.cur + 1)
		if err != nil {
			return err
		}
		e.cur++
		if !ps.noText {
			e.y, e.col = ps.top, 0
			return nil
		}
	}
}

func (e *engine) current() *pageState { return e.pages[e.cur] }

// startSection moves to the page the section opens on.
func (e *engine) startSection(s *content.Section) error {
	if len(e.pages) == 0 {
		if _, err := e.page(0); err != nil {
			return err
		}
		e.cur, e.y = 0, e.pages[0].top
		if e.pages[0].noText {
			if err := e.nextPage(); err != nil {
				return err
			}
		}
		if !e.pages[e.cur].used() && s.Start.Kind == content.StartNewPage {
			return nil
		}
	}
	kind := s.Start.Kind
	if e.single != "" && kind == content.StartPage {
		kind = content.StartNewPage // the bilingual edition's page numbers do not apply
	}
	switch kind {
	case content.StartNewPage:
		if e.current().used() {
			return e.nextPage()
		}
	case content.StartRightPage:
		if e.current().used() {
			if err := e.nextPage(); err != nil {
				return err
			}
		}
		for (e.cur+1)%2 == 0 || e.current().noText {
			if err := e.nextPage(); err != nil {
				return err
			}
		}
	case content.StartPage:
		want := s.Start.Page - 1
		if e.cur > want || (e.cur == want && e.current().used()) || (e.cur < want && e.lastPageUsed() > want) {
			last := e.lastPageUsed() + 1
			return e.errorAt(e.lastBlk, last, "section %q must open on page %d, but the text before it runs to page %d: shorten it, make its figures smaller, or move the section (%s)", s.ID, s.Start.Page, last, s.Pos)
		}
		for e.cur < want {
			if err := e.nextPage(); err != nil {
				return err
			}
		}
		if e.cur != want || e.current().noText { // nextPage skips a page that takes no text
			return &Error{Pos: s.Pos.String(), Page: s.Start.Page, Msg: fmt.Sprintf("section %q must open on page %d, which holds a full-page figure", s.ID, s.Start.Page)}
		}
		e.y = e.current().top
	}
	return nil
}

// lastPageUsed is the index of the last page holding flow content.
func (e *engine) lastPageUsed() int {
	for i := len(e.pages) - 1; i >= 0; i-- {
		if e.pages[i].used() {
			return i
		}
	}
	return -1
}

// section lays out a section: heading, then blocks in order.
func (e *engine) section(s *content.Section) error {
	if err := e.startSection(s); err != nil {
		return err
	}
	return e.sectionBody(s)
}

// sectionBody lays out a section from the page startSection opened it on.
func (e *engine) sectionBody(s *content.Section) error {
	e.opened = e.cur
	if !s.Heading.IsZero() {
		hb := &content.Block{Kind: content.KindHeading, ID: s.ID, Style: s.Style, Text: s.Heading, Pos: s.Pos}
		if err := e.pair(hb, s.Heading, e.pub.Styles[s.Style], RoleHeading, 3); err != nil {
			return err
		}
		e.bookmark(s)
	}
	for i := 0; i < len(s.Blocks); i++ {
		b := s.Blocks[i]
		for _, f := range e.anchored[b.ID] {
			if err := e.figure(f); err != nil {
				return err
			}
		}
		if f := b.Figure; f != nil {
			if f.Anchor != "" || (f.Placement == content.PlacePage || f.Placement == content.PlacePinned) && e.single == "" {
				continue
			}
			if f.Placement == content.PlaceRow {
				group := []*content.Block{b}
				for i+1 < len(s.Blocks) && s.Blocks[i+1].Figure != nil && s.Blocks[i+1].Figure.Placement == content.PlaceRow && s.Blocks[i+1].Figure.Anchor == "" {
					i++
					group = append(group, s.Blocks[i])
				}
				if err := e.row(group); err != nil {
					return err
				}
				continue
			}
			if err := e.figure(b); err != nil {
				return err
			}
			continue
		}
		if err := e.block(b); err != nil {
			return err
		}
	}
	return e.flushPending()
}

// flushPending places the figures still waiting for a page top when their
// section ends: on the next pages, before the next section opens.
func (e *engine) flushPending() error {
	for guard := 0; len(e.pending) > 0; guard++ {
		if guard > 20 {
			return e.errorAt(e.pending[0], e.cur+1, "the figure did not fit on any page after its place in the text")
		}
		if err := e.nextPage(); err != nil {
			return err
		}
		var rest []*content.Block
		for _, b := range e.pending { // a page that already existed: place them here
			if !e.placeAtTop(e.current(), b) {
				rest = append(rest, b)
			}
		}
		e.pending = rest
	}
	return nil
}

// block lays out a text block.
func (e *engine) block(b *content.Block) error {
	st := e.pub.Styles[b.Style]
	switch b.Kind {
	case content.KindPair:
		return e.pair(b, b.Text, st, RoleBody, 0)
	case content.KindHeading:
		return e.pair(b, b.Text, st, RoleHeading, 3)
	case content.KindQuote:
		if !b.Lead.IsZero() {
			if err := e.pair(b, b.Lead, st, RoleBody, 0); err != nil {
				return err
			}
		}
		for _, it := range b.Items {
			if err := e.item(b, it, it.Label, st); err != nil {
				return err
			}
		}
		if b.Source != nil {
			src := *st
			src.Align = content.Right
			if err := e.pair(b, *b.Source, &src, RoleBody, 0); err != nil {
				return err
			}
		}
	case content.KindList:
		for _, it := range b.Items {
			if err := e.item(b, it, b.Marker, st); err != nil {
				return err
			}
		}
	}
	// Items sit close together; the block as a whole stands apart from
	// the next paragraph as paragraphs do.
	if body := e.pub.Styles["body"]; body != nil && (b.Kind == content.KindList || b.Kind == content.KindQuote) && body.SpaceAfter > st.SpaceAfter {
		e.y += body.SpaceAfter - st.SpaceAfter
	}
	return nil
}

// bookmark adds an outline entry for section s, at its heading.
func (e *engine) bookmark(s *content.Section) {
	title := content.PlainText(s.Heading.It) + " / " + content.PlainText(s.Heading.En)
	switch {
	case e.single != "":
		title = content.PlainText(s.Heading.In(e.single))
	case s.Heading.Shared:
		title = content.PlainText(s.Heading.It)
	}
	// The first heading run of the section, in page order: on the first
	// page that holds one (see add).
	i, ok := e.headings[s.ID]
	if !ok {
		return
	}
	ps := e.pages[i]
	for _, it := range ps.page.Items {
		if r, ok := it.(*TextRun); ok && r.Role == RoleHeading && r.Block == s.ID {
			e.doc.Outline = append(e.doc.Outline, Bookmark{Title: title, Page: ps.page.Index, Y: r.Y - r.Ascent})
			return
		}
	}
}

// finish adds the back page, pads to the page count, and sets folios.
func (e *engine) finish() {
	if len(e.errs) > 0 {
		return
	}
	want := e.pub.Meta.Pages
	if e.single != "" {
		want = 0
	}
	last := e.lastPageUsed() + 1
	for n := range e.fixed {
		last = max(last, n)
	}
	if len(e.pending) > 0 {
		e.errs = append(e.errs, e.errorAt(e.pending[0], last, "the figure did not fit on any page after its place in the text"))
		return
	}
	total := last
	if e.pub.Back != nil {
		total++
	}
	if want > 0 && total > want {
		e.errs = append(e.errs, e.errorAt(e.lastBlk, last, "the publication needs %d pages but `publication.pages` is %d: the text does not fit", total, want))
		return
	}
	if want == 0 {
		want = total + total%2
		if e.pub.Meta.Saddle || e.single != "" && e.pub.Meta.Pages%4 == 0 && e.pub.Meta.Pages > 0 {
			want = (total + 3) / 4 * 4 // a booklet: whole sheets of four pages
		}
	}
	for len(e.pages) < want {
		e.newPage()
	}
	e.pages = e.pages[:want]
	if e.pub.Back != nil {
		e.back(e.pages[want-1])
	}
	e.folios()
}

// breakLines breaks p for widths: Knuth–Plass for justified text, first
// fit for ragged text.
// looseTolerance is the badness a paragraph's lines may reach when no
// breaks keep them within TeX's tolerance of 200 (a ratio of about 1.26):
// 9999, any line whose badness still tells it from a worse one (a ratio
// under 4.6). The pass judges lines by their true badness and its
// demerits grow with the square of it, so it takes several slightly loose
// lines over one very loose line; only when even that fails does emergency
// stretch come in, which would hide how loose each line really is.
const looseTolerance = 9999

func (e *engine) breakLines(p *paragraph, widths linebreak.Widths) []linebreak.Line {
	lines, _ := e.breakWith(p, widths, 0, false)
	return lines
}

// breakLoose breaks p asking for looseness more (or fewer) lines than the
// optimum (TeX's \looseness). ok is false when the lines could only be
// found by the forced final pass (some overfull) or when the looseness
// asked for could not be met; ragged text has only looseness 0. Lines
// that are not ok are not returned: every caller rejects them, so the
// forced pass is not run.
func (e *engine) breakLoose(p *paragraph, widths linebreak.Widths, looseness int) (lines []linebreak.Line, ok bool) {
	return e.breakWith(p, widths, looseness, true)
}

// breakLooseEach is breakLoose for each nonzero looseness of loose, the
// work shared (linebreak.BreakEach).
func (e *engine) breakLooseEach(p *paragraph, widths linebreak.Widths, loose []int) (lines [][]linebreak.Line, ok []bool) {
	k := breakKey{kind: breakEach}
	if len(loose) > len(k.loose) {
		return breakLooseEach(&e.lb, p, widths, loose)
	}
	copy(k.loose[:], loose)
	return cachedBreak(p, k, widths, func(widths linebreak.Widths) ([][]linebreak.Line, []bool) {
		return breakLooseEach(&e.lb, p, widths, loose)
	})
}

func breakLooseEach(lb *linebreak.Breaker, p *paragraph, widths linebreak.Widths, loose []int) (lines [][]linebreak.Line, ok []bool) {
	lines, ok = make([][]linebreak.Line, len(loose)), make([]bool, len(loose))
	if p.style.Align != content.Justify {
		for k := range loose {
			lines[k] = breakRagged(p.nodes, widths)
		}
		return lines, ok
	}
	params := linebreak.DefaultParams()
	params.Unforced = true
	res, errs := lb.BreakEach(p.nodes, widths, params, loose)
	for k := range loose {
		switch {
		case errors.Is(errs[k], linebreak.ErrNoFit):
		case errs[k] != nil || len(res[k].Lines) == 0:
			lines[k] = breakRagged(p.nodes, widths)
		default:
			lines[k], ok[k] = res[k].Lines, res[k].Pass < linebreak.PassForced
		}
	}
	return lines, ok
}

func (e *engine) breakWith(p *paragraph, widths linebreak.Widths, looseness int, unforced bool) (lines []linebreak.Line, ok bool) {
	ls, oks := cachedBreak(p, breakKey{kind: breakOne, looseness: looseness, unforced: unforced}, widths, func(widths linebreak.Widths) ([][]linebreak.Line, []bool) {
		lines, ok := breakWith(&e.lb, p, widths, looseness, unforced)
		return [][]linebreak.Line{lines}, []bool{ok}
	})
	return ls[0], oks[0]
}

// firstFit is breakRagged for p, remembered.
func (e *engine) firstFit(p *paragraph, widths linebreak.Widths) []linebreak.Line {
	ls, _ := cachedBreak(p, breakKey{kind: breakFirstFit}, widths, func(widths linebreak.Widths) ([][]linebreak.Line, []bool) {
		return [][]linebreak.Line{breakRagged(p.nodes, widths)}, []bool{true}
	})
	return ls[0]
}

func breakWith(lb *linebreak.Breaker, p *paragraph, widths linebreak.Widths, looseness int, unforced bool) (lines []linebreak.Line, ok bool) {
	if p.style.Align != content.Justify {
		return breakRagged(p.nodes, widths), looseness == 0
	}
	params := linebreak.DefaultParams()
	params.Looseness = looseness
	params.Unforced = unforced
	if looseness == 0 {
		params.LooseTolerance = looseTolerance
		params.EmergencyStretch = 2 * p.style.Size
	}
	res, err := lb.Break(p.nodes, widths, params)
	if unforced && errors.Is(err, linebreak.ErrNoFit) {
		return nil, false
	}
	if err != nil || len(res.Lines) == 0 {
		return breakRagged(p.nodes, widths), false
	}
	return res.Lines, res.Pass < linebreak.PassForced
}

func itoa(n int) string { return strconv.Itoa(n) }

func (e *engine) fontList() []Font {
	var out []Font
	for _, fam := range sortedFamilies(e.pub) {
		for _, face := range []content.Face{content.Regular, content.Bold, content.Italic, content.BoldItalic} {
			k := fontKey(fam.Name, face)
			if f := e.res.faces[k]; f != nil && e.used[k] {
				out = append(out, Font{Key: k, Name: f.Name(), Data: f.Bytes()})
			}
		}
	}
	return out
}

// add puts items on a page, noting the fonts they use and the first page
// that holds a heading run of each block.
func (e *engine) add(ps *pageState, items ...Item) {
	for _, it := range items {
		if t, ok := it.(*TextRun); ok {
			e.used[t.Font] = true
			if t.Role == RoleHeading {
				if i, ok := e.headings[t.Block]; !ok || ps.page.Index-1 < i {
					e.headings[t.Block] = ps.page.Index - 1
				}
			}
		}
		ps.page.Items = append(ps.page.Items, it)
	}
}
