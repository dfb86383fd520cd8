package main

import (
	"fmt"
	"io"

	"github.com/duetto-press/duetto/layout"
)

// printReport prints the typographic report of a layout, a line a page:
// the worst justified line (its glue ratio and badness), the longest run
// of hyphenated lines, and the white under the shorter side of the pairs
// that end on the page.
func printReport(w io.Writer, doc *layout.Document) {
	rep := doc.Report
	type pageFigures struct {
		lines     int
		worst     *layout.LineReport
		ladder    int
		pairs     int
		maxGap    float64
		gapBlock  string
		overfulls int
	}
	pages := make([]pageFigures, len(doc.Pages)+1)
	run, prev := 0, ""
	for i := range rep.Lines {
		l := &rep.Lines[i]
		pf := &pages[l.Page]
		pf.lines++
		if !l.Last && (pf.worst == nil || l.Ratio > pf.worst.Ratio) {
			pf.worst = l
		}
		key := l.Block + "/" + l.Lang
		if l.Hyphen && key == prev {
			run++
		} else if l.Hyphen {
			run = 1
		} else {
			run = 0
		}
		prev = key
		pf.ladder = max(pf.ladder, run)
		if l.Overfull {
			pf.overfulls++
		}
	}
	for _, p := range rep.Pairs {
		pf := &pages[p.Page]
		pf.pairs++
		if p.Gap > pf.maxGap {
			pf.maxGap, pf.gapBlock = p.Gap, p.Block
		}
	}
	fmt.Fprintf(w, "page  lines  worst line (ratio, badness, block)      hyphen ladder  pairs  largest pair gap\n")
	for n := 1; n < len(pages); n++ {
		pf := pages[n]
		if pf.lines == 0 {
			continue
		}
		worst := "-"
		if pf.worst != nil {
			worst = fmt.Sprintf("%+.2f %6.0f %-20s", pf.worst.Ratio, pf.worst.Badness, pf.worst.Block+" ("+pf.worst.Lang+")")
		}
		gap := "-"
		if pf.pairs > 0 {
			gap = fmt.Sprintf("%.1f pt (%s)", pf.maxGap, pf.gapBlock)
		}
		over := ""
		if pf.overfulls > 0 {
			over = fmt.Sprintf("  %d overfull", pf.overfulls)
		}
		fmt.Fprintf(w, "%4d  %5d  %-38s %13d  %5d  %s%s\n", n, pf.lines, worst, pf.ladder, pf.pairs, gap, over)
	}
	fmt.Fprintf(w, "orphans avoided %d, widows avoided %d\n", rep.OrphansAvoided, rep.WidowsAvoided)
}
