package pdf

// Fonts. The writer embeds each font of a document itself, as a Type 0
// font with the Identity-H encoding over a CIDFontType2 descendant whose
// CIDs are the glyph numbers of an embedded TrueType subset (PDF
// 32000-1:2008, 9.7.4 and 9.7.6, /CIDToGIDMap /Identity), subset to the
// glyphs the document shows (9.6.4: a six-letter tag and a plus before
// the name) and with a ToUnicode CMap (9.10.3) so that text can be
// extracted and searched. Text is shown with TJ (9.4.3): a run's kerning
// goes between its glyphs, its glyph scaling and letter spacing are Tz and
// Tc, so a line is one operator at the positions layout computed.
//
// fpdf's own font path parsed every font in full for every edition,
// JSON-encoded and hashed its 65,536-entry width table to name it, subset
// it again at the end and compressed a 128 KiB CIDToGIDMap, with two zlib
// writers of a megabyte each per font: half of the writer's time. Here a
// font is parsed once (fonts.Subsetter) and subset once per set of runes
// (the Cache keeps the subsets for the other editions of a build and, in
// watch, for the next build), and its program and ToUnicode map are
// compressed once.

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unsafe"

	"github.com/klauspost/compress/zlib"

	"github.com/duetto-press/duetto/fonts"
	"github.com/duetto-press/duetto/layout"
)

// embedded is a font subset ready to embed: what its PDF objects say,
// with its streams compressed.
type embedded struct {
	baseFont  string          // tag + PostScript name: "ABCDEF+LiberationSans"
	glyph     map[rune]uint16 // rune → glyph of the subset (its CID)
	cids      [][4]byte       // rune → its CID in hex, as TJ shows it, for the runes below len(cids)
	widths    string          // the /W array
	desc      string          // the font descriptor's entries but /FontName and /FontFile2
	program   []byte          // the subset TrueType program, compressed
	length1   int             // its length uncompressed
	toUnicode []byte          // the ToUnicode CMap, compressed
}

// docFont is a font of the document being written: its resource name
// and subset.
type docFont struct {
	res string // resource name, without the slash: "DF1"
	emb *embedded
}

// fontRunes returns, for each font key, the runes the document's text
// runs show in it, sorted. The pages are shared among the processors.
func fontRunes(doc *layout.Document) map[string][]rune {
	all := fontRuneSets(doc)
	out := make(map[string][]rune, len(all))
	for key, set := range all {
		out[key] = set.runes()
	}
	return out
}

// subsetRunes returns the runes to subset each font of doc with, by key:
// those the documents of the build show in it (Options.Union, or
// FontRunes) when they include all that doc shows, else doc's own, so
// that no glyph is ever missing.
func subsetRunes(doc *layout.Document, opt Options) map[string][]rune {
	shared := opt.FontRunes
	if opt.Union != nil {
		var holds bool
		if shared, holds = opt.Union.runesOf(doc); holds {
			return shared
		}
	}
	own := fontRunes(doc)
	out := make(map[string][]rune, len(doc.Fonts))
	for _, font := range doc.Fonts {
		rs := own[font.Key]
		if more, ok := shared[font.Key]; ok && includes(more, rs) {
			rs = more
		}
		out[font.Key] = rs
	}
	return out
}

// fontRuneSets is fontRunes as sets.
func fontRuneSets(doc *layout.Document) map[string]*runeSet {
	workers := min(runtime.GOMAXPROCS(0), (len(doc.Pages)+15)/16)
	found := make([]map[string]*runeSet, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sets := map[string]*runeSet{}
			var key string
			var set *runeSet
			for _, p := range doc.Pages[w*len(doc.Pages)/workers : (w+1)*len(doc.Pages)/workers] {
				for _, it := range p.Items {
					t, ok := it.(*layout.TextRun)
					if !ok {
						continue
					}
					if set == nil || t.Font != key {
						key, set = t.Font, sets[t.Font]
						if set == nil {
							set = &runeSet{}
							sets[key] = set
						}
					}
					for _, r := range t.Text {
						set.add(r)
					}
				}
			}
			found[w] = sets
		}()
	}
	wg.Wait()
	all := map[string]*runeSet{}
	for _, sets := range found {
		for key, set := range sets {
			if all[key] == nil {
				all[key] = set
			} else {
				all[key].union(set)
			}
		}
	}
	return all
}

// includes reports whether the sorted runes b are all in the sorted runes a.
func includes(a, b []rune) bool {
	for _, r := range b {
		i, found := slices.BinarySearch(a, r)
		if !found {
			return false
		}
		a = a[i+1:]
	}
	return true
}

// RuneUnion gathers the runes that the documents of a build show in each
// font, so that they share one subset of each (Options.Union, or
// FontRunes): each of the documents is added, or left out, once, and
// Runes waits for all. It is safe for concurrent use.
type RuneUnion struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	sets  map[string]*runeSet
	added map[*layout.Document]bool // the documents whose runes sets holds
	once  sync.Once
	out   map[string][]rune
}

// NewRuneUnion returns a RuneUnion of n documents.
func NewRuneUnion(n int) *RuneUnion {
	u := &RuneUnion{sets: map[string]*runeSet{}, added: map[*layout.Document]bool{}}
	u.wg.Add(n)
	return u
}

// Add adds the runes of doc's text, which must not change until doc is
// written: Render, given the union in Options.Union, takes the union's
// runes to hold doc's.
func (u *RuneUnion) Add(doc *layout.Document) {
	defer u.wg.Done()
	sets := fontRuneSets(doc)
	u.mu.Lock()
	defer u.mu.Unlock()
	for key, set := range sets {
		if u.sets[key] == nil {
			u.sets[key] = set
		} else {
			u.sets[key].union(set)
		}
	}
	u.added[doc] = true
}

// Leave leaves a document out: one that will not be written.
func (u *RuneUnion) Leave() { u.wg.Done() }

// Runes waits until every document is added or left out and returns the
// union of their runes in each font, sorted, for Options.FontRunes.
func (u *RuneUnion) Runes() map[string][]rune {
	u.wg.Wait()
	u.once.Do(func() {
		u.out = make(map[string][]rune, len(u.sets))
		for key, set := range u.sets {
			u.out[key] = set.runes()
		}
	})
	return u.out
}

// runesOf is Runes, and whether doc was added: whether the union holds
// all the runes doc shows.
func (u *RuneUnion) runesOf(doc *layout.Document) (runes map[string][]rune, holds bool) {
	runes = u.Runes()
	u.mu.Lock()
	defer u.mu.Unlock()
	return runes, u.added[doc]
}

// runeSet is a set of runes: a bit for each of the Basic Multilingual
// Plane, and a map for the others.
type runeSet struct {
	bmp  [0x10000 / 64]uint64
	more map[rune]bool
}

func (s *runeSet) add(r rune) {
	if uint(r) < 0x10000 {
		s.bmp[r>>6] |= 1 << (r & 63)
		return
	}
	if s.more == nil {
		s.more = map[rune]bool{}
	}
	s.more[r] = true
}

// union adds the runes of o to s.
func (s *runeSet) union(o *runeSet) {
	for i, w := range o.bmp {
		s.bmp[i] |= w
	}
	for r := range o.more {
		s.add(r)
	}
}

// runes lists the set, sorted.
func (s *runeSet) runes() []rune {
	var out []rune
	for i, w := range s.bmp {
		for w != 0 {
			out = append(out, rune(i*64+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	more := make([]rune, 0, len(s.more))
	for r := range s.more {
		more = append(more, r)
	}
	slices.Sort(more)
	return append(out, more...)
}

// fontCache keeps parsed fonts and their subsets; it is part of Cache.
//
// A font is known by where its bytes are, not by a hash of them: the
// resources of a build (and, in watch, of the builds until a font file
// changes, when the Cache is dropped) hand every edition the same slice,
// and hashing each font once per build was a millisecond of the brochure's.
// A slice seen for the first time is compared with those of the same
// length already parsed, so that two slices with the same bytes (one file
// named by two families, read twice) still share one parse and its subsets.
// The parses are not bounded as the subsets are: there is one per font of
// the resources the Cache serves, and it is dropped with them.
type fontCache struct {
	mu      sync.Mutex
	parsed  map[dataID]*sourceEntry    // font bytes, by where they are → their parse
	subsets map[subsetKey]*subsetEntry // parse + name + runes → subset
	zlibs   zlibPool
}

// subsetKey names a subset: the parse of its font, shared by every slice
// holding the font's bytes, the name the font goes by, and the runes, as
// a string.
type subsetKey struct {
	src   *sourceEntry
	name  string
	runes string
}

// sourceFont is a parsed font that subsets are made from. It does not
// hold the font's name: the same bytes may come under two names (a font
// without a PostScript name is named by its file), each of which names
// its own subsets.
type sourceFont struct {
	subsetter *fonts.Subsetter
	desc      string // the font descriptor's entries but /FontName and /FontFile2
}

// embed returns the subset of font data for runes, from the cache when
// it has it. Editions asking at once for the same font, or the same
// subset, wait for the one that makes it.
func (c *Cache) embed(data []byte, name string, runes []rune) (*embedded, error) {
	if c == nil {
		src, err := parseSource(data)
		if err != nil {
			return nil, err
		}
		return src.embed(runes, postScriptName(name), &fontCache{})
	}
	fc := &c.fonts
	key := subsetKey{name: postScriptName(name), runes: string(runes)}
	fc.mu.Lock()
	key.src = fc.source(data)
	sub := fc.subsets[key]
	if sub == nil {
		if len(fc.subsets) >= maxSubsets { // a long watch session: start afresh
			clear(fc.subsets)
		}
		sub = &subsetEntry{}
		fc.subsets[key] = sub
	}
	fc.mu.Unlock()
	src := key.src
	src.once.Do(func() { src.font, src.err = parseSource(data) })
	if src.err != nil {
		return nil, src.err
	}
	sub.once.Do(func() { sub.emb, sub.err = src.font.embed(runes, key.name, fc) })
	return sub.emb, sub.err
}

// maxSubsets bounds the subsets a cache keeps: a build asks for one per
// font, shared by its editions (and one more per imposed or screen
// edition), and watch keeps the cache from build to build, where an edit
// that brings in a new character asks for new ones.
const maxSubsets = 64

// source returns the entry of the parse of data, a new one if no slice
// seen before holds the same bytes. fc.mu must be held; the comparisons
// are rare (a new slice of the length of one seen) and a few microseconds.
func (fc *fontCache) source(data []byte) *sourceEntry {
	id := dataID{unsafe.SliceData(data), len(data)}
	if src := fc.parsed[id]; src != nil {
		return src
	}
	if fc.parsed == nil {
		fc.parsed = map[dataID]*sourceEntry{}
		fc.subsets = map[subsetKey]*subsetEntry{}
	}
	for seen, src := range fc.parsed {
		if seen.n == id.n && bytes.Equal(unsafe.Slice(seen.first, seen.n), data) {
			fc.parsed[id] = src
			return src
		}
	}
	src := &sourceEntry{}
	fc.parsed[id] = src
	return src
}

// dataID identifies a font's bytes by where they are. As it points into
// them, the bytes stay alive, and no other slice is put there, while the
// cache keeps it.
type dataID struct {
	first *byte
	n     int
}

// sourceEntry and subsetEntry are made once each, by whichever edition
// asks first.
type sourceEntry struct {
	once sync.Once
	font *sourceFont
	err  error
}

type subsetEntry struct {
	once sync.Once
	emb  *embedded
	err  error
}

// parseSource parses a TrueType font for subsetting and writes the
// entries of its font descriptor (9.8).
func parseSource(data []byte) (*sourceFont, error) {
	subsetter, err := fonts.NewSubsetter(data)
	if err != nil {
		return nil, err
	}
	d := subsetter.Descriptor()
	flags := 1 << 5 // nonsymbolic: the Latin character set
	if d.FixedPitch {
		flags |= 1
	}
	if d.ItalicAngle != 0 {
		flags |= 1 << 6
	}
	// StemV is not in the font; the usual estimate from the OS/2 weight
	// class (400 regular: 87; 700 bold: 166).
	w := float64(d.Weight) / 65
	stemV := int(math.Round(50 + w*w))
	desc := fmt.Sprintf("/Flags %d /FontBBox [%s %s %s %s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV %d",
		flags, num3(d.BBox[0]), num3(d.BBox[1]), num3(d.BBox[2]), num3(d.BBox[3]), num3(d.ItalicAngle),
		num3(d.Ascent), num3(d.Descent), num3(d.CapHeight), stemV)
	return &sourceFont{subsetter: subsetter, desc: desc}, nil
}

// postScriptName keeps of a name the characters a PDF name may hold
// without escapes and a PostScript name allows.
func postScriptName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f && !strings.ContainsRune("[](){}<>/%#", r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// embed subsets the font to runes and prepares its PDF objects, the font
// named name (a PostScript name, as a PDF name may hold it).
func (src *sourceFont) embed(runes []rune, name string, fc *fontCache) (*embedded, error) {
	sub, err := src.subsetter.Make(runes)
	if err != nil {
		return nil, err
	}
	e := &embedded{glyph: sub.Glyph, cids: cidTable(sub.Glyph)}
	// The tag: six capitals from a hash of the glyph set, so that two
	// different subsets of one font never share a name.
	h := sha256.Sum256(append([]byte(name+"\x00"), string(runes)...))
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + h[i]%26
	}
	e.baseFont = string(tag[:]) + "+" + name

	// /W: each glyph's advance, consecutive glyphs in one array.
	gids := make([]uint16, 0, len(e.glyph)+1)
	gids = append(gids, 0)
	for _, g := range e.glyph {
		gids = append(gids, g)
	}
	slices.Sort(gids)
	gids = slices.Compact(gids)
	var w strings.Builder
	w.WriteString("[")
	for i := 0; i < len(gids); {
		j := i
		for j+1 < len(gids) && gids[j+1] == gids[j]+1 {
			j++
		}
		w.WriteString(strconv.Itoa(int(gids[i])))
		w.WriteString(" [")
		for k := i; k <= j; k++ {
			if k > i {
				w.WriteByte(' ')
			}
			w.WriteString(num3(sub.Advance[gids[k]]))
		}
		w.WriteString("]")
		i = j + 1
		if i < len(gids) {
			w.WriteByte(' ')
		}
	}
	w.WriteString("]")
	e.widths = w.String()

	e.desc = src.desc
	e.length1 = len(sub.Font)
	e.program = fc.deflate(sub.Font)
	e.toUnicode = fc.deflate(toUnicodeCMap(e.glyph))
	return e, nil
}

// cidTable makes embedded.cids for glyph: up to the highest rune of the
// Basic Multilingual Plane it maps, and "0000", glyph 0, for the runes it
// does not.
func cidTable(glyph map[rune]uint16) [][4]byte {
	n := 0
	for r := range glyph {
		if r < 0x10000 {
			n = max(n, int(r)+1)
		}
	}
	cids := make([][4]byte, n)
	for i := range cids {
		cids[i] = [4]byte{'0', '0', '0', '0'}
	}
	for r, g := range glyph {
		if int(r) < n {
			copy(cids[r][:], appendCID(nil, g))
		}
	}
	return cids
}

// num3 formats v with at most three decimals.
func num3(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// deflate compresses b with zlib, with a compressor of the cache's pool.
func (fc *fontCache) deflate(b []byte) []byte {
	var z bytes.Buffer
	fc.zlibs.compress(&z, b)
	return z.Bytes()
}

// zlibPool hands out zlib compressors (BestSpeed) to be used again. They
// are klauspost/compress's: at its fastest level it deflates the
// brochure's page content streams in half the time of compress/zlib's,
// 5 % smaller, and a new compressor is 0.5 MB where compress/zlib's is
// 1.2 MB. A new one gets its tables as fresh pages from the kernel; as
// a compressor reads its hash table before it writes it, each of those
// pages is faulted in twice, the second time with its translation
// flushed on every processor, which cost a brochure build of three
// editions some 7 % of its CPU when each page compressor made its own
// (measured with compress/zlib's).
type zlibPool struct{ pool sync.Pool } // of *zlib.Writer

// compress appends b, compressed with zlib, to dst.
func (zp *zlibPool) compress(dst *bytes.Buffer, b []byte) {
	zw, _ := zp.pool.Get().(*zlib.Writer)
	if zw == nil {
		zw, _ = zlib.NewWriterLevel(dst, zlib.BestSpeed) // a valid level
	} else {
		zw.Reset(dst)
	}
	_, _ = zw.Write(b) // a bytes.Buffer does not fail
	_ = zw.Close()
	zp.pool.Put(zw)
}

// toUnicodeCMap writes the CMap that maps each glyph (CID) back to its
// rune (PDF 32000-1:2008 9.10.3; Adobe Technical Note 5411), in
// bfchar blocks of at most 100 entries, by glyph.
func toUnicodeCMap(glyph map[rune]uint16) []byte {
	type pair struct {
		g uint16
		r rune
	}
	pairs := make([]pair, 0, len(glyph))
	for r, g := range glyph {
		pairs = append(pairs, pair{g, r})
	}
	// A glyph shared by several runes maps back to the smallest.
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.g != b.g {
			return int(a.g) - int(b.g)
		}
		return int(a.r) - int(b.r)
	})
	pairs = slices.CompactFunc(pairs, func(a, b pair) bool { return a.g == b.g })
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(pairs) > 0 {
		n := min(len(pairs), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, p := range pairs[:n] {
			fmt.Fprintf(&b, "<%04X> <", p.g)
			for _, u := range utf16.Encode([]rune{p.r}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		pairs = pairs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// addFonts writes the document's fonts into the file fpdf wrote (which
// knows none): five objects a font, and their names in the resource
// dictionary's /Font, which fpdf leaves empty.
func addFonts(f *file, list []docFont) error {
	res, ok := f.objects[2]
	const empty = "\n/Font <<\n>>\n"
	if !ok || !bytes.HasPrefix(res, []byte("2 0 obj\n<<\n")) || bytes.Count(res, []byte(empty)) != 1 {
		return fmt.Errorf("pdf: adding fonts: object 2 is not fpdf's resource dictionary with an empty /Font")
	}
	var entries strings.Builder
	entries.WriteString("\n/Font <<\n")
	add := func(obj []byte) int {
		n := f.size
		f.size++
		f.objects[n] = obj
		f.order = append(f.order, n)
		return n
	}
	for _, df := range list {
		e := df.emb
		n := f.size // Type0, CIDFont, descriptor, program, ToUnicode
		fmt.Fprintf(&entries, "/%s %d 0 R\n", df.res, n)
		add([]byte(fmt.Sprintf("%d 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n",
			n, e.baseFont, n+1, n+4)))
		add([]byte(fmt.Sprintf("%d 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 0 /W %s >>\nendobj\n",
			n+1, e.baseFont, n+2, e.widths)))
		add([]byte(fmt.Sprintf("%d 0 obj\n<< /Type /FontDescriptor /FontName /%s %s /FontFile2 %d 0 R >>\nendobj\n",
			n+2, e.baseFont, e.desc, n+3)))
		add(streamObject(n+3, fmt.Sprintf("/Length %d /Length1 %d /Filter /FlateDecode", len(e.program), e.length1), e.program))
		add(streamObject(n+4, fmt.Sprintf("/Length %d /Filter /FlateDecode", len(e.toUnicode)), e.toUnicode))
	}
	entries.WriteString(">>\n")
	f.objects[2] = bytes.Replace(res, []byte(empty), []byte(entries.String()), 1)
	return nil
}

// streamObject writes object n: a stream with dictionary entries dict.
func streamObject(n int, dict string, data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data) + 80)
	fmt.Fprintf(&b, "%d 0 obj\n<< %s >>\nstream\n", n, dict)
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
}
