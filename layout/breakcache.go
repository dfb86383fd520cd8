package layout

import (
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// This file remembers paragraphs and their line breaks across layouts that
// share one set of Resources: the three editions of a build (which set
// the same paragraphs in the same columns) and the rebuilds of watch
// (where one edit leaves every other paragraph as it was).
//
// A paragraph is remembered by everything its node list is made of: its
// text, language and first-line indent, the paragraph style it is set in
// and every character style and colour of the publication (a span may
// name any of them); the fonts and hyphenators are the Resources' own.
//
// A break is remembered, for its paragraph, by what the breaker is asked
// (Knuth–Plass with a looseness, the trials of pair balancing, or first
// fit; the penalties a caller forbade) and by the widths of the lines it
// asked for. The line widths come from a slotter that hands out the lines
// of a column down the page: they are not known before breaking, so a
// remembered break keeps the widths its breaker asked for, line 0, 1, …
// in turn, and a lookup asks the new widths for the same lines in the same
// order, stopping at the first that differs. A breaker is deterministic,
// and it asks for line n+1 only once it has had the width of line n: given
// the same widths it asks for the same lines and finds the same breaks,
// and a lookup never asks for a line that breaking afresh would not have
// asked for (asking makes the slotter lay out pages, which must not run
// ahead of the text).
//
// Entries not used by the last few layouts are dropped when a layout
// begins, so that a long watch session keeps only what its recent builds
// set.

// keepLayouts is how many of the latest layouts an entry must have been
// used by to survive: two builds of three editions each.
const keepLayouts = 6

// maxNodes bounds the nodes of the paragraphs remembered, about 100 MB
// (a node and what it draws take about 100 bytes): a build of some 300
// pages in three editions, or of 1000 in one. Past it, paragraphs are
// built afresh and not remembered until begin drops some.
const maxNodes = 1 << 20

// maxBreaksPerKey is how many breaks of one paragraph, for one question,
// at different line widths, are kept (the most recently used).
const maxBreaksPerKey = 4

// paraCache remembers paragraphs and their breaks. It is safe for
// concurrent use.
type paraCache struct {
	mu    sync.Mutex
	gen   int64 // layouts begun
	paras map[paraKey]*paraEntry
	nodes int // of the paragraphs remembered
}

func newParaCache() *paraCache { return &paraCache{paras: map[paraKey]*paraEntry{}} }

// paraKey is what a paragraph's node list is made of (besides the
// Resources): see styleEnv and styleKey.
type paraKey struct {
	env    string // the publication's character styles and colours
	style  string // the paragraph style
	text   string
	lang   string
	indent uint64 // math.Float64bits
}

// paraEntry is a remembered paragraph and its remembered breaks.
type paraEntry struct {
	p    *paragraph // never modified: build hands out copies, which share its lists (ownNodes false)
	used atomic.Int64

	mu     sync.Mutex
	breaks map[breakKey][]*breakResult // most recently used first
}

// breakKey is what a breaker was asked for a paragraph.
type breakKey struct {
	forbid    string // the node indices whose break a caller forbade
	kind      breakKind
	looseness int
	unforced  bool
	loose     [maxBalanceLooseness]int // breakEach's loosenesses
}

type breakKind uint8

const (
	breakOne      breakKind = iota // breakWith
	breakEach                      // breakLooseEach
	breakFirstFit                  // firstFit
)

// breakResult is a remembered break: the widths its breaker asked for,
// lines 0, 1, … in turn, and its lines (one set, or one per looseness).
// Lines are shared by every layout that finds them: never modified.
type breakResult struct {
	widths []float64
	lines  [][]linebreak.Line
	ok     []bool
}

// begin starts a layout: it drops the entries no recent layout used and
// returns the layout's generation.
func (c *paraCache) begin() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k, en := range c.paras {
		if en.used.Load() <= c.gen-keepLayouts {
			delete(c.paras, k)
			c.nodes -= len(en.p.nodes)
		}
	}
	return c.gen
}

// len is the number of paragraphs remembered.
func (c *paraCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.paras)
}

// touch records that layout gen used en.
func (en *paraEntry) touch(gen int64) {
	for {
		old := en.used.Load()
		if old >= gen || en.used.CompareAndSwap(old, gen) {
			return
		}
	}
}

// paragraph returns the remembered paragraph for k, or nil.
func (c *paraCache) paragraph(k paraKey, gen int64) *paraEntry {
	c.mu.Lock()
	en := c.paras[k]
	c.mu.Unlock()
	if en != nil {
		en.touch(gen)
	}
	return en
}

// remember keeps p for k and returns its entry (the one already there if
// another layout remembered it first: they are equal), or nil when the
// cache is full.
func (c *paraCache) remember(k paraKey, p *paragraph, gen int64) *paraEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if en := c.paras[k]; en != nil {
		en.touch(gen)
		return en
	}
	if c.nodes+len(p.nodes) > maxNodes {
		return nil
	}
	c.nodes += len(p.nodes)
	en := &paraEntry{p: p, breaks: map[breakKey][]*breakResult{}}
	en.used.Store(gen)
	c.paras[k] = en
	return en
}

// lookup returns the remembered break for k whose widths are those of
// widths, or nil. It asks widths for lines 0, 1, … of each remembered
// break in turn, up to the first that differs.
func (en *paraEntry) lookup(k breakKey, widths linebreak.Widths) *breakResult {
	en.mu.Lock()
	list := slices.Clone(en.breaks[k])
	en.mu.Unlock()
	for _, r := range list {
		if sameWidths(r.widths, widths) {
			en.mu.Lock()
			l := en.breaks[k]
			if i := slices.Index(l, r); i > 0 { // most recently used first
				copy(l[1:i+1], l[:i])
				l[0] = r
			}
			en.mu.Unlock()
			return r
		}
	}
	return nil
}

// sameWidths reports whether widths gives want for lines 0, 1, …, asking
// in that order and stopping at the first that differs.
func sameWidths(want []float64, widths linebreak.Widths) bool {
	for i, w := range want {
		if math.Float64bits(widths(i)) != math.Float64bits(w) {
			return false
		}
	}
	return true
}

// store remembers r for k.
func (en *paraEntry) store(k breakKey, r *breakResult) {
	for i := range r.lines {
		r.lines[i] = slices.Clip(r.lines[i]) // an append by a caller copies
	}
	en.mu.Lock()
	defer en.mu.Unlock()
	l := en.breaks[k]
	if len(l) >= maxBreaksPerKey {
		l = l[:maxBreaksPerKey-1]
	}
	en.breaks[k] = append([]*breakResult{r}, l...)
}

// widthRecorder passes on the widths a breaker asks for and records them,
// line 0, 1, … in turn. A breaker that asked out of order, or got two
// widths for one line, is not remembered.
type widthRecorder struct {
	widths linebreak.Widths
	got    []float64 // in buf at first
	bad    bool
	buf    [16]float64 // the lines of most paragraphs
}

func (r *widthRecorder) width(i int) float64 {
	w := r.widths(i)
	switch {
	case i == len(r.got):
		r.got = append(r.got, w)
	case i > len(r.got) || i < 0:
		r.bad = true
	case math.Float64bits(r.got[i]) != math.Float64bits(w):
		r.bad = true
	}
	return w
}

// cachedBreak returns the break of p for k at widths: remembered, or
// found by compute and remembered. A paragraph that is not remembered
// (a cache is not in use, or its text lacks glyphs) is always broken
// afresh.
func cachedBreak(p *paragraph, k breakKey, widths linebreak.Widths, compute func(linebreak.Widths) ([][]linebreak.Line, []bool)) ([][]linebreak.Line, []bool) {
	if p.entry == nil {
		return compute(widths)
	}
	k.forbid = p.forbidKey
	if r := p.entry.lookup(k, widths); r != nil {
		return r.lines, r.ok
	}
	rec := &widthRecorder{widths: widths}
	rec.got = rec.buf[:0]
	lines, ok := compute(rec.width)
	if !rec.bad {
		p.entry.store(k, &breakResult{widths: rec.got, lines: slices.Clone(lines), ok: slices.Clone(ok)})
	}
	return lines, ok
}

// styleKey fingerprints what of paragraph style st a node list depends on:
// all of it but where it is written, so that an edit above a style's
// definition in its file does not make every paragraph new.
func styleKey(st *content.Style) string {
	sum := sha256.Sum256([]byte(styleText(st)))
	return string(sum[:])
}

func styleText(st *content.Style) string {
	c := *st
	c.Pos, c.KeyPos = content.Pos{}, nil
	return fmt.Sprintf("%#v", c)
}

// styleEnv fingerprints the styles and colours of pub that a paragraph's
// spans may name.
// It also returns the styleKey of each style, from the same text.
func styleEnv(pub *content.Publication) (string, map[*content.Style]string) {
	var b strings.Builder
	keys := make(map[*content.Style]string, len(pub.Styles))
	names := make([]string, 0, len(pub.Styles))
	for n := range pub.Styles {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b.WriteString(strconv.Quote(n))
		txt := styleText(pub.Styles[n])
		sum := sha256.Sum256([]byte(txt))
		keys[pub.Styles[n]] = string(sum[:])
		b.WriteString(txt)
		b.WriteByte('\n')
	}
	names = names[:0]
	for n := range pub.Colors {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%q %v\n", n, colorOf(pub.Colors[n]))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return string(sum[:]), keys
}
