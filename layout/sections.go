package layout

import (
	"sync"
	"sync/atomic"

	"github.com/duetto-press/duetto/content"
)

// This file lays out the sections of an edition concurrently. A section
// that opens on a new page (or a new right-hand page) depends on the
// sections before it only through where it opens: the index of its first
// page, whose parity chooses the page's margins, and the figures fixed to
// page numbers it may meet. So while the engine sets the sections in
// order, workers set the later ones ahead, each in an engine of its own
// that opens the section on a fresh page after one used page. When the
// engine reaches a section, it opens it as it would, and takes the
// section laid out ahead when that layout cannot differ from its own:
// the engine's section opens on a fresh last page with nothing waiting
// for a page top, on a page of the same parity (or the margins do not
// depend on it), no fixed figure falls on the pages the section fills,
// the section fits under MaxPages, and the layout ahead met no error.
// The pages taken are renumbered, and the report and the outline with
// them. Otherwise the engine sets the section itself (the paragraphs and
// breaks the worker remembered make that quick). Either way the pages
// are those the sequential layout makes.

// ahead is a section laid out ahead by a worker.
type ahead struct {
	e   *engine
	err error
}

// sections lays out the publication's sections, those after the first
// laid out ahead by workers goroutines when workers > 1.
func (e *engine) sections(workers int) {
	secs := e.pub.Sections
	var results []chan *ahead
	var stop atomic.Bool
	var wg sync.WaitGroup
	if workers > 1 && len(secs) > 2 {
		results = make([]chan *ahead, len(secs))
		todo := make(chan int, len(secs))
		for k := 1; k < len(secs); k++ {
			results[k] = make(chan *ahead, 1)
			todo <- k
		}
		close(todo)
		for range min(workers, len(secs)-1) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range todo {
					if stop.Load() || !e.canAhead(secs[k]) {
						results[k] <- nil
						continue
					}
					results[k] <- e.layAhead(secs[k])
				}
			}()
		}
	}
	defer wg.Wait()
	defer stop.Store(true)
	for k, s := range secs {
		if err := e.startSection(s); err != nil {
			e.errs = append(e.errs, err)
			return
		}
		if results != nil && k > 0 {
			if a := <-results[k]; a != nil && e.adopt(a) {
				continue
			}
		}
		if err := e.sectionBody(s); err != nil {
			e.errs = append(e.errs, err)
			return
		}
	}
}

// canAhead reports whether section s may be laid out ahead: it opens on a
// new page or a new right-hand page (in a single-language edition, a
// section that names its page opens on a new page).
func (e *engine) canAhead(s *content.Section) bool {
	switch s.Start.Kind {
	case content.StartNewPage, content.StartRightPage:
		return true
	case content.StartPage:
		return e.single != ""
	}
	return false
}

// layAhead lays out section s in an engine of its own, opened after one
// used page, with no figures fixed to pages.
func (e *engine) layAhead(s *content.Section) *ahead {
	a := &engine{pub: e.pub, res: e.res, b: newBuilder(e.pub, e.res), fixed: map[int][]*content.Block{}, anchored: e.anchored,
		used: map[string]bool{}, headings: map[string]int{}, single: e.single, doc: &Document{}}
	if e.b.paras != nil {
		a.b.paras, a.b.gen, a.b.env, a.b.envKeys, a.b.styleKeys = e.b.paras, e.b.gen, e.b.env, e.b.envKeys, map[*content.Style]string{}
	}
	a.pages = []*pageState{{page: &Page{Index: 1}, hasText: true}}
	err := a.section(s)
	return &ahead{e: a, err: err}
}

// adopt takes the pages of a section laid out ahead, when they are those
// the engine would make from where it opened the section; it reports
// whether it did.
func (e *engine) adopt(a *ahead) bool {
	ae := a.e
	if a.err != nil || len(ae.errs) > 0 || len(ae.miss.errs) > 0 || len(ae.pending) > 0 {
		return false
	}
	// The engine's section opens on a fresh last page, as the worker's did.
	n := e.cur
	ps := e.pages[n]
	if n != len(e.pages)-1 || len(e.pending) > 0 || !fresh(ps) || e.y != ps.top || e.col != 0 {
		return false
	}
	s0 := ae.opened
	if (n-s0)%2 != 0 && e.pub.Page.Inner != e.pub.Page.Outer {
		return false
	}
	m := len(ae.pages) - s0 // pages from the opening one on
	if n+m > MaxPages {
		return false
	}
	for i := n; i < n+m; i++ {
		if len(e.fixed[i+1]) > 0 {
			return false
		}
	}
	for id := range ae.headings {
		if _, ok := e.headings[id]; ok { // a bookmark would find the earlier one
			return false
		}
	}
	off := n - s0
	e.pages = e.pages[:n]
	for _, ps := range ae.pages[s0:] {
		ps.page.Index += off
		e.pages = append(e.pages, ps)
	}
	e.cur, e.y, e.col = ae.cur+off, ae.y, ae.col
	if ae.lastBlk != nil {
		e.lastBlk = ae.lastBlk
	}
	for k := range ae.used {
		e.used[k] = true
	}
	for id, i := range ae.headings {
		e.headings[id] = i + off
	}
	for _, b := range ae.doc.Outline {
		b.Page += off
		e.doc.Outline = append(e.doc.Outline, b)
	}
	e.report.add(&ae.report, off)
	e.opened = n
	e.adopted++
	return true
}

// fresh reports whether nothing has been put on page ps.
func fresh(ps *pageState) bool {
	return len(ps.page.Items) == 0 && !ps.noText && !ps.used() && ps.top == ps.area.Y &&
		len(ps.obstacles[0]) == 0 && len(ps.obstacles[1]) == 0 && len(ps.inColumn) == 0 && ps.lastBlock == nil
}
