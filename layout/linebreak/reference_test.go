package linebreak

// This file keeps the line breaker as it was before it was made faster
// (commit 857ad36), as an oracle: refBreak and refBreakEach must give
// exactly the results of Break and BreakEach.

import (
	"fmt"
	"math"
	"slices"
)

// refMaxPerClass is how many active nodes of one fitness class, with
// different line counts or runs of hyphenated lines, a breakpoint keeps;
// refMaxPerClassLoose is the same when looseness asks for other line counts
// than the optimum's. The bound keeps the active list short, as TeX's
// easy_line does for constant widths.
const (
	refMaxPerClass      = 3
	refMaxPerClassLoose = 6
)

// Fitness classes (K&P 1981, §"fitness classes"; TeX §817).
const (
	refFitTight = iota
	refFitDecent
	refFitLoose
	refFitVeryLoose
)

func refFitness(r float64) int {
	switch {
	case r < -0.5:
		return refFitTight
	case r <= 0.5:
		return refFitDecent
	case r <= 1:
		return refFitLoose
	}
	return refFitVeryLoose
}

// adjustRatio is the ratio by which a line's glue is set when it lacks
// shortfall points of its width (negative: it is too wide by that much).
// A line stretches its glue by the same ratio r, its bounded stretch
// included, up to r = 1; beyond that the bounded stretch stays at its
// whole amount and the ratio is that of the ordinary stretch alone, which
// takes up the rest (see Node.BoundedStretch). A line shrinks its glue by
// r of its shrink. A shortfall with nothing to take it up is ±Inf.
func refAdjustRatio(shortfall, stretch, bounded, shrink float64) float64 {
	switch {
	case shortfall > 0:
		if shortfall <= stretch+bounded && stretch+bounded > 0 {
			return shortfall / (stretch + bounded)
		}
		if stretch > 0 {
			return (shortfall - bounded) / stretch
		}
		return math.Inf(1)
	case shortfall < 0:
		if shrink > 0 {
			return shortfall / shrink
		}
		return math.Inf(-1)
	}
	return 0
}

func refBadness(r float64) float64 {
	if r < -1 {
		return math.Inf(1)
	}
	b := 100 * math.Abs(r*r*r)
	if b > 10000 { // math.Min, without its care for NaN and −0: b is neither NaN (unless r is) nor negative
		b = 10000
	}
	return b
}

// active is a breakpoint that a next line may start from.
type refActive struct {
	pos        int     // index of the break node (-1: the paragraph start)
	line       int     // number of lines before this break
	fitness    int     // fitness class of the line ending here
	hyphens    int     // hyphenated lines in a row ending here
	w, st, sh  float64 // totals of width, stretch, shrink after the break (discardables skipped)
	bs         float64 // total of bounded stretch after the break
	demerits   float64
	prev       *refActive
	ratio, bad float64 // of the line ending here
	overfull   bool
}

// Break chooses the breaks of the paragraph nodes for the line widths.
// It never fails on hard input: when no set of breaks keeps every line
// within the tolerance, even with emergency stretch, it returns the best
// breaks it found with the lines that overrun marked Overfull (TeX's final
// pass, §863). It returns an error only for invalid input.
func refBreak(nodes []Node, widths Widths, p Params) (Result, error) {
	if err := refValidate(nodes); err != nil {
		return Result{}, err
	}
	if len(nodes) == 0 {
		return Result{Pass: 1}, nil
	}
	b := &refBreaker{nodes: nodes, widths: widths, p: p}
	b.prefix()
	passes := b.passes()
	for i, ps := range passes {
		finals, err := b.run(ps.tolerance, ps.hyphens, ps.emergency, ps.final)
		if err != nil {
			return Result{}, err
		}
		best, met := b.choose(finals, p.Looseness)
		// TeX §873: a pass that misses the looseness goal gives way to the
		// next one, unless it is the last.
		if best != nil && (met || i == len(passes)-1 && !p.Unforced) {
			return Result{Lines: b.lines(best), Demerits: best.demerits, Pass: ps.number}, nil
		}
	}
	if p.Unforced {
		return Result{}, ErrNoFit
	}
	return Result{}, fmt.Errorf("%w: no breaks found", ErrInvalid) // unreachable: the final pass always breaks
}

// validate rejects nodes with measures that are not numbers, infinite or
// negative.
func refValidate(nodes []Node) error {
	for i, n := range nodes {
		if math.IsNaN(n.Width) || math.IsNaN(n.Stretch) || math.IsNaN(n.Shrink) || math.IsNaN(n.Penalty) || math.IsNaN(n.BoundedStretch) ||
			math.IsInf(n.Width, 0) || n.Stretch < 0 || n.Shrink < 0 || n.BoundedStretch < 0 || math.IsInf(n.Stretch, 0) || math.IsInf(n.Shrink, 0) || math.IsInf(n.BoundedStretch, 0) {
			return fmt.Errorf("%w: node %d has width %v, stretch %v, shrink %v, penalty %v", ErrInvalid, i, n.Width, n.Stretch, n.Shrink, n.Penalty)
		}
	}
	return nil
}

// BreakEach breaks the paragraph as Break does for each looseness of
// loose (Params.Looseness is ignored), sharing the work: a pass keeps the
// same active breakpoints whatever nonzero looseness is asked for, and
// only the final choice differs. Every looseness must be nonzero. It
// returns a result and an error for each.
func refBreakEach(nodes []Node, widths Widths, p Params, loose []int) ([]Result, []error) {
	results, errs := make([]Result, len(loose)), make([]error, len(loose))
	for k, l := range loose {
		if l == 0 {
			errs[k] = fmt.Errorf("%w: BreakEach with looseness 0", ErrInvalid)
		}
	}
	p.Looseness = 1 // any nonzero value: the passes do not depend on which
	if err := refValidate(nodes); err != nil {
		for k := range loose {
			errs[k] = err
		}
		return results, errs
	}
	if len(nodes) == 0 {
		for k := range loose {
			if errs[k] == nil {
				results[k] = Result{Pass: 1}
			}
		}
		return results, errs
	}
	b := &refBreaker{nodes: nodes, widths: widths, p: p}
	b.prefix()
	passes := b.passes()
	pending := 0
	done := make([]bool, len(loose))
	for k := range loose {
		if errs[k] != nil {
			done[k] = true
		} else {
			pending++
		}
	}
	for i, ps := range passes {
		if pending == 0 {
			break
		}
		finals, err := b.run(ps.tolerance, ps.hyphens, ps.emergency, ps.final)
		for k, l := range loose {
			if done[k] {
				continue
			}
			if err != nil {
				errs[k], done[k] = err, true
				pending--
				continue
			}
			best, met := b.choose(finals, l)
			if best != nil && (met || i == len(passes)-1 && !p.Unforced) {
				results[k] = Result{Lines: b.lines(best), Demerits: best.demerits, Pass: ps.number}
				done[k] = true
				pending--
			}
		}
	}
	for k := range loose {
		if !done[k] {
			if p.Unforced {
				errs[k] = ErrNoFit
			} else {
				errs[k] = fmt.Errorf("%w: no breaks found", ErrInvalid)
			}
		}
	}
	return results, errs
}

// refPass is one pass of the algorithm.
type refPass struct {
	number    int
	tolerance float64
	hyphens   bool
	emergency float64
	final     bool
}

// passes lists the passes Break tries, in order (TeX §863, with the loose
// pass added).
func (b *refBreaker) passes() []refPass {
	p := b.p
	var passes []refPass
	if p.Pretolerance >= 0 {
		passes = append(passes, refPass{PassFirst, p.Pretolerance, false, 0, false})
	}
	passes = append(passes, refPass{PassSecond, p.Tolerance, true, 0, false})
	if p.LooseTolerance > p.Tolerance {
		passes = append(passes, refPass{PassLoose, p.LooseTolerance, true, 0, false})
	}
	if p.EmergencyStretch > 0 {
		passes = append(passes, refPass{PassEmergency, p.Tolerance, true, p.EmergencyStretch, false})
	}
	if !p.Unforced {
		passes = append(passes, refPass{PassForced, math.Inf(1), true, p.EmergencyStretch, true})
	}
	return passes
}

type refBreaker struct {
	nodes      []Node
	widths     Widths
	p          Params
	sw, sst    []float64 // prefix sums of width and stretch before node i
	sbs        []float64 // prefix sums of bounded stretch
	ssh        []float64
	widthCache []float64 // by line number; 0: not asked yet
	// pool holds the active nodes of a pass in blocks (a node is never
	// moved: others point to it); pool[block] is being filled. A pass
	// starts again from the first block: the nodes of the pass before are
	// no longer used.
	pool  [][]refActive
	block int
}

func (b *refBreaker) prefix() {
	n := len(b.nodes)
	sums := make([]float64, 4*(n+1)) // one allocation for the four
	b.sw, b.sst, b.ssh, b.sbs = sums[:n+1:n+1], sums[n+1:2*(n+1):2*(n+1)], sums[2*(n+1):3*(n+1):3*(n+1)], sums[3*(n+1):]
	for i, nd := range b.nodes {
		b.sw[i+1], b.sst[i+1], b.ssh[i+1], b.sbs[i+1] = b.sw[i], b.sst[i], b.ssh[i], b.sbs[i]
		switch nd.Kind {
		case KindBox:
			b.sw[i+1] += nd.Width
		case KindGlue:
			b.sw[i+1] += nd.Width
			b.sst[i+1] += nd.Stretch
			b.sbs[i+1] += nd.BoundedStretch
			b.ssh[i+1] += nd.Shrink
		}
	}
}

func (b *refBreaker) width(line int) (float64, error) {
	if line < len(b.widthCache) && b.widthCache[line] > 0 {
		return b.widthCache[line], nil
	}
	w := b.widths(line)
	if !(w > 0) || math.IsInf(w, 0) {
		return 0, fmt.Errorf("%w: width of line %d is %v", ErrInvalid, line, w)
	}
	for len(b.widthCache) <= line {
		b.widthCache = append(b.widthCache, 0)
	}
	b.widthCache[line] = w
	return w, nil
}

// legal reports whether node i is a legal breakpoint (K&P §2).
func (b *refBreaker) legal(i int, hyphens bool) bool {
	n := b.nodes[i]
	switch n.Kind {
	case KindGlue:
		return i > 0 && b.nodes[i-1].Kind == KindBox
	case KindPenalty:
		return n.Penalty < Infinity && (hyphens || !n.Flagged)
	}
	return false
}

// after returns the totals after a break at i: the discardable nodes that
// follow it vanish at the start of the next line (TeX §837).
func (b *refBreaker) after(i int) (w, st, sh, bs float64) {
	j := i + 1
	if i < 0 {
		j = 0
	}
	for j < len(b.nodes) {
		n := b.nodes[j]
		if n.Kind == KindBox || (n.Kind == KindPenalty && n.Penalty <= -Infinity && j > i+1) {
			break
		}
		j++
	}
	return b.sw[j], b.sst[j], b.ssh[j], b.sbs[j]
}

func (b *refBreaker) newActive(a refActive) *refActive {
	if len(b.pool) == 0 {
		b.pool = [][]refActive{make([]refActive, 0, 64)}
	}
	if cur := b.pool[b.block]; len(cur) == cap(cur) {
		b.block++
		if b.block == len(b.pool) {
			b.pool = append(b.pool, make([]refActive, 0, 2*cap(cur)))
		}
	}
	cur := append(b.pool[b.block], a)
	b.pool[b.block] = cur
	return &cur[len(cur)-1]
}

// resetPool makes the blocks of the pool free for the next pass.
func (b *refBreaker) resetPool() {
	for i := range b.pool {
		b.pool[i] = b.pool[i][:0]
	}
	b.block = 0
}

// run is one pass of the algorithm. It returns the active nodes at the
// paragraph's end, none when no feasible breaks exist in this pass.
func (b *refBreaker) run(tolerance float64, hyphens bool, emergency float64, final bool) (finals []*refActive, err error) {
	b.resetPool()
	w0, st0, sh0, bs0 := b.after(-1)
	actives := []*refActive{b.newActive(refActive{pos: -1, fitness: refFitDecent, w: w0, st: st0, sh: sh0, bs: bs0})}
	p := b.p
	type cand struct {
		line, fit  int
		hyphens    int // hyphenated lines in a row ending at this break
		a          *refActive
		demerits   float64
		ratio, bad float64
		overfull   bool
	}
	var cands []cand // reused at every breakpoint
	// upsert keeps the best candidate per (line, fitness class, hyphens
	// in a row): with a limit on hyphenated lines in a row, a way to a
	// break that ends fewer of them is not worse than a cheaper one that
	// ends more, so both must be kept for the optimum to be found.
	// candAt indexes cands by that key once they are many: where the
	// active nodes have many line counts (a long run of breakpoints with
	// nothing between them) a scan at every upsert would make each
	// breakpoint quadratic in the active nodes.
	const scanned = 16
	candAt := map[[3]int]int{}
	upsert := func(c cand) {
		key := [3]int{c.line, c.fit, c.hyphens}
		k := -1
		if len(cands) <= scanned {
			for j := range cands {
				if cands[j].line == c.line && cands[j].fit == c.fit && cands[j].hyphens == c.hyphens {
					k = j
					break
				}
			}
		} else {
			if len(candAt) == 0 {
				for j, x := range cands {
					candAt[[3]int{x.line, x.fit, x.hyphens}] = j
				}
			}
			if j, ok := candAt[key]; ok {
				k = j
			}
		}
		if k >= 0 {
			if c.demerits < cands[k].demerits {
				cands[k] = c
			}
			return
		}
		if len(candAt) > 0 {
			candAt[key] = len(cands)
		}
		cands = append(cands, c)
	}
	for i := range b.nodes {
		if !b.legal(i, hyphens) {
			continue
		}
		nd := b.nodes[i]
		penalty, flagged, forced := 0.0, false, false
		addW := 0.0
		if nd.Kind == KindPenalty {
			penalty, flagged, forced, addW = nd.Penalty, nd.Flagged, nd.Penalty <= -Infinity, nd.Width
		}
		// Best candidate per (line, fitness class).
		cands = cands[:0]
		if len(candAt) > 0 {
			clear(candAt)
		}
		keep := actives[:0] // filtered in place: each kept node was already read
		var lastDeactivated *refActive
		for _, a := range actives {
			lw, err := b.width(a.line)
			if err != nil {
				return nil, err
			}
			natural := b.sw[i] - a.w + addW
			stretch := b.sst[i] - a.st + emergency
			shrink := b.ssh[i] - a.sh
			r := refAdjustRatio(lw-natural, stretch, b.sbs[i]-a.bs, shrink)
			bad := refBadness(r)
			if r < -1 || forced {
				lastDeactivated = a
			} else {
				keep = append(keep, a)
			}
			if r < -1 || bad > tolerance {
				continue
			}
			if flagged && p.MaxConsecutiveHyphens > 0 && a.hyphens >= p.MaxConsecutiveHyphens && !final {
				continue
			}
			d := b.demerits(a, bad, penalty, flagged, refFitness(r), forced)
			upsert(cand{line: a.line + 1, fit: refFitness(r), hyphens: refHyphensAfter(a, flagged), a: a, demerits: d, ratio: r, bad: bad})
		}
		// TeX's final pass (§854): rather than lose every active node, break
		// here from the last one, with an overfull (or underfull) line.
		if final && len(cands) == 0 && len(keep) == 0 && lastDeactivated != nil {
			a := lastDeactivated
			lw, _ := b.width(a.line)
			natural := b.sw[i] - a.w + addW
			shrink := b.ssh[i] - a.sh
			r := -1.0
			if shrink == 0 || natural <= lw {
				r = 0
			}
			upsert(cand{line: a.line + 1, fit: refFitTight, hyphens: refHyphensAfter(a, flagged), a: a, demerits: a.demerits, ratio: r, bad: 10000, overfull: natural-shrink > lw+1e-9})
		}
		actives = keep
		// New active nodes. Line numbers are kept apart (widths may differ
		// from line to line, and looseness needs other line counts), but
		// only the refMaxPerClass best of each fitness class survive, which
		// bounds the active list as TeX's easy_line does for constant
		// widths. Order is deterministic: fitness, demerits, line.
		if len(cands) > 0 {
			w, st, sh, bs := b.after(i)
			// A stable sort: an insertion sort for the few candidates of
			// most breakpoints (sort.SliceStable's reflection cost more
			// than the sorting), a merge sort for the many of a long run of
			// breakpoints with nothing between them.
			less := func(cx, cy *cand) bool {
				if cx.fit != cy.fit {
					return cx.fit < cy.fit
				}
				if cx.demerits != cy.demerits {
					return cx.demerits < cy.demerits
				}
				return cx.line < cy.line
			}
			if len(cands) <= 16 {
				for x := 1; x < len(cands); x++ {
					for y := x; y > 0 && less(&cands[y], &cands[y-1]); y-- {
						cands[y], cands[y-1] = cands[y-1], cands[y]
					}
				}
			} else {
				slices.SortStableFunc(cands, func(cx, cy cand) int {
					switch {
					case less(&cx, &cy):
						return -1
					case less(&cy, &cx):
						return 1
					}
					return 0
				})
			}
			perClass, limit := 0, refMaxPerClass
			if p.Looseness != 0 {
				limit = refMaxPerClassLoose // other line counts must survive
			}
			for k, c := range cands {
				if k > 0 && c.fit != cands[k-1].fit {
					perClass = 0
				}
				if perClass >= limit {
					continue
				}
				perClass++
				h := c.hyphens
				actives = append(actives, b.newActive(refActive{pos: i, line: c.line, fitness: c.fit, hyphens: h, w: w, st: st, sh: sh, bs: bs,
					demerits: c.demerits, prev: c.a, ratio: c.ratio, bad: c.bad, overfull: c.overfull}))
			}
		}
		if len(actives) == 0 {
			return nil, nil
		}
	}
	// The paragraph ends with a forced break: the actives at the last node
	// are the candidates.
	for _, a := range actives {
		if a.pos == len(b.nodes)-1 {
			finals = append(finals, a)
		}
	}
	return finals, nil
}

// choose picks among the final active nodes of a pass the one with the
// fewest demerits or, with a looseness, the one whose line count is
// closest to the goal (TeX §875); met tells whether it is the goal.
func (b *refBreaker) choose(finals []*refActive, looseness int) (best *refActive, met bool) {
	if len(finals) == 0 {
		return nil, false
	}
	best = finals[0]
	for _, a := range finals[1:] {
		if a.demerits < best.demerits {
			best = a
		}
	}
	if looseness == 0 {
		return best, true
	}
	goal := best.line + looseness
	for _, a := range finals {
		da, db := refAbsInt(a.line-goal), refAbsInt(best.line-goal)
		if da < db || (da == db && a.demerits < best.demerits) {
			best = a
		}
	}
	return best, best.line == goal
}

// hyphensAfter is the run of hyphenated lines that a line from a to a
// break ends: one more than a's if the break is flagged, else none.
func refHyphensAfter(a *refActive, flagged bool) int {
	if flagged {
		return a.hyphens + 1
	}
	return 0
}

func refAbsInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// demerits of a line from a with badness bad ending at a break with the
// given penalty (K&P 1981 §"demerits", TeX §859).
func (b *refBreaker) demerits(a *refActive, bad, penalty float64, flagged bool, fit int, forced bool) float64 {
	p := b.p
	l := p.LinePenalty + bad
	d := l * l
	switch {
	case penalty >= 0:
		d += penalty * penalty
	case penalty > -Infinity:
		d -= penalty * penalty
	}
	if flagged && a.hyphens > 0 {
		d += p.FlaggedDemerits
	}
	if forced && a.hyphens > 0 {
		d += p.FinalHyphenDemerits
	}
	if refAbsInt(fit-a.fitness) > 1 {
		d += p.FitnessDemerits
	}
	return a.demerits + d
}

// lines turns the chain ending at last into lines.
func (b *refBreaker) lines(last *refActive) []Line {
	var chain []*refActive
	for a := last; a != nil && a.pos >= 0; a = a.prev {
		chain = append(chain, a)
	}
	lines := make([]Line, len(chain))
	for k := range chain {
		a := chain[len(chain)-1-k]
		start := a.prev.pos + 1
		for start < a.pos && b.nodes[start].Kind != KindBox {
			start++ // discardable nodes at the start of a line
		}
		lw, _ := b.width(a.prev.line)
		natural := b.sw[a.pos] - a.prev.w
		nd := b.nodes[a.pos]
		hyph := nd.Kind == KindPenalty && nd.Flagged
		if nd.Kind == KindPenalty {
			natural += nd.Width
		}
		ratio := a.ratio
		// Recompute the ratio without emergency stretch: the glue is set
		// with its real stretch.
		stretch := b.sst[a.pos] - a.prev.st
		bounded := b.sbs[a.pos] - a.prev.bs
		shrink := b.ssh[a.pos] - a.prev.sh
		switch {
		case natural < lw && stretch+bounded > 0, natural > lw && shrink > 0:
			ratio = math.Max(refAdjustRatio(lw-natural, stretch, bounded, shrink), -1)
		case natural == lw:
			ratio = 0
		}
		bad := a.bad
		if ratio != a.ratio { // set with emergency stretch: report the real badness
			bad = refBadness(ratio)
		}
		lines[k] = Line{Start: start, End: a.pos, Width: lw, Natural: natural, Ratio: ratio, Badness: bad,
			Fitness: a.fitness, Hyphenated: hyph, Overfull: a.overfull || natural-shrink > lw+1e-6}
	}
	return lines
}
