package layout

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/fonts"
	"github.com/duetto-press/duetto/layout/hyphen"
	"github.com/duetto-press/duetto/layout/linebreak"
)

// This file turns running text into TeX's box–glue–penalty list (see the
// linebreak package for the model): every word, or every piece of a word
// between two hyphenation points, becomes a box as wide as its glyphs with
// their kerning; every space becomes glue that may stretch by half and
// shrink by a third of the font's space (the proportions of Computer
// Modern's interword glue); every place where a word may break becomes a
// penalty, flagged when the break adds a hyphen.

// Letter spacing and glyph scaling. A justified line may also open or
// close the space between the letters of its words a little, and widen or
// narrow its glyphs a little, as the paragraph composers of DTP programs
// do (InDesign's "letter spacing" and "glyph scaling" justification
// settings; pdfTeX's font expansion): letters by at most letterStretch or
// letterShrink of an em between two letters, glyphs by at most
// glyphScale of their width. A word of six letters can thus give up to
// about 0.2 em of stretch, more than the space after it, so the spaces of
// a loose line open far less. The breaker sees a word's flexibility as
// part of the stretch and shrink of the glue after it (the box–glue model
// has no stretchable boxes), its stretch as bounded stretch, which stops
// growing at the line's ratio 1 as the letters and glyphs do; setLine spreads a line's adjustment over its
// spaces, letters and glyphs in proportion to their flexibility, letters
// and glyphs never beyond their limits.
const (
	letterStretch = 0.02 // em between two letters, at most
	letterShrink  = 0.01
	glyphScale    = 0.02 // of the glyphs' width, either way
)

// Penalties of the breaks inside words. TeX's \hyphenpenalty is 50; in a
// column of about 20 ems that hyphenated one line in four of the
// brochure, and 200 hyphenates one in five with no looser lines (the
// letter spacing and glyph scaling give the breaker room). A break after
// an explicit hyphen, an apostrophe or a slash keeps TeX's 50; a break
// inside a number ("125/|2014") costs 700, taken only to save a line from
// spaces far too wide.
const (
	hyphenPenalty   = 200 // \hyphenpenalty: a break that adds a hyphen
	exHyphenPenalty = 50  // \exhyphenpenalty: a break after an explicit hyphen, an apostrophe or a slash
	numberPenalty   = 700 // a break after the slash or hyphen of a number
)

// textStyle is a resolved style for a stretch of text.
type textStyle struct {
	fontKey string
	face    *fonts.Face
	size    float64
	color   Color
}

// fragment is what a box node draws: its text is tail[:n]. tail runs on
// to the end of the text of its word's piece (when the box's text is a
// substring of it), so that the boxes of one word join into a run as a
// longer substring of the piece, without a copy (see setLine). join, in
// a justified paragraph, reports that the next box is the rest of the
// same word and the letter gap to it is this box's (see boxFlex); gaps
// is then the number of letter gaps the box owns, or maxGaps for that
// many or more (counted again when needed).
type fragment struct {
	tail  string
	style *textStyle
	n     int32
	join  bool
	gaps  uint16
}

// maxGaps is the most letter gaps a fragment records.
const maxGaps = math.MaxUint16

// letterGaps is the number of letter gaps box fragment f owns: those
// between its letters and, with join, the one after it.
func (f *fragment) letterGaps() int {
	g := utf8.RuneCountInString(f.text()) - 1
	if f.join {
		g++
	}
	return g
}

// text is what the box draws.
func (f fragment) text() string { return f.tail[:f.n] }

// textFragment is the fragment of a box that draws text, the start of tail.
func textFragment(text, tail string) fragment { return fragment{tail: tail, n: int32(len(text))} }

// paragraph is a text ready for line breaking: the node list, and for each
// box node the fragment it draws.
type paragraph struct {
	nodes  []linebreak.Node
	frags  []fragment // indexed like nodes; zero for glue and for penalties other than hyphenation points, which keep the style of their hyphen
	style  *content.Style
	base   *textStyle
	lang   string
	widest float64 // the widest box that draws text
	// Scratch space of addWord, reused from word to word (the
	// builder's, while it builds the paragraph).
	runes  []rune
	styles []*textStyle
	at     []runeAt
	// entry is where the paragraph and its breaks are remembered, nil
	// when they are not (see breakcache.go). The paragraph's slices are
	// then shared with every layout that sets the same paragraph: only
	// forbid changes them, on a copy of its own.
	entry     *paraEntry
	forbidKey string // the breaks forbidden, for the break cache
	ownNodes  bool   // nodes is this paragraph's own: forbid may change them in place
}

// forbid makes the break at node i impossible (its penalty infinite) and
// returns a function that allows it again.
func (p *paragraph) forbid(i int) (undo func()) {
	if !p.ownNodes {
		p.nodes = slices.Clone(p.nodes)
		p.ownNodes = true
	}
	saved, savedKey := p.nodes[i].Penalty, p.forbidKey
	p.nodes[i].Penalty = linebreak.Infinity
	p.forbidKey += strconv.Itoa(i) + ","
	return func() { p.nodes[i].Penalty, p.forbidKey = saved, savedKey }
}

// flex is the stretch and shrink of one node's part of a line.
type flex struct{ stretch, shrink float64 }

// spaceFlex is the flexibility of glue node n's own part of a line: the
// interword space's own stretch and shrink, half and a third of its width
// (the node's are larger by the letter flexibility of the word before
// it).
func spaceFlex(w float64) flex { return flex{stretch: w / 2, shrink: w / 3} }

// boxFlex is the flexibility of box node i of a justified paragraph: the
// scaling of its glyphs and its letter gaps, those inside it and, when the
// next box is the rest of the same word (fragment.join), the one between
// them. A box that draws nothing (an indent) has none. The boxes of a
// paragraph that is not justified have none either: its callers ask
// only for those of justified paragraphs.
func (p *paragraph) boxFlex(i int) flex {
	f := &p.frags[i]
	if f.style == nil {
		return flex{}
	}
	gaps := int(f.gaps)
	if gaps == maxGaps {
		gaps = f.letterGaps()
	}
	w := p.nodes[i].Width
	return flex{
		stretch: float64(gaps)*letterStretch*f.style.size + glyphScale*w,
		shrink:  float64(gaps)*letterShrink*f.style.size + glyphScale*w,
	}
}

// builder makes paragraphs; it knows the publication's styles, colours
// and fonts.
type builder struct {
	pub   *content.Publication
	res   *Resources
	cache map[styleRef]*textStyle
	// paras, when set, remembers the paragraphs built, for the layouts
	// of generation gen; env and styleKeys are the fingerprints of the
	// publication's styles it keys them by.
	paras     *paraCache
	gen       int64
	env       string
	styleKeys map[*content.Style]string
	envKeys   map[*content.Style]string // styleEnv's, shared read-only by the builders of a layout
	// scratch is where buildNew makes a paragraph's lists, reused from
	// paragraph to paragraph: the paragraph keeps copies at their length.
	scratch paraScratch
}

// paraScratch holds the lists of the paragraph being built, and the
// scratch space of addWord, grown to the longest paragraph so far.
type paraScratch struct {
	nodes  []linebreak.Node
	frags  []fragment
	word   []styledText
	runes  []rune
	styles []*textStyle
	at     []runeAt
}

// remembering makes b look up the paragraphs it builds in c, and
// remember them there, for the layout of generation gen.
func (b *builder) remembering(c *paraCache, gen int64) {
	b.paras, b.gen, b.styleKeys = c, gen, map[*content.Style]string{}
	b.env, b.envKeys = styleEnv(b.pub)
}

func newBuilder(pub *content.Publication, res *Resources) *builder {
	return &builder{pub: pub, res: res, cache: map[styleRef]*textStyle{}}
}

// styleRef names a text style: a paragraph style and a character style
// ("" for none), by name.
type styleRef struct{ para, char string }

// resolve returns the text style of paragraph style ps overridden by the
// keys character style cs sets (cs may be "").
func (b *builder) resolve(ps *content.Style, cs string) *textStyle {
	key := styleRef{ps.Name, cs}
	if ts := b.cache[key]; ts != nil {
		return ts
	}
	family, face, size, color := ps.Font, ps.Face, ps.Size, ps.Color
	if c := b.pub.Styles[cs]; c != nil {
		if c.Set["font"] {
			family = c.Font
		}
		if c.Set["face"] {
			face = c.Face
		}
		if c.Set["size"] {
			size = c.Size
		}
		if c.Set["color"] {
			color = c.Color
		}
	}
	fk := fontKey(family, face)
	col := b.pub.Colors[color]
	ts := &textStyle{fontKey: fk, face: b.res.faces[fk], size: size, color: colorOf(col)}
	b.cache[key] = ts
	return ts
}

// missingGlyphs collects characters without a glyph, per block.
type missingGlyphs struct {
	errs []error
}

// build makes the paragraph for text (with span markup) in style ps and
// language lang. indent is added before the first word (first-line indent
// or a hanging label). Characters the fonts lack are reported on miss.
func (b *builder) build(text string, ps *content.Style, lang string, indent float64, blk *content.Block, pos content.Pos, miss *missingGlyphs) *paragraph {
	if b.paras == nil {
		return b.buildNew(text, ps, lang, indent, blk, pos, miss)
	}
	sk, ok := b.envKeys[ps]
	if !ok {
		if sk, ok = b.styleKeys[ps]; !ok {
			sk = styleKey(ps) // a style made on the fly, not one of pub's
			b.styleKeys[ps] = sk
		}
	}
	k := paraKey{env: b.env, style: sk, text: text, lang: lang, indent: math.Float64bits(indent)}
	en := b.paras.paragraph(k, b.gen)
	if en == nil {
		var local missingGlyphs
		p := b.buildNew(text, ps, lang, indent, blk, pos, &local)
		if len(local.errs) > 0 { // not remembered: its errors name this place
			if miss != nil {
				miss.errs = append(miss.errs, local.errs...)
			}
			return p
		}
		if en = b.paras.remember(k, p, b.gen); en == nil { // full
			return p
		}
	}
	cp := *en.p
	cp.style, cp.entry = ps, en
	cp.ownNodes = false // shared with the cache: forbid copies them first
	return &cp
}

// buildNew is build without the cache.
func (b *builder) buildNew(text string, ps *content.Style, lang string, indent float64, blk *content.Block, pos content.Pos, miss *missingGlyphs) *paragraph {
	spans, err := content.ParseText(text)
	if err != nil { // validated by content; keep the text as it is
		spans = []content.Span{{Text: text}}
	}
	sc := &b.scratch
	p := &paragraph{style: ps, base: b.resolve(ps, ""), lang: lang,
		nodes: sc.nodes[:0], frags: sc.frags[:0],
		runes: sc.runes[:0], styles: sc.styles[:0], at: sc.at[:0]}
	if indent > 0 {
		p.push(linebreak.Box(indent), fragment{})
	}
	h := b.res.hyphens[lang]
	// Gather words as sequences of styled pieces, splitting at spaces.
	word := sc.word[:0]
	var missing []rune
	var missingIn []string // the word each missing rune was first met in
	flushWord := func() {
		if len(word) == 0 {
			return
		}
		p.addWord(word, h, ps.Hyphenate)
		word = word[:0]
	}
	for _, sp := range spans {
		ts := b.resolve(ps, sp.Style)
		t := sp.Text
		if ps.Uppercase || (b.pub.Styles[sp.Style] != nil && b.pub.Styles[sp.Style].Uppercase) {
			t = strings.ToUpper(t)
		}
		for i := 0; ; i++ { // the parts of t between its spaces
			part, rest, more := strings.Cut(t, " ")
			t = rest
			for _, r := range part {
				if r != '\u00ad' && ts.face != nil && !ts.face.HasGlyph(r) && !containsRune(missing, r) {
					missing = append(missing, r)
					missingIn = append(missingIn, part)
				}
			}
			if i > 0 {
				flushWord()
				p.addSpace(ts)
			}
			if part != "" {
				word = append(word, styledText{part, ts})
			}
			if !more {
				break
			}
		}
	}
	flushWord()
	sc.word, sc.runes, sc.styles, sc.at = word[:0], p.runes[:0], p.styles[:0], p.at[:0]
	p.runes, p.styles, p.at = nil, nil, nil
	if len(missing) > 0 && miss != nil {
		var list []string
		for i := 0; i < len(missing); { // grouped by the word they were met in
			var chars []string
			j := i
			for ; j < len(missing) && missingIn[j] == missingIn[i]; j++ {
				chars = append(chars, fmt.Sprintf("%q (U+%04X)", missing[j], missing[j]))
			}
			list = append(list, strings.Join(chars, ", ")+fmt.Sprintf(" in %q", missingIn[i]))
			i = j
		}
		id := ""
		if blk != nil {
			id = blk.ID
		}
		miss.errs = append(miss.errs, &Error{Pos: pos.String(), Block: id, Msg: fmt.Sprintf("font %s has no glyph for %s (%s text)", p.base.face.Name(), strings.Join(list, ", "), lang)})
	}
	p.nodes = linebreak.Finish(p.nodes)
	for len(p.frags) < len(p.nodes) {
		p.frags = append(p.frags, fragment{})
	}
	// The paragraph keeps its lists at their length (a remembered one
	// for the whole build and beyond); the scratch keeps the room.
	sc.nodes, sc.frags = p.nodes[:0], p.frags[:0]
	p.nodes, p.frags = slices.Clone(p.nodes), slices.Clone(p.frags)
	p.ownNodes = true // until build hands out a copy that shares them
	for k, n := range p.nodes {
		if n.Kind == linebreak.KindBox && p.frags[k].n > 0 {
			p.widest = max(p.widest, n.Width)
		}
	}
	return p
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// styledText is a piece of a word in one style.
type styledText struct {
	text  string
	style *textStyle
}

func (p *paragraph) push(n linebreak.Node, f fragment) {
	p.nodes = append(p.nodes, n)
	p.frags = append(p.frags, f)
}

// hyphenAt is the text a break at node i adds: "-" for a hyphenation
// break (a penalty with a style, see addBreak), else "".
func (p *paragraph) hyphenAt(i int) string {
	if p.nodes[i].Kind == linebreak.KindPenalty && p.frags[i].style != nil {
		return "-"
	}
	return ""
}

// justified reports whether the paragraph is set justified, and so may
// space its letters.
func (p *paragraph) justified() bool { return p.style != nil && p.style.Align == content.Justify }

// addSpace appends interword glue for a space in style ts. Spaces at the
// start of the paragraph or doubled are dropped (content collapses them).
func (p *paragraph) addSpace(ts *textStyle) {
	if len(p.nodes) == 0 || p.nodes[len(p.nodes)-1].Kind == linebreak.KindGlue {
		return
	}
	w := ts.face.Advance(' ') * ts.size / 1000
	// The letter and glyph flexibility of the word before the space
	// travels with the space (see letterStretch).
	var letters flex
	for i := len(p.nodes) - 1; p.justified() && i >= 0 && p.nodes[i].Kind != linebreak.KindGlue; i-- {
		if p.nodes[i].Kind == linebreak.KindBox {
			f := p.boxFlex(i)
			letters.stretch += f.stretch
			letters.shrink += f.shrink
		}
	}
	own := spaceFlex(w)
	p.push(linebreak.WordGlue(w, own.stretch, letters.stretch, own.shrink+letters.shrink), fragment{})
}

// addWord appends one word (pieces in their styles) with its break points.
func (p *paragraph) addWord(pieces []styledText, h *hyphen.Hyphenator, hyphenate bool) {
	full := pieces[0].text
	if len(pieces) > 1 {
		var whole strings.Builder
		for _, pc := range pieces {
			whole.WriteString(pc.text)
		}
		full = whole.String()
	}
	// Soft hyphens mark breaks the author wants; remove them from the text.
	var breaks []hyphen.Break
	if strings.ContainsRune(full, '\u00ad') {
		clean := []rune{}
		for _, r := range full {
			if r == '\u00ad' {
				if len(clean) > 0 {
					breaks = append(breaks, hyphen.Break{Pos: len(clean), Hyphen: true})
				}
				continue
			}
			clean = append(clean, r)
		}
		for i := range pieces {
			pieces[i].text = strings.ReplaceAll(pieces[i].text, "\u00ad", "")
		}
	} else if h != nil {
		breaks = h.SharedBreaks(full) // the hyphenator's: read only
		isHyphen := func(br hyphen.Break) bool { return br.Hyphen }
		if !hyphenate && slices.ContainsFunc(breaks, isHyphen) {
			breaks = slices.DeleteFunc(slices.Clone(breaks), isHyphen)
		}
	}
	if len(pieces) == 1 {
		p.addPiece(pieces[0], breaks)
		return
	}
	p.addPieces(pieces, breaks)
}

// addPieces is addWord's walk of a word's runes, at breaks (in increasing
// order of position; those outside the word's inside are ignored, and of
// two at one position the last counts): a box ends where the style
// changes (no break there) or at a break position (a penalty follows).
// The text of a box within one piece is a substring of it, not a copy.
func (p *paragraph) addPieces(pieces []styledText, breaks []hyphen.Break) {
	runes, styles, at := p.runes[:0], p.styles[:0], p.at[:0]
	for k, pc := range pieces {
		for off, r := range pc.text {
			runes = append(runes, r)
			styles = append(styles, pc.style)
			at = append(at, runeAt{piece: k, off: off})
		}
	}
	p.runes, p.styles, p.at = runes, styles, at
	text := func(start, end int) fragment {
		a := at[start]
		src := pieces[a.piece].text
		if end == len(runes) {
			if a.piece == len(pieces)-1 {
				return textFragment(src[a.off:], src[a.off:])
			}
		} else if b := at[end]; b.piece == a.piece {
			return textFragment(src[a.off:b.off], src[a.off:])
		}
		t := string(runes[start:end])
		return textFragment(t, t)
	}
	nb := 0
	start := 0
	for i := 1; i <= len(runes); i++ {
		var br hyphen.Break
		isBreak := false
		for nb < len(breaks) && breaks[nb].Pos <= i {
			if breaks[nb].Pos == i && i < len(runes) {
				br, isBreak = breaks[nb], true
			}
			nb++
		}
		if i < len(runes) && !isBreak && styles[i] == styles[start] {
			continue
		}
		var next rune = -1
		if i < len(runes) && styles[i] == styles[start] {
			next = runes[i]
		}
		p.addBox(text(start, i), styles[start], next, i < len(runes))
		if isBreak {
			p.addBreak(styles[i-1], runes[i-1], runes[i], br)
		}
		start = i
	}
}

// addPiece is addPieces for a word in one style, without the rune
// tables: a box ends only at a break position.
func (p *paragraph) addPiece(pc styledText, breaks []hyphen.Break) {
	src, ts := pc.text, pc.style
	start := 0       // byte offset where the box begins
	at, off := 0, 0  // rune index, and byte offset, walked to
	prev := rune(-1) // the rune before off
	for k, br := range breaks {
		if br.Pos <= at || k+1 < len(breaks) && breaks[k+1].Pos == br.Pos {
			continue // outside the word's inside, or not the last at its position
		}
		for at < br.Pos && off < len(src) {
			r, w := utf8.DecodeRuneInString(src[off:])
			prev, off, at = r, off+w, at+1
		}
		if off == len(src) { // at or past the end: this and the rest are outside
			break
		}
		next, _ := utf8.DecodeRuneInString(src[off:])
		p.addBox(textFragment(src[start:off], src[start:]), ts, next, true)
		p.addBreak(ts, prev, next, br)
		start = off
	}
	p.addBox(textFragment(src[start:], src[start:]), ts, -1, false)
}

// runeAt is where a rune of a word is: its piece, and its byte offset in
// the piece's text.
type runeAt struct{ piece, off int }

// addBox appends a box for f's text in style ts. next is the rune that follows
// in the same word and style (-1 if none): the kerning with it belongs to
// this box, so that unbroken words measure exactly as they are drawn.
// join reports that more of the same word follows; in a justified
// paragraph the box then also owns the letter gap to it.
func (p *paragraph) addBox(f fragment, ts *textStyle, next rune, join bool) {
	text := f.text()
	if text == "" {
		return
	}
	f.style = ts
	if p.justified() {
		f.join = join
		f.gaps = uint16(min(f.letterGaps(), maxGaps))
	}
	w := ts.face.Width(text, ts.size)
	if next >= 0 {
		last, _ := utf8.DecodeLastRuneInString(text)
		w += ts.face.Kern(last, next) * ts.size / 1000
	}
	p.push(linebreak.Box(w), f)
}

// addBreak appends a discretionary break between prev and next. With a
// hyphen the break adds "-" (its width net of the kerning the unbroken
// word had there); otherwise it adds nothing.
func (p *paragraph) addBreak(ts *textStyle, prev, next rune, br hyphen.Break) {
	if !br.Hyphen {
		// After a compound's own hyphen the line ends with a hyphen too:
		// flagged, so it counts in runs of hyphenated lines (as TeX's
		// discretionaries do). After an apostrophe or a slash it does not.
		penalty := float64(exHyphenPenalty)
		if br.Discouraged {
			penalty = numberPenalty
		}
		p.push(linebreak.Penalty(0, penalty, prev == '-' || prev == '‐'), fragment{})
		return
	}
	w := ts.face.Advance('-') * ts.size / 1000
	if prev >= 0 {
		w += ts.face.Kern(prev, '-') * ts.size / 1000
		if next >= 0 {
			w -= ts.face.Kern(prev, next) * ts.size / 1000
		}
	}
	p.push(linebreak.Penalty(w, hyphenPenalty, true), fragment{style: ts}) // hyphenAt: "-"
}
