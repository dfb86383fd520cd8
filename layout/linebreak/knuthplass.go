package linebreak

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// This file implements the total-fit line breaking algorithm of Knuth and
// Plass, "Breaking Paragraphs into Lines", Software—Practice and Experience
// 11 (1981) 1119–1184, in the form TeX uses (TeX: The Program §813–890).
//
// The algorithm walks the legal breakpoints of the paragraph once. It keeps
// a list of "active" breakpoints — those from which a feasible line could
// still reach the current point — each with the least total demerits of a
// way to get there. At every legal breakpoint b it tries a line from each
// active node a to b; a feasible line creates a candidate active node at b
// whose demerits are a's plus the line's. An active node from which even
// the tightest line overruns the line width is deactivated (K&P §"the
// algorithm", TeX §851). At the end, the chain of the best active node is
// the optimum.

// Params are the parameters of the line breaker; their names and defaults
// are TeX's.
type Params struct {
	Tolerance             float64 // \tolerance: the worst badness a line may have
	Pretolerance          float64 // \pretolerance: first pass without hyphenation, if >= 0
	LinePenalty           float64 // \linepenalty, added to every line's badness
	FlaggedDemerits       float64 // \doublehyphendemerits: two hyphenated lines in a row
	FinalHyphenDemerits   float64 // \finalhyphendemerits: a hyphen on the next-to-last line
	FitnessDemerits       float64 // \adjdemerits: adjacent lines of non-adjacent fitness classes
	MaxConsecutiveHyphens int     // at most this many hyphenated lines in a row (0: no limit)
	Looseness             int     // \looseness: lines more (+) or fewer (−) than optimal, if possible
	// LooseTolerance, if above Tolerance, is the worst badness of a third
	// pass, tried when no breaks keep every line within Tolerance. It is
	// LaTeX's \sloppy (a raised \tolerance) rather than TeX's emergency
	// stretch: the lines are judged by their true badness, so the pass
	// still prefers two slightly loose lines to one very loose one, which
	// a pass with emergency stretch cannot tell apart.
	LooseTolerance   float64
	EmergencyStretch float64 // \emergencystretch (points) for a pass after the loose one
	// Unforced leaves out the final, forced pass: when no other pass
	// finds breaks within its tolerance (and meets the looseness asked
	// for), Break returns ErrNoFit instead of overfull lines. It is for
	// callers that would reject forced lines anyway: that pass, with no
	// tolerance, keeps every reachable breakpoint active and is by far
	// the slowest.
	Unforced bool
}

// The passes of Break, in the order it tries them (TeX §863, with the
// loose pass added). Result.Pass tells which one found the lines.
const (
	PassFirst     = 1 // without hyphenation, within Pretolerance
	PassSecond    = 2 // with hyphenation, within Tolerance
	PassLoose     = 3 // with hyphenation, within LooseTolerance
	PassEmergency = 4 // with EmergencyStretch added to every line, within Tolerance
	PassForced    = 5 // beyond any tolerance: overfull or underfull lines where nothing else fits
)

// DefaultParams returns TeX's plain defaults, with at most two hyphenated
// lines in a row.
func DefaultParams() Params {
	return Params{
		Tolerance:             200,
		Pretolerance:          100,
		LinePenalty:           10,
		FlaggedDemerits:       10000,
		FinalHyphenDemerits:   5000,
		FitnessDemerits:       10000,
		MaxConsecutiveHyphens: 2,
	}
}

// Widths gives the width of line n (0-based). A paragraph that runs
// narrower beside a photo and wider below it has Widths that vary with n.
type Widths func(line int) float64

// Line is one line of a broken paragraph.
type Line struct {
	Start, End int     // nodes[Start:End] are on the line; End is the break node's index (or len(nodes))
	Width      float64 // the width the line is set to
	Natural    float64 // natural width of its material, the hyphen included
	Ratio      float64 // adjustment ratio r: > 0 stretches, < 0 shrinks the glue
	Badness    float64
	Fitness    int  // 0 tight, 1 decent, 2 loose, 3 very loose
	Hyphenated bool // ends at a flagged penalty
	Overfull   bool // wider than Width even with all glue shrunk
}

// Result is a broken paragraph.
type Result struct {
	Lines    []Line
	Demerits float64
	Pass     int // which pass found the lines: PassFirst … PassForced
}

// maxPerClass is how many active nodes of one fitness class, with
// different line counts or runs of hyphenated lines, a breakpoint keeps;
// maxPerClassLoose is the same when looseness asks for other line counts
// than the optimum's. The bound keeps the active list short, as TeX's
// easy_line does for constant widths.
const (
	maxPerClass      = 3
	maxPerClassLoose = 6
)

// Fitness classes (K&P 1981, §"fitness classes"; TeX §817).
const (
	fitTight = iota
	fitDecent
	fitLoose
	fitVeryLoose
)

func fitness(r float64) int {
	switch {
	case r < -0.5:
		return fitTight
	case r <= 0.5:
		return fitDecent
	case r <= 1:
		return fitLoose
	}
	return fitVeryLoose
}

// adjustRatio is the ratio by which a line's glue is set when it lacks
// shortfall points of its width (negative: it is too wide by that much).
// A line stretches its glue by the same ratio r, its bounded stretch
// included, up to r = 1; beyond that the bounded stretch stays at its
// whole amount and the ratio is that of the ordinary stretch alone, which
// takes up the rest (see Node.BoundedStretch). A line shrinks its glue by
// r of its shrink. A shortfall with nothing to take it up is ±Inf.
func adjustRatio(shortfall, stretch, bounded, shrink float64) float64 {
	switch {
	case shortfall > 0:
		if all := stretch + bounded; shortfall <= all && all > 0 {
			return shortfall / all
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

// Badness is the badness of a line set with adjustment ratio r: 100|r|³,
// capped at 10000, and infinite for r < −1 (TeX §108 computes the same in
// integers).
func Badness(r float64) float64 { return badness(r) }

func badness(r float64) float64 {
	if r < -1 {
		return math.Inf(1)
	}
	b := 100 * math.Abs(r*r*r)
	if b > 10000 { // math.Min, without its care for NaN and −0: b is neither NaN (unless r is) nor negative
		b = 10000
	}
	return b
}

// ErrInvalid is wrapped by errors about invalid input.
var ErrInvalid = errors.New("linebreak: invalid input")

// ErrNoFit is returned, with Params.Unforced, when only the forced pass
// could break the paragraph.
var ErrNoFit = errors.New("linebreak: no breaks within the tolerance")

// maxNodes bounds the nodes of a paragraph so that the int32 indexes of
// the breaker stay in range: a breakpoint makes at most 4·maxPerClassLoose
// records.
const maxNodes = 1 << 26

// A Breaker breaks paragraphs as Break and BreakEach do, keeping the
// memory it works in from one paragraph to the next. The zero value is
// ready to use. A Breaker is not safe for concurrent use.
type Breaker struct {
	nodes  []Node
	widths Widths
	p      Params

	sums              []float64  // backs the four prefix sums
	sw, sst, ssh, sbs []float64  // totals of width, stretch, shrink and bounded stretch before node i
	scale             float64    // the largest magnitude of a total or a penalty's width
	widthCache        []float64  // by line number; 0: not asked yet
	legal             [2][]int32 // the legal breakpoints, without (0) and with (1) hyphenation

	// records holds every node made in a pass, the paragraph start
	// first; a node's prev is the index of the one its line starts
	// from, so the records of the final nodes lead back to the start.
	records []record
	actives []active // backs the active list, kept in the order TeX keeps it
	cands   []cand
	candAt  map[uint64]int // cands by key, when they are many
	finals  []int32
	passBuf [5]pass
}

// record is a breakpoint reached in a pass: where a line ends, and the
// best way to get there.
type record struct {
	demerits   float64
	ratio, bad float64 // of the line ending here
	pos        int32   // index of the break node (-1: the paragraph start)
	prev       int32   // record the line ending here starts from (-1: none)
	line       int32   // number of lines before this break
	fitness    int8    // fitness class of the line ending here
	overfull   bool
}

// active is an entry of the active list: a breakpoint that a next line
// may start from. It repeats what the inner loop of run reads of its
// record, so that the loop walks one array.
type active struct {
	w, st, sh, bs float64 // totals of width, stretch, shrink, bounded stretch after the break (discardables skipped)
	demerits      float64
	lw            float64 // the width of the line from here; 0: not asked yet
	loose         float64 // reach below which a line from here is too loose (see run)
	line          int32
	hyphens       int32 // hyphenated lines in a row ending here
	fitness       int32
	rec           int32 // index of its record
}

// cand is a candidate for a new active node at a breakpoint: a line from
// the active node of record from.
type cand struct {
	key        uint64 // candKey of line, fit, hyphens
	demerits   float64
	ratio, bad float64
	line, fit  int32
	hyphens    int32 // hyphenated lines in a row ending at this break
	from       int32
	overfull   bool
}

// candKey is what tells candidates apart: line number, fitness class and
// hyphenated lines in a row, in one number (there are fewer than 2³⁰
// hyphenated lines: see maxNodes).
func candKey(line, fit, hyphens int32) uint64 {
	return uint64(uint32(line))<<32 | uint64(uint32(hyphens))<<2 | uint64(fit)
}

// Break chooses the breaks of the paragraph nodes for the line widths.
// It never fails on hard input: when no set of breaks keeps every line
// within the tolerance, even with emergency stretch, it returns the best
// breaks it found with the lines that overrun marked Overfull (TeX's final
// pass, §863). It returns an error only for invalid input.
func Break(nodes []Node, widths Widths, p Params) (Result, error) {
	var b Breaker
	return b.Break(nodes, widths, p)
}

// Break is the package's Break, done in b's memory.
func (b *Breaker) Break(nodes []Node, widths Widths, p Params) (Result, error) {
	var results [1]Result
	var errs [1]error
	b.breakEach(nodes, widths, p, []int{p.Looseness}, results[:], errs[:])
	return results[0], errs[0]
}

// BreakEach breaks the paragraph as Break does for each looseness of
// loose (Params.Looseness is ignored), sharing the work: a pass keeps the
// same active breakpoints whatever nonzero looseness is asked for, and
// only the final choice differs. Every looseness must be nonzero. It
// returns a result and an error for each.
func BreakEach(nodes []Node, widths Widths, p Params, loose []int) ([]Result, []error) {
	var b Breaker
	return b.BreakEach(nodes, widths, p, loose)
}

// BreakEach is the package's BreakEach, done in b's memory.
func (b *Breaker) BreakEach(nodes []Node, widths Widths, p Params, loose []int) ([]Result, []error) {
	results, errs := make([]Result, len(loose)), make([]error, len(loose))
	for k, l := range loose {
		if l == 0 {
			errs[k] = fmt.Errorf("%w: BreakEach with looseness 0", ErrInvalid)
		}
	}
	p.Looseness = 1 // any nonzero value: the passes do not depend on which
	b.breakEach(nodes, widths, p, loose, results, errs)
	return results, errs
}

// breakEach runs the passes with p (whose Looseness only tells the
// passes whether to keep other line counts than the optimum's) and sets
// results[k] or errs[k] for each looseness loose[k] whose errs[k] is not
// already set: the first pass that meets it, or the last (TeX §873: a
// pass that misses the looseness goal gives way to the next one, unless
// it is the last).
func (b *Breaker) breakEach(nodes []Node, widths Widths, p Params, loose []int, results []Result, errs []error) {
	defer b.finish()
	if err := b.start(nodes, widths, p); err != nil {
		for k := range loose {
			if errs[k] == nil {
				errs[k] = err
			}
		}
		return
	}
	done := func(k int) bool { return errs[k] != nil || results[k].Pass != 0 } // a result's Pass is 1 or more
	if len(nodes) == 0 {
		for k := range loose {
			if !done(k) {
				results[k] = Result{Pass: 1}
			}
		}
		return
	}
	passes := b.passes()
	for i, ps := range passes {
		pending := false
		for k := range loose {
			pending = pending || !done(k)
		}
		if !pending {
			return
		}
		finals, err := b.run(ps)
		for k, l := range loose {
			switch {
			case done(k):
			case err != nil:
				errs[k] = err
			default:
				best, met := b.choose(finals, l)
				if best >= 0 && (met || i == len(passes)-1 && !p.Unforced) {
					results[k] = Result{Lines: b.lines(best), Demerits: b.records[best].demerits, Pass: ps.number}
				}
			}
		}
	}
	for k := range loose {
		switch {
		case done(k):
		case p.Unforced:
			errs[k] = ErrNoFit
		default:
			errs[k] = fmt.Errorf("%w: no breaks found", ErrInvalid) // unreachable: the final pass always breaks
		}
	}
}

// start readies b for breaking nodes: it checks them, sums their
// measures up and lists their legal breakpoints. It rejects nodes with
// measures that are not numbers, infinite or negative.
func (b *Breaker) start(nodes []Node, widths Widths, p Params) error {
	b.nodes, b.widths, b.p = nodes, widths, p
	b.widthCache = b.widthCache[:0]
	if len(nodes) > maxNodes {
		return fmt.Errorf("%w: %d nodes, more than %d", ErrInvalid, len(nodes), maxNodes)
	}
	n := len(nodes)
	if cap(b.sums) < 4*(n+1) {
		b.sums = make([]float64, 4*(n+1)) // one allocation for the four
	}
	sums := b.sums[:4*(n+1)]
	sw, sst, ssh, sbs := sums[:n+1:n+1], sums[n+1:2*(n+1):2*(n+1)], sums[2*(n+1):3*(n+1):3*(n+1)], sums[3*(n+1):]
	b.sw, b.sst, b.ssh, b.sbs = sw, sst, ssh, sbs
	plain, hyph := b.legal[0][:0], b.legal[1][:0]
	w, st, sh, bs := 0.0, 0.0, 0.0, 0.0
	scale := 0.0
	prev := Kind(255) // the kind of the node before
	for i := range nodes {
		nd := &nodes[i]
		// Finite widths, finite non-negative stretch and shrink, a
		// penalty that is a number (x−x is 0 unless x is ±Inf or NaN;
		// a comparison with NaN is false).
		if !(nd.Width-nd.Width == 0 && nd.Stretch >= 0 && nd.Stretch <= math.MaxFloat64 && nd.Shrink >= 0 && nd.Shrink <= math.MaxFloat64 &&
			nd.BoundedStretch >= 0 && nd.BoundedStretch <= math.MaxFloat64 && nd.Penalty == nd.Penalty) {
			return fmt.Errorf("%w: node %d has width %v, stretch %v, shrink %v, penalty %v", ErrInvalid, i, nd.Width, nd.Stretch, nd.Shrink, nd.Penalty)
		}
		sw[i], sst[i], ssh[i], sbs[i] = w, st, sh, bs
		// Legal breakpoints (K&P §2): glue that follows a box, a penalty
		// below Infinity (a flagged one only with hyphenation).
		switch nd.Kind {
		case KindBox:
			w += nd.Width
		case KindGlue:
			if prev == KindBox {
				plain, hyph = append(plain, int32(i)), append(hyph, int32(i))
			}
			w += nd.Width
			st += nd.Stretch
			bs += nd.BoundedStretch
			sh += nd.Shrink
		case KindPenalty:
			if nd.Penalty < Infinity {
				if !nd.Flagged {
					plain = append(plain, int32(i))
				}
				hyph = append(hyph, int32(i))
			}
			if a := math.Abs(nd.Width); a > scale {
				scale = a
			}
		}
		if a := math.Abs(w); a > scale { // w is never NaN: a sum of finite widths
			scale = a
		}
		prev = nd.Kind
	}
	sw[n], sst[n], ssh[n], sbs[n] = w, st, sh, bs
	b.scale = max(scale, st, bs) // stretch only grows
	b.legal[0], b.legal[1] = plain, hyph
	return nil
}

// finish lets go of what b was given to break.
func (b *Breaker) finish() {
	b.nodes, b.widths = nil, nil
}

// pass is one pass of the algorithm.
type pass struct {
	number    int
	tolerance float64
	hyphens   bool
	emergency float64
	final     bool
}

// passes lists the passes Break tries, in order (TeX §863, with the loose
// pass added).
func (b *Breaker) passes() []pass {
	p := b.p
	passes := b.passBuf[:0]
	if p.Pretolerance >= 0 {
		passes = append(passes, pass{PassFirst, p.Pretolerance, false, 0, false})
	}
	passes = append(passes, pass{PassSecond, p.Tolerance, true, 0, false})
	if p.LooseTolerance > p.Tolerance {
		passes = append(passes, pass{PassLoose, p.LooseTolerance, true, 0, false})
	}
	if p.EmergencyStretch > 0 {
		passes = append(passes, pass{PassEmergency, p.Tolerance, true, p.EmergencyStretch, false})
	}
	if !p.Unforced {
		passes = append(passes, pass{PassForced, math.Inf(1), true, p.EmergencyStretch, true})
	}
	return passes
}

// width returns the width of line, asking b.widths only the first time.
func (b *Breaker) width(line int) (float64, error) {
	if line < len(b.widthCache) && b.widthCache[line] > 0 {
		return b.widthCache[line], nil
	}
	return b.askWidth(line)
}

func (b *Breaker) askWidth(line int) (float64, error) {
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

// breakpoints returns the indexes of the legal breakpoints, with
// hyphenation or without.
func (b *Breaker) breakpoints(hyphens bool) []int32 {
	if hyphens {
		return b.legal[1]
	}
	return b.legal[0]
}

// after returns the totals after a break at i: the discardable nodes that
// follow it vanish at the start of the next line (TeX §837).
func (b *Breaker) after(i int) (w, st, sh, bs float64) {
	j := i + 1
	if i < 0 {
		j = 0
	}
	for j < len(b.nodes) {
		n := &b.nodes[j]
		if n.Kind == KindBox || (n.Kind == KindPenalty && n.Penalty <= -Infinity && j > i+1) {
			break
		}
		j++
	}
	return b.sw[j], b.sst[j], b.ssh[j], b.sbs[j]
}

// run is one pass of the algorithm. It returns the records of the active
// nodes at the paragraph's end, none when no feasible breaks exist in
// this pass.
func (b *Breaker) run(ps pass) (finals []int32, err error) {
	tolerance, emergency, final := ps.tolerance, ps.emergency, ps.final
	w0, st0, sh0, bs0 := b.after(-1)
	b.records = append(b.records[:0], record{pos: -1, prev: -1, fitness: fitDecent})
	actives := append(b.actives[:0], active{fitness: fitDecent, w: w0, st: st0, sh: sh0, bs: bs0})
	b.actives = actives[:0]
	maxHyphens := int32(b.p.MaxConsecutiveHyphens)
	limit := int32(maxPerClass)
	if b.p.Looseness != 0 {
		limit = maxPerClassLoose // other line counts must survive
	}
	// Most lines the inner loop tries are too loose: their active node is
	// young, the line far from its width. A line is too loose when its
	// ratio r exceeds rcut (badness 100·rcut³ > tolerance), that is, with
	// rcut >= 1, when width − natural − bounded − rcut·stretch > 0, or
	//
	//	sw[i] + sbs[i] + rcut·sst[i] + hyphen  <  lw + a.w + a.bs + rcut·(a.st − emergency),
	//
	// the breakpoint's reach on the left, the node's loose on the right:
	// one computed per breakpoint, the other per node, at its first line
	// (which is always tried, so that widths are asked for as before).
	// Rounding puts the computed sides and the ratio off by less than
	// 300·2⁻⁵³ of the largest magnitude among them (scale, lw, emergency);
	// loose is lowered by 10⁻⁸ of it and rcut raised by a millionth, so a
	// line found too loose this way is one whose badness, as the loop
	// would compute it, exceeds the tolerance: the loop keeps the node
	// and moves on, with the same result. Below tolerance 100 (rcut < 1)
	// and with no tolerance, no line is skipped; at a forced break every
	// node is tried, as it ends them all.
	rcut, skipLoose := 0.0, false
	if 100 <= tolerance && tolerance < 10000 {
		rcut, skipLoose = math.Cbrt(tolerance/100)*(1+1e-6), true
	}
	for _, bp := range b.breakpoints(ps.hyphens) {
		i := int(bp)
		nd := &b.nodes[i]
		penalty, flagged, forced := 0.0, false, false
		addW := 0.0
		if nd.Kind == KindPenalty {
			penalty, flagged, forced, addW = nd.Penalty, nd.Flagged, nd.Penalty <= -Infinity, nd.Width
		}
		sw, sst, ssh, sbs := b.sw[i], b.sst[i], b.ssh[i], b.sbs[i]
		reach := math.Inf(1)
		if skipLoose && !forced {
			reach = sw + sbs + rcut*sst + addW
		}
		// Best candidate per (line, fitness class, hyphens in a row).
		b.cands = b.cands[:0]
		if len(b.candAt) > 0 {
			clear(b.candAt)
		}
		var last active // the last node deactivated, if deactivated
		deactivated := false
		// The nodes kept close up in place, each moved once it was read:
		// actives[start:start+n] are those kept so far, start past the
		// nodes deactivated before the first kept one.
		start, n := 0, 0
		for k := range actives {
			a := &actives[k]
			lw := a.lw
			if lw == 0 {
				if lw, err = b.width(int(a.line)); err != nil {
					return nil, err
				}
				a.lw = lw
				a.loose = math.Inf(-1)
				if skipLoose {
					a.loose = lw + a.w + a.bs + rcut*(a.st-emergency) - (1e-8*(b.scale+lw+emergency) + 1e-300)
				}
			}
			if reach < a.loose { // too loose: a stays active, with no line to here
				if start+n != k {
					actives[start+n] = *a
				}
				n++
				continue
			}
			natural := sw - a.w + addW
			stretch := sst - a.st + emergency
			shrink := ssh - a.sh
			r := adjustRatio(lw-natural, stretch, sbs-a.bs, shrink)
			if r < -1 || forced { // even the tightest line from a overruns, or the break is forced: a is done
				last, deactivated = *a, true
				if n == 0 {
					start = k + 1
				}
			} else {
				if start+n != k {
					actives[start+n] = *a // a slot before k: a is still whole below
				}
				n++
			}
			if r < -1 {
				continue
			}
			bad := badness(r)
			if bad > tolerance {
				continue
			}
			if flagged && maxHyphens > 0 && a.hyphens >= maxHyphens && !final {
				continue
			}
			fit := fitness(r)
			d := b.demerits(a, bad, penalty, flagged, fit, forced)
			h := hyphensAfter(a.hyphens, flagged)
			b.upsert(cand{key: candKey(a.line+1, int32(fit), h), line: a.line + 1, fit: int32(fit), hyphens: h, from: a.rec, demerits: d, ratio: r, bad: bad})
		}
		// TeX's final pass (§854): rather than lose every active node, break
		// here from the last one, with an overfull (or underfull) line.
		if final && len(b.cands) == 0 && n == 0 && deactivated {
			a := last
			lw, _ := b.width(int(a.line))
			natural := sw - a.w + addW
			shrink := ssh - a.sh
			r := -1.0
			if shrink == 0 || natural <= lw {
				r = 0
			}
			h := hyphensAfter(a.hyphens, flagged)
			b.upsert(cand{key: candKey(a.line+1, fitTight, h), line: a.line + 1, fit: fitTight, hyphens: h, from: a.rec, demerits: a.demerits, ratio: r, bad: 10000, overfull: natural-shrink > lw+1e-9})
		}
		actives = actives[start : start+n]
		// New active nodes. Line numbers are kept apart (widths may differ
		// from line to line, and looseness needs other line counts), but
		// only the maxPerClass best of each fitness class survive, which
		// bounds the active list as TeX's easy_line does for constant
		// widths. Order is deterministic: fitness, demerits, line.
		if len(b.cands) > 0 {
			if cap(actives)-len(actives) < len(b.cands) {
				actives = b.room(actives, len(b.cands))
			}
			w, st, sh, bs := b.after(i)
			sortCands(b.cands)
			perClass := int32(0)
			for k := range b.cands {
				c := &b.cands[k]
				if k > 0 && c.fit != b.cands[k-1].fit {
					perClass = 0
				}
				if perClass >= limit {
					continue
				}
				perClass++
				rec := int32(len(b.records))
				b.records = append(b.records, record{pos: bp, prev: c.from, line: c.line, fitness: int8(c.fit),
					demerits: c.demerits, ratio: c.ratio, bad: c.bad, overfull: c.overfull})
				actives = append(actives, active{line: c.line, fitness: c.fit, hyphens: c.hyphens, w: w, st: st, sh: sh, bs: bs,
					demerits: c.demerits, rec: rec})
			}
		}
		if len(actives) == 0 {
			return nil, nil
		}
	}
	// The paragraph ends with a forced break: the actives at the last node
	// are the candidates.
	finals = b.finals[:0]
	for _, a := range actives {
		if int(b.records[a.rec].pos) == len(b.nodes)-1 {
			finals = append(finals, a.rec)
		}
	}
	b.finals = finals
	return finals, nil
}

// room returns the active list moved to the start of b's buffer for
// the active list, or to a larger one, so that m more nodes fit after it.
func (b *Breaker) room(actives []active, m int) []active {
	buf := b.actives[:0]
	if cap(buf) < len(actives)+m {
		buf = make([]active, 0, 2*(len(actives)+m))
	}
	actives = append(buf, actives...) // a copy that may overlap: a memmove
	b.actives = actives[:0]
	return actives
}

// scanned is how many candidates upsert scans for a key before it looks
// them up in candAt.
const scanned = 16

// upsert keeps the best candidate per (line, fitness class, hyphens in a
// row): with a limit on hyphenated lines in a row, a way to a break that
// ends fewer of them is not worse than a cheaper one that ends more, so
// both must be kept for the optimum to be found. candAt indexes the
// candidates by that key once they are many: where the active nodes have
// many line counts (a long run of breakpoints with nothing between them) a
// scan at every upsert would make each breakpoint quadratic in the active
// nodes.
func (b *Breaker) upsert(c cand) {
	key := c.key
	k := -1
	if len(b.cands) <= scanned {
		for j := range b.cands {
			if b.cands[j].key == key {
				k = j
				break
			}
		}
	} else {
		if len(b.candAt) == 0 {
			if b.candAt == nil {
				b.candAt = make(map[uint64]int)
			}
			for j := range b.cands {
				b.candAt[b.cands[j].key] = j
			}
		}
		if j, ok := b.candAt[key]; ok {
			k = j
		}
	}
	if k >= 0 {
		if c.demerits < b.cands[k].demerits {
			b.cands[k] = c
		}
		return
	}
	if len(b.candAt) > 0 {
		b.candAt[key] = len(b.cands)
	}
	b.cands = append(b.cands, c)
}

// sortCands sorts the candidates of a breakpoint by fitness class, then
// demerits, then line, keeping the order of equals. It is an insertion
// sort for the few candidates of most breakpoints, a merge sort for the
// many of a long run of breakpoints with nothing between them.
func sortCands(cands []cand) {
	if len(cands) <= 16 {
		for x := 1; x < len(cands); x++ {
			for y := x; y > 0 && candLess(&cands[y], &cands[y-1]); y-- {
				cands[y], cands[y-1] = cands[y-1], cands[y]
			}
		}
		return
	}
	slices.SortStableFunc(cands, func(cx, cy cand) int {
		switch {
		case candLess(&cx, &cy):
			return -1
		case candLess(&cy, &cx):
			return 1
		}
		return 0
	})
}

func candLess(cx, cy *cand) bool {
	if cx.fit != cy.fit {
		return cx.fit < cy.fit
	}
	if cx.demerits != cy.demerits {
		return cx.demerits < cy.demerits
	}
	return cx.line < cy.line
}

// choose picks among the final active nodes of a pass the one with the
// fewest demerits or, with a looseness, the one whose line count is
// closest to the goal (TeX §875); met tells whether it is the goal. It
// returns the record of the node, -1 if there are none.
func (b *Breaker) choose(finals []int32, looseness int) (best int32, met bool) {
	if len(finals) == 0 {
		return -1, false
	}
	rs := b.records
	best = finals[0]
	for _, a := range finals[1:] {
		if rs[a].demerits < rs[best].demerits {
			best = a
		}
	}
	if looseness == 0 {
		return best, true
	}
	goal := int(rs[best].line) + looseness
	for _, a := range finals {
		da, db := absInt(int(rs[a].line)-goal), absInt(int(rs[best].line)-goal)
		if da < db || (da == db && rs[a].demerits < rs[best].demerits) {
			best = a
		}
	}
	return best, int(rs[best].line) == goal
}

// hyphensAfter is the run of hyphenated lines that a line from a node
// that ends hyphens of them to a break ends: one more if the break is
// flagged, else none.
func hyphensAfter(hyphens int32, flagged bool) int32 {
	if flagged {
		return hyphens + 1
	}
	return 0
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// demerits of a line from a with badness bad ending at a break with the
// given penalty (K&P 1981 §"demerits", TeX §859).
func (b *Breaker) demerits(a *active, bad, penalty float64, flagged bool, fit int, forced bool) float64 {
	p := &b.p
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
	if absInt(fit-int(a.fitness)) > 1 {
		d += p.FitnessDemerits
	}
	return a.demerits + d
}

// lines turns the chain of records ending at last into lines.
func (b *Breaker) lines(last int32) []Line {
	rs := b.records
	n := 0
	for k := last; k >= 0 && rs[k].pos >= 0; k = rs[k].prev {
		n++
	}
	lines := make([]Line, n)
	for k, at := last, n-1; at >= 0; k, at = rs[k].prev, at-1 {
		a, prev := &rs[k], &rs[rs[k].prev]
		pos := int(a.pos)
		start := int(prev.pos) + 1
		for start < pos && b.nodes[start].Kind != KindBox {
			start++ // discardable nodes at the start of a line
		}
		lw, _ := b.width(int(prev.line))
		pw, pst, psh, pbs := b.after(int(prev.pos)) // as the line's active node had them
		natural := b.sw[pos] - pw
		nd := &b.nodes[pos]
		hyph := nd.Kind == KindPenalty && nd.Flagged
		if nd.Kind == KindPenalty {
			natural += nd.Width
		}
		ratio := a.ratio
		// Recompute the ratio without emergency stretch: the glue is set
		// with its real stretch.
		stretch := b.sst[pos] - pst
		bounded := b.sbs[pos] - pbs
		shrink := b.ssh[pos] - psh
		switch {
		case natural < lw && stretch+bounded > 0, natural > lw && shrink > 0:
			ratio = math.Max(adjustRatio(lw-natural, stretch, bounded, shrink), -1)
		case natural == lw:
			ratio = 0
		}
		bad := a.bad
		if ratio != a.ratio { // set with emergency stretch: report the real badness
			bad = badness(ratio)
		}
		lines[at] = Line{Start: start, End: pos, Width: lw, Natural: natural, Ratio: ratio, Badness: bad,
			Fitness: int(a.fitness), Hyphenated: hyph, Overfull: a.overfull || natural-shrink > lw+1e-6}
	}
	return lines
}
