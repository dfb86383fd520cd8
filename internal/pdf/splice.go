package pdf

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math"
	"reflect"
	"strconv"
	"sync"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"
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
// photos among them shared with the document rather than copied.
type File struct {
	parts   [][]byte
	digests []string
}

// PageDigests returns the page digests the file carries, as PageDigests
// reads them from it.
func (f *File) PageDigests() []string { return f.digests }

// WriteTo writes the file to w.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, p := range f.parts {
		k, err := w.Write(p)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Len is the file's size in bytes.
func (f *File) Len() int {
	n := 0
	for _, p := range f.parts {
		n += len(p)
	}
	return n
}

// Bytes returns the file as one slice (a copy).
func (f *File) Bytes() []byte {
	out := make([]byte, 0, f.Len())
	for _, p := range f.parts {
		out = append(out, p...)
	}
	return out
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
	return !bytes.Contains(data, []byte("/utf8")) && !bytes.Contains(data, []byte("\n/Parent "))
}

// Cache keeps what the writer computes from photos that several
// documents share — the editions of one build — so that each photo is
// hashed once: the SHA-1 of its bytes that fpdf names an image by. Pass
// the same Cache in the Options of every edition; it is safe for
// concurrent use.
type Cache struct {
	mu    sync.Mutex
	sha1s map[[sha256.Size]byte][]byte // photo's SHA-256 → SHA-1 state after its bytes
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{sha1s: map[[sha256.Size]byte][]byte{}} }

// sha1Of returns a SHA-1 hash that has written data (whose SHA-256 is
// sum), from the cache when it has it.
func (c *Cache) sha1Of(data []byte, sum [sha256.Size]byte) hash.Hash {
	h := sha1.New()
	if c == nil {
		h.Write(data)
		return h
	}
	c.mu.Lock()
	state, ok := c.sha1s[sum]
	c.mu.Unlock()
	if ok {
		if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(state); err == nil {
			return h
		}
		h.Reset()
	}
	h.Write(data)
	if state, err := h.(encoding.BinaryMarshaler).MarshalBinary(); err == nil {
		c.mu.Lock()
		c.sha1s[sum] = state
		c.mu.Unlock()
	}
	return h
}

// imageID is the name fpdf gives an image: a SHA-1 of its data and of
// what it read from its headers (fpdf's generateImageID), here for the
// real data of an image registered as a stub; h has written the data.
func imageID(info *fpdf.ImageInfoType, h hash.Hash) (string, bool) {
	v := reflect.ValueOf(info).Elem()
	field := func(name string, kind reflect.Kind) (reflect.Value, bool) {
		f := v.FieldByName(name)
		return f, f.IsValid() && f.Kind() == kind
	}
	var buf [8]byte
	i64 := func(x int64) {
		binary.LittleEndian.PutUint64(buf[:], uint64(x))
		h.Write(buf[:])
	}
	f64 := func(x float64) { i64(int64(math.Float64bits(x))) }
	for _, fd := range []struct {
		name string
		kind reflect.Kind
	}{
		{"smask", reflect.Slice}, {"n", reflect.Int}, {"w", reflect.Float64}, {"h", reflect.Float64},
		{"cs", reflect.String}, {"pal", reflect.Slice}, {"bpc", reflect.Int}, {"f", reflect.String},
		{"dp", reflect.String}, {"trns", reflect.Slice}, {"scale", reflect.Float64}, {"dpi", reflect.Float64},
	} {
		f, ok := field(fd.name, fd.kind)
		if !ok {
			return "", false
		}
		switch {
		case fd.name == "trns":
			for k := range f.Len() {
				i64(f.Index(k).Int())
			}
		case fd.kind == reflect.Slice:
			if f.Type().Elem().Kind() != reflect.Uint8 {
				return "", false
			}
			h.Write(f.Bytes())
		case fd.kind == reflect.Int:
			i64(f.Int())
		case fd.kind == reflect.Float64:
			f64(f.Float())
		case fd.kind == reflect.String:
			h.Write([]byte(f.String()))
		}
	}
	// The id itself is hashed too, empty when fpdf computes it.
	if f, ok := field("i", reflect.String); !ok || f.String() == "" {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

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

// splice puts the photos in place of their stubs in the finished file pdf
// (stub → data), fixes their /Length, the cross-reference offsets and
// startxref, and adds the document /ID computed over the real bytes, as
// withID does.
func splice(pdf []byte, stubs map[string][]byte) (*File, error) {
	type cut struct {
		at, end int    // pdf[at:end] is replaced
		with    []byte // by this
		data    []byte // and then the photo
	}
	var cuts []cut
	for stub, data := range stubs {
		i := bytes.Index(pdf, []byte(">>\nstream\n"+stub+"\nendstream\n"))
		if i < 0 {
			return nil, fmt.Errorf("pdf: an image stub is missing from fpdf's output")
		}
		lenAt := bytes.LastIndex(pdf[:i], []byte("/Length "))
		if lenAt < 0 || string(pdf[lenAt+len("/Length "):i]) != strconv.Itoa(len(stub)) {
			return nil, fmt.Errorf("pdf: an image stub has no /Length of its own")
		}
		cuts = append(cuts, cut{at: lenAt, end: i + len(">>\nstream\n") + len(stub),
			with: []byte("/Length " + strconv.Itoa(len(data)) + ">>\nstream\n"), data: data})
	}
	sortCuts := func(a, b int) bool { return cuts[a].at < cuts[b].at }
	for i := 1; i < len(cuts); i++ { // few photos: insertion sort
		for j := i; j > 0 && sortCuts(j, j-1); j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	// shift is how far the byte at offset o of pdf moves.
	shift := func(o int) int {
		d := 0
		for _, c := range cuts {
			if c.end > o {
				break
			}
			d += len(c.with) + len(c.data) - (c.end - c.at)
		}
		return d
	}
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("pdf: no startxref")
	}
	rest := pdf[sx+len("\nstartxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("pdf: bad startxref")
	}
	xref, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, fmt.Errorf("pdf: bad startxref")
	}
	tr := bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	if tr < xref {
		return nil, fmt.Errorf("pdf: no trailer after the cross-reference table")
	}
	for _, c := range cuts {
		if c.end > xref {
			return nil, fmt.Errorf("pdf: an image stub after the cross-reference table")
		}
	}
	// The table: "xref\n0 N\n", then entries of 20 bytes.
	table := append([]byte{}, pdf[xref:tr+1]...)
	hdr := bytes.IndexByte(table[len("xref\n"):], '\n')
	if !bytes.HasPrefix(table, []byte("xref\n")) || hdr < 0 {
		return nil, fmt.Errorf("pdf: bad cross-reference table")
	}
	entries := table[len("xref\n")+hdr+1:]
	if len(entries)%20 != 0 {
		return nil, fmt.Errorf("pdf: the cross-reference table is not one section")
	}
	for e := 0; e < len(entries); e += 20 {
		if entries[e+17] != 'n' {
			continue
		}
		o, err := strconv.Atoi(string(entries[e : e+10]))
		if err != nil {
			return nil, fmt.Errorf("pdf: bad cross-reference entry")
		}
		s := fmt.Sprintf("%010d", o+shift(o))
		if len(s) != 10 {
			return nil, fmt.Errorf("pdf: the file is too large")
		}
		copy(entries[e:], s)
	}
	var parts [][]byte
	from := 0
	for _, c := range cuts {
		parts = append(parts, pdf[from:c.at], c.with, c.data)
		from = c.end
	}
	parts = append(parts, pdf[from:xref], table[:len(table)-1])
	// The /ID: an MD5 of everything before the trailer, as withID.
	h := md5.New()
	for _, p := range parts {
		h.Write(p)
	}
	id := hex.EncodeToString(h.Sum(nil))
	at := tr + len("\ntrailer\n<<\n")
	trailer := append([]byte{}, pdf[tr:at]...)
	trailer = append(trailer, fmt.Sprintf("/ID [<%s> <%s>]\n", id, id)...)
	trailer = append(trailer, pdf[at:sx+len("\nstartxref\n")]...)
	trailer = append(trailer, strconv.Itoa(xref+shift(xref))...)
	trailer = append(trailer, rest[nl:]...)
	parts = append(parts, trailer)
	return &File{parts: parts}, nil
}
