// Package pdf renders a layout.Document — the display list — as PDF. It is
// the only package of duetto that uses fpdf.
//
// fpdf writes the pages, the images and the file structure. Everything
// that fpdf would get wrong for print, or slowly, is done here: the fonts
// are embedded and subset by the writer itself (fonts.go), each text run
// drawn as one TJ with layout's kerning, glyph scaling and letter spacing;
// colours are written as DeviceCMYK operators, spot inks as Separation
// colour spaces (fpdf's setters are RGB, and it writes spot colours in map
// order; a screen edition asks for DeviceRGB with Options.RGB); JPEG photos
// are passed through rather than copied (splice.go); and the output is
// made reproducible (fpdf writes page boxes in map order and no /ID).
package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"github.com/duetto-press/duetto/images"
	"github.com/duetto-press/duetto/layout"
)

// Options are the writer's settings. The zero value writes a plain PDF
// with TrimBox and BleedBox.
type Options struct {
	// Saddle writes the printer spreads of a saddle-stitched booklet
	// instead of its pages: each sheet's front and back, two pages side
	// by side (see saddleSides). The document needs 4n pages.
	Saddle bool
	// Creep, with Saddle, moves the pages of each sheet this many points
	// nearer the spine than those of the sheet around it, so that the
	// inner sheets, pushed out by the fold, trim like the outer ones.
	Creep float64
	// Uncompressed writes content streams as plain text (for debugging).
	Uncompressed bool
	// PDFX makes the file a PDF/X file with an output intent; the zero
	// value writes none (a screen or proof PDF).
	PDFX PDFX
	// RGB, when set, paints text, rules and fills in DeviceRGB (rg, RG)
	// with the colour it gives for each CMYK colour of the display list,
	// instead of DeviceCMYK (k, K): for screen editions, with PDFX zero.
	// Photos are embedded as they are given.
	RGB func(layout.Color) RGB
	// Registration draws registration targets centred on each edge, and
	// ColorBar a bar of ink patches under the page, in the mark area:
	// only when the document has marks, and never with RGB.
	Registration, ColorBar bool
	// Cache, if not nil, is shared by the documents of a build (see
	// Cache); the output is the same with or without it.
	Cache *Cache
	// FontRunes, if not nil, are the runes to subset each font with, by
	// display-list key, so that the editions of a build share one subset
	// of each (see RuneUnion). A font whose runes in the document are
	// not all among them is subset to the document's own.
	FontRunes map[string][]rune
	// Union, if not nil, is the RuneUnion of the build's documents and
	// stands for FontRunes: Render waits for it and subsets each font as
	// it would with FontRunes set to Union.Runes(), but does not gather
	// the runes of a document added to the union again, as the union
	// holds them.
	Union *RuneUnion
}

// RGB is a colour of a screen edition, 0 to 255 per channel.
type RGB struct{ R, G, B uint8 }

// Producer is written into the document information.
const Producer = "duetto"

// Write renders doc as PDF to w.
func Write(w io.Writer, doc *layout.Document, opt Options) error {
	f, err := Render(doc, opt)
	if err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// Render renders doc as PDF in memory. The File shares the photos' bytes
// with doc.
func Render(doc *layout.Document, opt Options) (*File, error) {
	return render(doc, opt, mode{})
}

// mode says what the writer leaves to fpdf; the zero mode is the fastest
// and gives the same bytes as the others (the tests compare them), but
// for noDeflate: fpdf compresses with compress/zlib, the writer with
// klauspost/compress, which gives other bytes for the same objects.
type mode struct {
	noStubs   bool // every photo through fpdf
	noDeflate bool // fpdf compresses the pages' content streams
	oneByOne  bool // one goroutine draws the pages, in order
	inFile    bool // the pages' content streams are compressed from the file fpdf writes
}

func render(doc *layout.Document, opt Options, m mode) (file *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: internal error in fpdf: %v", r)
		}
	}()
	wr := &writer{doc: doc, fonts: map[string]docFont{}, imageName: map[string]string{}, stubs: map[string]photo{}, mode: m, cache: opt.Cache}
	defer func() { // on an early return, the compression is not waited for
		if wr.pre != nil {
			wr.pre.stop()
		}
	}()
	var out sliceWriter
	if err := wr.render(&out, opt); err != nil {
		return nil, err
	}
	raw := out.b
	retry := func() (*File, error) { // the slow way, fpdf compressing
		if wr.pre != nil {
			wr.pre.stop()
		}
		m.noDeflate = true
		return render(doc, opt, m)
	}
	if wr.deflating && wr.pre == nil && !cleanContents(raw) {
		return retry()
	}
	pdf, err := prepare(raw, opt, wr.spotList, wr.fontList)
	if err != nil {
		return nil, err
	}
	if len(wr.stubs) == 0 && len(wr.viaFpdf) == 0 && !wr.deflating {
		return &File{parts: []part{{b: withID(pdf)}}, digests: wr.digests}, nil
	}
	t, err := findXref(pdf)
	if err != nil {
		return nil, err
	}
	cuts, err := stubCuts(pdf, wr.stubs)
	if err != nil {
		return nil, err
	}
	cuts = append(cuts, photoCuts(pdf, wr.viaFpdf)...)
	if wr.deflating {
		more, ok, err := deflateCuts(pdf, t, wr.cache, wr.pre)
		if err != nil {
			return nil, err
		}
		if !ok {
			return retry()
		}
		cuts = append(cuts, more...)
	}
	file, err = assemble(pdf, t, cuts)
	if err != nil {
		return nil, err
	}
	file.digests = wr.digests
	return file, nil
}

// hasPNG reports whether doc shows an image that is not a JPEG (one
// that writer.register registers as fpdf's own).
func hasPNG(doc *layout.Document) bool {
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if im, ok := it.(*layout.Image); ok {
				if images.Format(imageHead(im)) == "png" {
					return true
				}
			}
		}
	}
	return false
}

// imageHead is the first bytes of im's data, those images.Format reads;
// nil when it has none.
func imageHead(im *layout.Image) []byte {
	if im.Data == nil && im.Stream != nil {
		return im.Stream.Head
	}
	return im.Data
}

// deflatePages is the most pages of a document whose content streams the
// writer compresses from the file fpdf wrote (see writer.render).
// Measured on generated publications: at 192 pages 161 MiB peak instead
// of 170, at 1026 pages 915 instead of 737.
const deflatePages = 300

// sliceWriter keeps what is written to it, without a copy when it is one
// slice (fpdf writes its finished buffer at once).
type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) {
	if w.b == nil {
		w.b = p
	} else {
		w.b = append(w.b[:len(w.b):len(w.b)], p...)
	}
	return len(p), nil
}

// cleanContents reports whether the clean-up passes would leave every
// uncompressed page content stream of raw as it is, as they do when fpdf
// compresses them.
func cleanContents(raw []byte) bool {
	t, err := findXref(raw)
	if err != nil {
		return false
	}
	streams, err := contentStreams(raw, t)
	if err != nil {
		return false
	}
	for _, st := range streams {
		if !spliceable(raw[st[1] : st[1]+st[2]]) {
			return false
		}
	}
	return true
}

// prepare makes fpdf's output canonical, with the fonts and spot colour
// spaces, and PDF/X when asked for: one pass over the file's objects.
func prepare(pdf []byte, opt Options, spots []*spotInk, fonts []docFont) ([]byte, error) {
	canonical(pdf)
	if len(fonts) == 0 && len(spots) == 0 && opt.PDFX.Version == "" {
		return pdf, nil
	}
	f, err := parseFile(pdf)
	if err != nil {
		return nil, fmt.Errorf("pdf: reading fpdf's output: %w", err)
	}
	if len(fonts) > 0 {
		if err := addFonts(f, fonts); err != nil {
			return nil, err
		}
	}
	if len(spots) > 0 {
		if err := addSpots(f, spots); err != nil {
			return nil, err
		}
	}
	if opt.PDFX.Version != "" {
		if err := toPDFX(f, opt.PDFX); err != nil {
			return nil, err
		}
	}
	return f.bytes(), nil
}

// writer holds what the pages of a document share while it is written:
// the fonts, inks and images, and fpdf, which only render's goroutine
// uses. The pages themselves are drawn by pageWriters (page.go).
type writer struct {
	doc      *layout.Document
	f        *fpdf.Fpdf
	fonts    map[string]docFont // display-list key → the font embedded (see fonts.go)
	fontList []docFont          // in resource order
	pageH    float64            // the media box's height: PDF's y is up
	// imageName and what follows it are fpdf's side: they change only
	// as the pages are handed to fpdf, in order.
	imageName map[string]string // content hash → registered name
	stubs     map[string]photo  // stub registered with fpdf → the JPEG it stands for (see splice.go)
	viaFpdf   []photo           // JPEGs registered as they are (see photoCuts)
	digests   []string          // the pages', as Digests
	pre       *deflation        // when deflating, the pages' content streams compressed while fpdf writes the file
	mode      mode
	deflating bool                   // fpdf leaves the content streams uncompressed, deflateCuts compresses them
	cache     *Cache                 // Options.Cache
	rgb       func(layout.Color) RGB // Options.RGB
	// spots are the document's spot inks by name (spotList in resource
	// order); none in a screen edition, which paints them in RGB.
	spots    map[string]*spotInk
	spotList []*spotInk
	// registration and colorBar are Options.Registration and ColorBar,
	// when the document has marks and is for print.
	registration, colorBar bool
	// origin is the offset of the trim box from the media box's corner.
	origin float64
}

func (wr *writer) render(out io.Writer, opt Options) error {
	doc := wr.doc
	wr.origin = doc.Bleed
	if doc.Marks {
		wr.origin += layout.MarkArea
	}
	o := wr.origin
	mediaW, mediaH := doc.Trim.W+2*o, doc.Trim.H+2*o
	var sides []side
	if opt.Saddle {
		var err error
		if sides, err = saddleSides(len(doc.Pages), opt.Creep); err != nil {
			return err
		}
		mediaW += doc.Trim.W
	}
	// The page digests, for the metadata, are layout's to compute and
	// need nothing of the writer: they are computed while it draws.
	digests := make(chan []string, 1)
	go func() { digests <- Digests(doc) }()
	defer func() {
		if wr.digests == nil { // returning early: wait for the goroutine
			<-digests
		}
	}()
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: mediaW, Ht: mediaH}})
	wr.f = f
	wr.rgb = opt.RGB
	if opt.RGB == nil {
		wr.spotList = spotInks(doc)
		wr.spots = map[string]*spotInk{}
		for _, s := range wr.spotList {
			wr.spots[s.name] = s
		}
		wr.registration = opt.Registration && doc.Marks
		wr.colorBar = opt.ColorBar && doc.Marks
	}
	f.SetCompression(!opt.Uncompressed)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	date := time.Unix(doc.Meta.Date, 0).UTC()
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetTitle(doc.Meta.Title, true)
	f.SetAuthor(doc.Meta.Author, true)
	f.SetSubject(doc.Meta.Subject, true)
	f.SetKeywords(strings.Join(doc.Meta.Keywords, ", "), true)
	f.SetCreator("duetto", true)
	f.SetProducer(Producer, true)
	if doc.Meta.Lang != "" {
		f.SetLang(doc.Meta.Lang)
	}
	wr.pageH = mediaH
	runes := subsetRunes(doc, opt)
	for i, font := range doc.Fonts {
		if len(font.Data) == 0 {
			return fmt.Errorf("pdf: font %s (%s) has no data", font.Key, font.Name)
		}
		emb, err := wr.cache.embed(font.Data, font.Name, runes[font.Key])
		if err != nil {
			return fmt.Errorf("pdf: font %s (%s): %w", font.Key, font.Name, err)
		}
		df := docFont{res: "DF" + strconv.Itoa(i+1), emb: emb}
		wr.fonts[font.Key] = df
		wr.fontList = append(wr.fontList, df)
	}
	// Without images of fpdf's own making (PNG palettes, which it
	// compresses or not with the pages), the pages' content streams are
	// compressed by the writer, with one compressor per processor for
	// all: fpdf makes one for every page, a megabyte each. They are
	// compressed as the pages are drawn, fpdf left a stub of each
	// (takePage). Should fpdf's record not be as the writer knows it,
	// they are compressed from the file fpdf writes: only for a short
	// document, as a long one would be held uncompressed until the end.
	stubs := !wr.mode.inFile && fpdfPages(f) != nil
	if !opt.Uncompressed && !wr.mode.noDeflate && !hasPNG(doc) && (stubs || len(doc.Pages) <= deflatePages) {
		f.SetCompression(false)
		wr.deflating = true
		if stubs {
			n := len(doc.Pages)
			if sides != nil {
				n = len(sides)
			}
			wr.pre = newDeflation(n, wr.cache, max(1, runtime.GOMAXPROCS(0)-1))
		}
	}
	if err := wr.drawPages(sides); err != nil {
		return err
	}
	wr.digests = <-digests
	f.SetXmpMetadata(xmpPacket(doc, opt.PDFX.Version, wr.digests))
	// What fpdf writes: the pages' content streams (compressed, about a
	// third), the image stubs and a kilobyte a page of the rest.
	size := 1<<16 + 1<<10*len(doc.Pages)
	for _, b := range fpdfPages(f) {
		if f.GetCompression() {
			size += b.Len() / 3
		} else {
			size += b.Len()
		}
	}
	growOutput(f, size)
	err := f.Output(out)
	wr.f = nil // its pages' buffers are garbage now; the file is in out
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

func cmyk(c layout.Color) string {
	var b [64]byte
	return string(appendCMYK(b[:0], c))
}

// appendCMYK appends the four components of c, as cmyk writes them.
func appendCMYK(b []byte, c layout.Color) []byte {
	b = appendNum(b, c.C)
	b = append(b, ' ')
	b = appendNum(b, c.M)
	b = append(b, ' ')
	b = appendNum(b, c.Y)
	b = append(b, ' ')
	return appendNum(b, c.K)
}

// appendNum appends v formatted compactly and exactly enough for PDF: as
// fmt's %.4f, without trailing zeros or a trailing point, and 0 for -0.
//
// It rounds v to a whole number of ten-thousandths in floating point and
// writes that number's digits; where that rounding might not be the
// exact one that strconv makes (ties to even of the exact binary value),
// near a half ten-thousandth, and for large numbers, it leaves the
// formatting to strconv.
func appendNum(b []byte, v float64) []byte {
	if !(v > -1e9 && v < 1e9) {
		return appendNumSlow(b, v)
	}
	n := math.Round(v * 1e4)
	// The exact distance of v·10⁴ from n, rounded once: its magnitude
	// is below one half only if the exact distance is.
	if d := math.FMA(v, 1e4, -n); d >= 0.5 || d <= -0.5 {
		return appendNumSlow(b, v)
	}
	i := int64(n)
	if i < 0 {
		b = append(b, '-')
		i = -i
	}
	b = strconv.AppendInt(b, i/1e4, 10)
	frac := i % 1e4
	if frac == 0 {
		return b
	}
	digits := [5]byte{'.', byte('0' + frac/1000), byte('0' + frac/100%10), byte('0' + frac/10%10), byte('0' + frac%10)}
	k := len(digits)
	for digits[k-1] == '0' {
		k--
	}
	return append(b, digits[:k]...)
}

// appendNumSlow is appendNum by strconv.
func appendNumSlow(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 4, 64) // fmt's %.4f
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if s := string(b[start:]); s == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

// utf16BE encodes s as UTF-16BE with a byte-order mark.
func utf16BE(s string) string {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

// Crop marks: hairlines of 0.25 pt in registration colour (100 % of every
// ink, so they print on every plate), 5 mm long, starting 1 mm outside
// the bleed so that they never reach into it.
const (
	markWidth  = 0.25
	markLength = 5 * 72 / 25.4
	markGap    = 1 * 72 / 25.4
)

var registration = layout.Color{C: 1, M: 1, Y: 1, K: 1}

// canonical makes fpdf's output reproducible, in place: it sorts the
// page-box entries of every page (fpdf writes them in map order), which
// keeps every object's length, so the cross-reference table stays right.
// It scans with bytes.Index rather than regular expressions.
func canonical(pdf []byte) {
	// Each page dictionary: its box lines follow /Parent (and /MediaBox
	// when fpdf writes one), one a line.
	for from := 0; ; {
		i := bytes.Index(pdf[from:], []byte("\n/Parent "))
		if i < 0 {
			break
		}
		i += from + 1
		eol := bytes.IndexByte(pdf[i:], '\n')
		if eol < 0 {
			break
		}
		start := i + eol + 1
		if bytes.HasPrefix(pdf[start:], []byte("/MediaBox [")) {
			if nl := bytes.IndexByte(pdf[start:], '\n'); nl >= 0 {
				start += nl + 1
			}
		}
		end := start
		var lines []string
		for end < len(pdf) {
			nl := bytes.IndexByte(pdf[end:], '\n')
			if nl < 0 {
				break
			}
			line := string(pdf[end : end+nl+1])
			if !isBoxLine(line) {
				break
			}
			lines = append(lines, line)
			end += nl + 1
		}
		sort.Strings(lines)
		copy(pdf[start:end], strings.Join(lines, ""))
		from = end
	}
}

// withID adds to the trailer a document /ID derived from everything
// before it; it follows the cross-reference table, so no offset moves. It
// is for files without JPEG photos: with them, assemble computes the /ID.
func withID(pdf []byte) []byte {
	i := bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	if i < 0 {
		return pdf
	}
	sum := md5.Sum(pdf[:i])
	id := hex.EncodeToString(sum[:])
	at := i + len("\ntrailer\n<<\n")
	out := make([]byte, 0, len(pdf)+80)
	out = append(out, pdf[:at]...)
	out = append(out, fmt.Sprintf("/ID [<%s> <%s>]\n", id, id)...)
	return append(out, pdf[at:]...)
}

// isBoxLine recognises a page-box entry as fpdf writes it.
func isBoxLine(line string) bool {
	for _, box := range []string{"/ArtBox [", "/BleedBox [", "/CropBox [", "/TrimBox ["} {
		if strings.HasPrefix(line, box) && strings.HasSuffix(line, "]\n") {
			return true
		}
	}
	return false
}

// breakWidthTie makes fpdf's image order reproducible. fpdf writes its
// images sorted by pixel width, but gathers them from a map, so images of
// equal width come out in a random order. Adding n·10⁻⁶ to the width of
// the nth image registered orders such ties by registration (page order).
// fpdf writes the width as an integer, so nothing else in the PDF changes.
// If a later fpdf renames the field, nothing is changed here and the
// determinism tests fail.
func breakWidthTie(info *fpdf.ImageInfoType, n int) {
	if info == nil {
		return
	}
	v := reflect.ValueOf(info).Elem().FieldByName("w")
	if !v.IsValid() || v.Kind() != reflect.Float64 {
		return
	}
	w := (*float64)(unsafe.Pointer(v.UnsafeAddr()))
	*w += float64(n) * 1e-6
}

// orientations maps an EXIF orientation to the turn (degrees
// counter-clockwise) and the horizontal mirror, applied in that order to
// the stored pixels, that show the picture upright (EXIF 2.3, tag 0x0112).
var orientations = [9]struct {
	turn   float64
	mirror bool
}{
	1: {0, false}, 2: {0, true}, 3: {180, false}, 4: {180, true},
	5: {90, true}, 6: {-90, false}, 7: {-90, true}, 8: {90, false},
}
