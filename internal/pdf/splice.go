package pdf

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"github.com/duetto-press/duetto/layout"
)

// JPEG photos are passed through: their bytes go into the PDF as they
// are. fpdf would copy every photo into its output buffer (and then the
// writer's passes would copy the file several times more), so the writer
// registers with fpdf a stub instead: the photo's headers up to its scan,
// which tell fpdf the size and colour space, and a tag that makes the stub
// unique. After fpdf and the writer's clean-up passes, File splices the
// photos in place of their stubs and moves the cross-reference offsets by
// as much. The bytes are those fpdf would have written with the photos
// themselves: the image names fpdf derives from the data are computed from
// the real data, the lengths and offsets are the real ones.

// File is a PDF as the writer made it: pieces of the file, in order, the
// photos among them shared with the document rather than copied, or read
// from their files as the PDF is written (layout.Stream).
type File struct {
	parts   []part
	digests []string
}

// part is a piece of a File: bytes, or a photo's file.
type part struct {
	b      []byte
	stream *layout.Stream
}

func (p part) len() int64 {
	if p.stream != nil {
		return p.stream.Size
	}
	return int64(len(p.b))
}

// PageDigests returns the page digests the file carries, as PageDigests
// reads them from it.
func (f *File) PageDigests() []string { return f.digests }

// WriteTo writes the file to w. A photo read from its file is copied
// as it is (by the kernel, from file to file, where it can); it fails if
// the file is no longer the one the build read.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, p := range f.parts {
		if p.stream == nil {
			k, err := w.Write(p.b)
			n += int64(k)
			if err != nil {
				return n, err
			}
			continue
		}
		k, err := copyStream(w, p.stream)
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// copyStream copies a photo's file to w, all of it and nothing more (an
// *os.File w copies from an *os.File source in the kernel:
// copy_file_range, which sees through io.CopyN's limit).
func copyStream(w io.Writer, s *layout.Stream) (int64, error) {
	src, err := s.Open()
	if err != nil {
		return 0, err
	}
	defer src.Close()
	n, err := io.CopyN(w, src, s.Size)
	if err != nil {
		return n, fmt.Errorf("%s: %w", s.Path, err)
	}
	return n, nil
}

// Len is the file's size in bytes.
func (f *File) Len() int {
	var n int64
	for _, p := range f.parts {
		n += p.len()
	}
	return int(n)
}

// jpegStub returns the headers of a JPEG up to and including the length of
// its first scan header, followed by tag; ok is false when the file has no
// scan where a JPEG's segments say it should be.
func jpegStub(data []byte, tag string) (stub []byte, ok bool) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, false
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return nil, false
		}
		m := data[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0xD8 || m == 0x01 || m >= 0xD0 && m <= 0xD7 || m == 0xD9:
			return nil, false // not what a header holds before the scan
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if m == 0xDA { // start of scan: the decoder reads its length and stops
			out := make([]byte, 0, i+4+len(tag))
			out = append(out, data[:i+4]...)
			return append(out, tag...), true
		}
		if n < 2 {
			return nil, false
		}
		i += 2 + n
	}
	return nil, false
}

// spliceable reports whether the writer's clean-up passes would leave
// data as it is: they look for these strings in the whole file (see
// canonical), so a photo holding one must go through fpdf itself.
func spliceable(data []byte) bool {
	return !bytes.Contains(data, []byte("\n/Parent "))
}

// photoSpliceable is spliceable for a photo whose SHA-256 is sum,
// remembered for the other editions of a build (a scan of every photo's
// bytes per edition otherwise).
func (c *Cache) photoSpliceable(data []byte, sum [sha256.Size]byte) bool {
	if c == nil {
		return spliceable(data)
	}
	c.mu.Lock()
	ok, known := c.spliceable[sum]
	c.mu.Unlock()
	if known {
		return ok
	}
	ok = spliceable(data)
	c.mu.Lock()
	c.spliceable[sum] = ok
	c.mu.Unlock()
	return ok
}

// photoCuts finds the JPEGs fpdf copied into pdf itself (the photos not
// passed through) and returns cuts that keep them as they are but carry
// their SHA-256, so that the /ID is the same as with the photos passed
// through. It searches the whole file for each: such photos are rare (see
// spliceable) or a test's.
func photoCuts(pdf []byte, photos []photo) []cut {
	var cuts []cut
	found := map[int]bool{}
	for _, ph := range photos {
		at := -1
		for from := 0; ; {
			i := bytes.Index(pdf[from:], ph.data.b)
			if i < 0 {
				break
			}
			i += from
			if !found[i] && bytes.HasSuffix(pdf[:i], []byte("stream\n")) {
				at = i
				break
			}
			from = i + 1
		}
		if at < 0 { // changed by the clean-up passes: its bytes are hashed
			continue
		}
		found[at] = true
		cuts = append(cuts, cut{at: at, end: at + len(ph.data.b), data: ph.data, sum: &ph.sum})
	}
	return cuts
}

// Cache keeps what the writer computes from what several documents
// share — the editions of one build, and in watch the builds after it:
// the font subsets (see fonts.go), whether each photo can be passed
// through, and the pages' content streams compressed. Pass the same Cache in the Options of every edition; it is
// safe for concurrent use.
type Cache struct {
	fonts fontCache
	mu    sync.Mutex
	// spliceable: photo's SHA-256 → whether it may be passed through
	spliceable map[[sha256.Size]byte]bool
	// streams: page content stream's SHA-256 → the stream compressed
	streams map[[sha256.Size]byte][]byte
	// jpegs: photo's SHA-256 → fpdf's record of its stub, as fpdf made
	// it when an edition registered the photo first (see reuseJPEG)
	jpegs       map[[sha256.Size]byte]fpdf.ImageInfoType
	jpegsReused int // records reuseJPEG registered, for the tests
}

// keepJPEG remembers fpdf's record of the stub of the photo whose SHA-256
// is sum, just registered, for the other documents written with c.
func (c *Cache) keepJPEG(sum [sha256.Size]byte, info *fpdf.ImageInfoType) {
	if c == nil {
		return
	}
	rec := *info                  // as registered: fpdf numbers its copy when it writes the file
	if !setImageData(&rec, nil) { // each reuse sets its own stub; this one need not be held
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, known := c.jpegs[sum]; !known && (c.jpegs == nil || len(c.jpegs) >= maxJPEGs) {
		c.jpegs = map[[sha256.Size]byte]fpdf.ImageInfoType{}
	}
	c.jpegs[sum] = rec
}

// maxJPEGs bounds the records a Cache keeps: a long watch session starts
// again past it.
const maxJPEGs = 4096

// reuseJPEG registers with f, under name, the stub of the photo whose
// SHA-256 is sum as a copy of the record fpdf made of another stub of it,
// with stub as its data, and returns the copy; nil when c has no record
// of the photo, or fpdf's record is not as this writer knows it. fpdf
// would read the stub's headers with image/jpeg again for every document
// (a decoder of 13 KB of fresh memory each time), and give the same
// record: what it reads from a stub is the photo's size, colour space and
// depth, and the tag that ends the stub is only the record's data (the
// record's scale, fpdf's unit, is the same too: the writer makes every
// document in points).
func (c *Cache) reuseJPEG(f *fpdf.Fpdf, name string, sum [sha256.Size]byte, stub []byte) *fpdf.ImageInfoType {
	if c == nil || f.Error() != nil { // fpdf's own registering reports its error
		return nil
	}
	c.mu.Lock()
	rec, ok := c.jpegs[sum]
	c.mu.Unlock()
	images := fpdfImages(f)
	if !ok || images == nil || images[name] != nil || !setImageData(&rec, stub) {
		return nil
	}
	images[name] = &rec
	c.mu.Lock()
	c.jpegsReused++
	c.mu.Unlock()
	return &rec
}

// fpdfImages returns fpdf's table of registered images, or nil if fpdf's
// record is not as this writer knows it.
func fpdfImages(f *fpdf.Fpdf) map[string]*fpdf.ImageInfoType {
	v := reflect.ValueOf(f).Elem().FieldByName("images")
	if !v.IsValid() || v.Type() != reflect.TypeFor[map[string]*fpdf.ImageInfoType]() {
		return nil
	}
	return *(*map[string]*fpdf.ImageInfoType)(unsafe.Pointer(v.UnsafeAddr()))
}

// setImageData makes data the bytes of an image record; false if fpdf's
// image record is not as this writer knows it.
func setImageData(info *fpdf.ImageInfoType, data []byte) bool {
	f := reflect.ValueOf(info).Elem().FieldByName("data")
	if !f.IsValid() || f.Type() != reflect.TypeFor[[]byte]() {
		return false
	}
	*(*[]byte)(unsafe.Pointer(f.UnsafeAddr())) = data
	return true
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{spliceable: map[[sha256.Size]byte]bool{}, streams: map[[sha256.Size]byte][]byte{}}
}

// jpegID is the name a JPEG is registered under with fpdf, which would
// name it by a SHA-1 of its bytes (hashing every photo of every edition
// once more): the first 20 bytes of its SHA-256, in hex, as long as
// fpdf's names. It is set whether the photo is passed through or not, so
// both give the same bytes.
func jpegID(sum [sha256.Size]byte) string { return hex.EncodeToString(sum[:20]) }

// setImageID gives a registered image the name id; false if fpdf's image
// record is not as this writer knows it (the determinism tests then fail).
func setImageID(info *fpdf.ImageInfoType, id string) bool {
	f := reflect.ValueOf(info).Elem().FieldByName("i")
	if !f.IsValid() || f.Kind() != reflect.String {
		return false
	}
	*(*string)(unsafe.Pointer(f.UnsafeAddr())) = id
	return true
}

// A cut replaces pdf[at:end] with with, then data (a photo, a
// compressed stream).
type cut struct {
	at, end int
	with    []byte
	data    part
	// sum, for a photo's data, is its SHA-256, which the /ID hashes
	// instead of the photo's bytes.
	sum *[sha256.Size]byte
}

// photo is a JPEG passed through, with its SHA-256: its bytes, or its
// file.
type photo struct {
	data part
	sum  [sha256.Size]byte
}

// stubTag is how a stub's tag starts: stubTag, a number, a NUL.
const stubTag = "\x00duetto stub "

// stubCuts finds the stubs (stub → photo) in pdf and returns the cuts
// that put the photos in, with their /Length. It finds them by their
// tags, in one pass over the file.
func stubCuts(pdf []byte, stubs map[string]photo) ([]cut, error) {
	byTag := make(map[string]string, len(stubs)) // tag → stub
	for stub := range stubs {
		i := strings.LastIndex(stub, stubTag)
		if i < 0 {
			return nil, fmt.Errorf("pdf: an image stub without a tag")
		}
		byTag[stub[i:]] = stub
	}
	var cuts []cut
	for from := 0; len(cuts) < len(stubs); {
		i := bytes.Index(pdf[from:], []byte(stubTag))
		if i < 0 {
			return nil, fmt.Errorf("pdf: an image stub is missing from fpdf's output")
		}
		i += from
		end := bytes.IndexByte(pdf[i+1:], 0)
		if end < 0 {
			return nil, fmt.Errorf("pdf: an image stub is cut short")
		}
		end += i + 2 // after the closing NUL
		from = end
		stub, ok := byTag[string(pdf[i:end])]
		if !ok {
			continue
		}
		delete(byTag, string(pdf[i:end]))
		at := end - len(stub) // the stub's first byte
		before := ">>\nstream\n"
		if at < len(before) || string(pdf[at-len(before):end]) != before+stub || !bytes.HasPrefix(pdf[end:], []byte("\nendstream\n")) {
			return nil, fmt.Errorf("pdf: an image stub is not where fpdf writes images")
		}
		lenAt := bytes.LastIndex(pdf[:at-len(before)], []byte("/Length "))
		if lenAt < 0 || string(pdf[lenAt+len("/Length "):at-len(before)]) != strconv.Itoa(len(stub)) {
			return nil, fmt.Errorf("pdf: an image stub has no /Length of its own")
		}
		ph := stubs[stub]
		cuts = append(cuts, cut{at: lenAt, end: end,
			with: []byte("/Length " + strconv.FormatInt(ph.data.len(), 10) + ">>\nstream\n"), data: ph.data, sum: &ph.sum})
	}
	return cuts, nil
}

// xrefTable locates the cross-reference table of pdf, as fpdf writes it:
// one section, entries of 20 bytes from entries to trailer.
type xrefTable struct {
	at, entries, trailer int // offsets of "xref", its first entry, "\ntrailer"
	startxref, eol       int // the offset after "startxref\n", and the end of its number
}

func findXref(pdf []byte) (xrefTable, error) {
	var t xrefTable
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return t, fmt.Errorf("pdf: no startxref")
	}
	t.startxref = sx + len("\nstartxref\n")
	nl := bytes.IndexByte(pdf[t.startxref:], '\n')
	if nl < 0 {
		return t, fmt.Errorf("pdf: bad startxref")
	}
	t.eol = t.startxref + nl
	xref, err := strconv.Atoi(string(pdf[t.startxref:t.eol]))
	if err != nil || xref <= 0 || xref >= sx {
		return t, fmt.Errorf("pdf: bad startxref")
	}
	t.at = xref
	t.trailer = bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	if t.trailer < xref || !bytes.HasPrefix(pdf[xref:], []byte("xref\n")) {
		return t, fmt.Errorf("pdf: no trailer after the cross-reference table")
	}
	hdr := bytes.IndexByte(pdf[xref+len("xref\n"):], '\n')
	if hdr < 0 {
		return t, fmt.Errorf("pdf: bad cross-reference table")
	}
	t.entries = xref + len("xref\n") + hdr + 1
	if (t.trailer+1-t.entries)%20 != 0 {
		return t, fmt.Errorf("pdf: the cross-reference table is not one section")
	}
	return t, nil
}

// offset returns the offset of object n in pdf, from its table.
func (t xrefTable) offset(pdf []byte, n int) (int, bool) {
	e := t.entries + 20*n
	if n <= 0 || e+20 > t.trailer+1 || pdf[e+17] != 'n' {
		return 0, false
	}
	o, err := strconv.Atoi(string(pdf[e : e+10]))
	return o, err == nil && o > 0 && o < t.at
}

// contentStreams returns where the pages' content streams of pdf, written
// uncompressed, are: for each, the offsets of its object and of its data,
// and the data's length.
func contentStreams(pdf []byte, t xrefTable) ([][3]int, error) {
	var out [][3]int
	for from := 0; ; {
		i := bytes.Index(pdf[from:t.at], []byte("\n/Contents "))
		if i < 0 {
			return out, nil
		}
		i += from + len("\n/Contents ")
		end := bytes.Index(pdf[i:t.at], []byte(" 0 R>>\n"))
		if end < 0 {
			return nil, fmt.Errorf("pdf: bad /Contents")
		}
		n, err := strconv.Atoi(string(pdf[i : i+end]))
		if err != nil {
			return nil, fmt.Errorf("pdf: bad /Contents")
		}
		o, ok := t.offset(pdf, n)
		if !ok {
			return nil, fmt.Errorf("pdf: no content stream %d", n)
		}
		head := strconv.Itoa(n) + " 0 obj\n<</Length "
		if !bytes.HasPrefix(pdf[o:], []byte(head)) {
			return nil, fmt.Errorf("pdf: content stream %d is not as fpdf writes it uncompressed", n)
		}
		d := bytes.Index(pdf[o:t.at], []byte(">>\nstream\n"))
		length, err := strconv.Atoi(string(pdf[o+len(head) : o+max(d, len(head))]))
		data := o + d + len(">>\nstream\n")
		if d < 0 || err != nil || data+length > t.at || !bytes.HasPrefix(pdf[data+length:], []byte("\nendstream\nendobj\n")) {
			return nil, fmt.Errorf("pdf: content stream %d is not as fpdf writes it uncompressed", n)
		}
		out = append(out, [3]int{o, data, length})
		from = i
	}
}

// deflateCuts compresses the pages' content streams as fpdf does and
// returns the cuts that put them in. Where the file holds a page's stub
// (see writer.takePage), the stream is pre's, compressed as the pages
// were drawn. ok is false when the result would not be fpdf's: a stream
// holding what the clean-up passes look for, or a stub out of place.
func deflateCuts(pdf []byte, t xrefTable, c *Cache, pre *deflation) (cuts []cut, ok bool, err error) {
	streams, err := contentStreams(pdf, t)
	if err != nil {
		return nil, false, err
	}
	zs := make([][]byte, len(streams))
	var pzs [][]byte
	if pre != nil {
		if pzs, ok = pre.finish(); !ok {
			return nil, false, nil
		}
	}
	var todo []int // the streams not in pre
	var raws [][]byte
	for i, st := range streams {
		raw := pdf[st[1] : st[1]+st[2]]
		if i < len(pzs) && pzs[i] != nil && string(raw) == pageStub(i) {
			zs[i] = pzs[i]
			continue
		}
		if bytes.HasPrefix(raw, []byte(pageStubTag)) {
			return nil, false, nil
		}
		todo = append(todo, i)
		raws = append(raws, raw)
	}
	if len(todo) > 0 {
		d := newDeflation(len(raws), c, runtime.GOMAXPROCS(0)-1)
		for k, raw := range raws {
			d.add(k, raw)
		}
		more, ok := d.finish()
		if !ok {
			return nil, false, nil
		}
		for k, i := range todo {
			zs[i] = more[k]
		}
	}
	for i, st := range streams {
		o, data, length := st[0], st[1], st[2]
		n := pdf[o : o+bytes.IndexByte(pdf[o:], ' ')]
		with := string(n) + " 0 obj\n<</Filter /FlateDecode /Length " + strconv.Itoa(len(zs[i])) + ">>\nstream\n"
		cuts = append(cuts, cut{at: o, end: data + length, with: []byte(with), data: part{b: zs[i]}})
	}
	return cuts, true, nil
}

// deflation compresses page content streams as fpdf does (zlib, best
// speed), with one compressor per goroutine for all of them (fpdf makes
// one for every page, a megabyte each), as they are added: on the
// goroutines it starts, and on the one that asks for the result. A stream
// compressed before, for another edition or an earlier build of watch, is
// taken from the cache.
type deflation struct {
	c     *Cache
	todo  chan int // the streams added, by index, until closed
	once  sync.Once
	raws  [][]byte // each until it is compressed
	zs    [][]byte
	sums  [][sha256.Size]byte
	known []bool      // zs[i] is from the cache
	dirty atomic.Bool // a stream holds what the clean-up passes look for
	wg    sync.WaitGroup
	zlibs *zlibPool // the cache's, shared by the editions of a build, or the deflation's own
}

// newDeflation starts a deflation of n streams on workers goroutines
// (none: finish does it all).
func newDeflation(n int, c *Cache, workers int) *deflation {
	d := &deflation{c: c, todo: make(chan int, n), raws: make([][]byte, n),
		zs: make([][]byte, n), sums: make([][sha256.Size]byte, n), known: make([]bool, n), zlibs: &zlibPool{}}
	if c != nil {
		d.zlibs = &c.fonts.zlibs
	}
	for range min(workers, (n+7)/8) { // a few pages each at least
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			d.work()
		}()
	}
	return d
}

// add gives stream i to compress.
func (d *deflation) add(i int, raw []byte) {
	d.raws[i] = raw
	d.todo <- i
}

// close says that every stream has been added.
func (d *deflation) close() { d.once.Do(func() { close(d.todo) }) }

// work compresses streams until none is left.
func (d *deflation) work() {
	for i := range d.todo {
		raw := d.raws[i]
		d.raws[i] = nil
		if d.c != nil {
			d.sums[i] = sha256.Sum256(raw)
			// A stream in the cache passed the checks below.
			if d.zs[i], d.known[i] = d.c.stream(d.sums[i]); d.known[i] {
				continue
			}
		}
		var buf bytes.Buffer
		buf.Grow(len(raw)/2 + 64)
		d.zlibs.compress(&buf, raw)
		d.zs[i] = buf.Bytes()
		if !spliceable(raw) || !spliceable(d.zs[i]) {
			d.dirty.Store(true)
		}
	}
}

// finish closes the deflation, helps with what is left and returns the
// streams compressed; ok is false when a stream, compressed or not,
// holds what the clean-up passes look for. The streams compressed are
// kept in the cache.
func (d *deflation) finish() (zs [][]byte, ok bool) {
	d.close()
	d.work()
	d.wg.Wait()
	if d.dirty.Load() {
		return nil, false
	}
	for i := range d.zs {
		if !d.known[i] {
			d.c.keepStream(d.sums[i], d.zs[i])
		}
	}
	return d.zs, true
}

// stop ends the deflation: the streams not yet begun are left.
func (d *deflation) stop() {
	d.close()
	for range d.todo {
	}
	d.wg.Wait()
}

// pageStubTag starts the stub a page's content stream leaves in fpdf
// (see writer.takePage): the tag, the page's number in the file, a NUL.
const pageStubTag = "\x00duetto page "

// pageStub is the stub of page k of the file (from 0).
func pageStub(k int) string { return pageStubTag + strconv.Itoa(k) + "\x00" }

// takePage hands the content stream of page k of the file (from 0), just
// drawn, to the deflation, and leaves fpdf a stub in its place: fpdf
// copies, and the clean-up passes read, a few bytes rather than the
// page; deflateCuts puts the page's stream compressed in the stub's
// place. The stream is left to fpdf if its record is not as the writer
// knows it.
func (wr *writer) takePage(k int) {
	pages := fpdfPages(wr.f)
	if len(pages) != k+2 { // page k is fpdf's page k+1, its last
		return
	}
	raw := pages[k+1].Bytes()
	pages[k+1] = bytes.NewBufferString(pageStub(k))
	wr.pre.add(k, raw)
}

// fpdfPages returns fpdf's buffers of the pages' content streams, from
// 1 (0 is unused), or nil if fpdf's record is not as this writer knows
// it. They are read, or grown, never written.
func fpdfPages(f *fpdf.Fpdf) []*bytes.Buffer {
	v := reflect.ValueOf(f).Elem().FieldByName("pages")
	if !v.IsValid() || v.Type() != reflect.TypeFor[[]*bytes.Buffer]() {
		return nil
	}
	return *(*[]*bytes.Buffer)(unsafe.Pointer(v.UnsafeAddr()))
}

// growOutput makes fpdf's buffer for the file large enough for n more
// bytes (fpdf would grow it step by step, the file copied each time),
// if fpdf's record is as this writer knows it.
func growOutput(f *fpdf.Fpdf, n int) {
	v := reflect.ValueOf(f).Elem().FieldByName("buffer")
	if !v.IsValid() || v.Kind() != reflect.Struct {
		return
	}
	b := v.FieldByName("Buffer")
	if !b.IsValid() || b.Type() != reflect.TypeFor[bytes.Buffer]() {
		return
	}
	(*bytes.Buffer)(unsafe.Pointer(b.UnsafeAddr())).Grow(n)
}

// maxStreams bounds the compressed content streams a Cache keeps: a few
// builds of a long document; past it, the cache starts again.
const maxStreams = 4096

// stream returns the compressed form of a page content stream compressed
// before, by its SHA-256.
func (c *Cache) stream(sum [sha256.Size]byte) ([]byte, bool) {
	c.mu.Lock()
	z, ok := c.streams[sum]
	c.mu.Unlock()
	return z, ok
}

// keepStream remembers z, the compressed form of the stream whose SHA-256
// is sum.
func (c *Cache) keepStream(sum [sha256.Size]byte, z []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if len(c.streams) >= maxStreams {
		clear(c.streams)
	}
	c.streams[sum] = z
	c.mu.Unlock()
}

// assemble applies cuts to the finished file pdf, moves the
// cross-reference offsets and startxref by as much, and adds the document
// /ID computed over the real bytes, as withID does.
func assemble(pdf []byte, t xrefTable, cuts []cut) (*File, error) {
	sort.Slice(cuts, func(a, b int) bool { return cuts[a].at < cuts[b].at })
	for k, c := range cuts {
		if c.end > t.at || k > 0 && c.at < cuts[k-1].end {
			return nil, fmt.Errorf("pdf: overlapping changes to the file")
		}
	}
	// shift is how far the byte at offset o of pdf moves: as much as the
	// cuts that end before it change.
	moved := make([]int, len(cuts)+1) // moved[k]: by the first k cuts
	for k, c := range cuts {
		moved[k+1] = moved[k] + len(c.with) + int(c.data.len()) - (c.end - c.at)
	}
	shift := func(o int) int {
		return moved[sort.Search(len(cuts), func(k int) bool { return cuts[k].end > o })]
	}
	table := append([]byte{}, pdf[t.at:t.trailer]...)
	for e := t.entries - t.at; e+20 <= len(table)+1; e += 20 {
		if table[e+17] != 'n' {
			continue
		}
		o, err := strconv.Atoi(string(table[e : e+10]))
		if err != nil {
			return nil, fmt.Errorf("pdf: bad cross-reference entry")
		}
		s := fmt.Sprintf("%010d", o+shift(o))
		if len(s) != 10 {
			return nil, fmt.Errorf("pdf: the file is too large")
		}
		copy(table[e:], s)
	}
	// The pieces of pdf kept are copied out, so that pdf itself — with
	// the stubs and the uncompressed streams — need not stay in memory.
	kept := t.at // bytes of pdf kept before the table
	for _, c := range cuts {
		kept -= c.end - c.at
	}
	text := make([]byte, 0, kept)
	var parts []part
	from := 0
	keep := func(b []byte) []byte {
		text = append(text, b...)
		return text[len(text)-len(b):]
	}
	// The /ID: an MD5 of everything before the trailer, as withID, but
	// of each photo passed through its SHA-256 rather than its bytes
	// (hashing them again was a tenth of a build).
	h := md5.New()
	for _, c := range cuts {
		before := keep(pdf[from:c.at])
		parts = append(parts, part{b: before}, part{b: c.with}, c.data)
		h.Write(before)
		h.Write(c.with)
		if c.sum != nil {
			h.Write(c.sum[:])
		} else {
			h.Write(c.data.b)
		}
		from = c.end
	}
	last := keep(pdf[from:t.at])
	parts = append(parts, part{b: last}, part{b: table})
	h.Write(last)
	h.Write(table)
	id := hex.EncodeToString(h.Sum(nil))
	at := t.trailer + len("\ntrailer\n<<\n")
	trailer := append([]byte{}, pdf[t.trailer:at]...)
	trailer = append(trailer, fmt.Sprintf("/ID [<%s> <%s>]\n", id, id)...)
	trailer = append(trailer, pdf[at:t.startxref]...)
	trailer = append(trailer, strconv.Itoa(t.at+shift(t.at))...)
	trailer = append(trailer, pdf[t.eol:]...)
	parts = append(parts, part{b: trailer})
	return &File{parts: parts}, nil
}
