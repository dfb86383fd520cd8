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
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"reflect"
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
// and gives the same bytes as the others (the tests compare them).
type mode struct {
	noStubs   bool // every photo through fpdf
	noDeflate bool // fpdf compresses the pages' content streams
}

func render(doc *layout.Document, opt Options, m mode) (file *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: internal error in fpdf: %v", r)
		}
	}()
	wr := &writer{doc: doc, fonts: map[string]docFont{}, imageName: map[string]string{}, stubs: map[string]photo{}, mode: m, cache: opt.Cache}
	var out sliceWriter
	if err := wr.render(&out, opt); err != nil {
		return nil, err
	}
	raw := out.b
	retry := func() (*File, error) { // the slow way, fpdf compressing
		m.noDeflate = true
		return render(doc, opt, m)
	}
	if wr.deflating && !cleanContents(raw) {
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
		more, ok, err := deflateCuts(pdf, t, wr.cache)
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

// deflatePages is the most pages of a document whose content streams the
// writer compresses itself. Measured on generated publications: at 192
// pages 161 MiB peak instead of 170, at 1026 pages 915 instead of 737.
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

type writer struct {
	doc      *layout.Document
	f        *fpdf.Fpdf
	fonts    map[string]docFont // display-list key → the font embedded (see fonts.go)
	fontList []docFont          // in resource order
	pageH    float64            // the media box's height: PDF's y is up
	// font, tz and tc are the text state the content stream has set
	// ("" and 0 when not known): the font operator, Tz and Tc.
	font      string
	tz, tc    float64
	buf       []byte            // a text run's operators
	imageName map[string]string // content hash → registered name
	stubs     map[string]photo  // stub registered with fpdf → the JPEG it stands for (see splice.go)
	viaFpdf   []photo           // JPEGs registered as they are (see photoCuts)
	digests   []string          // the pages', as Digests
	mode      mode
	png       bool   // an image other than a JPEG is registered
	deflating bool   // fpdf leaves the content streams uncompressed, deflateCuts compresses them
	cache     *Cache // Options.Cache
	fill      string // current fill colour operator on the page
	stroke    string
	// fillColor and strokeColor are the colours fill and stroke were
	// made from (when they are not ""): the operator is a function of the
	// colour.
	fillColor, strokeColor layout.Color
	rgb                    func(layout.Color) RGB // Options.RGB
	// spots are the document's spot inks by name (spotList in resource
	// order); none in a screen edition, which paints them in RGB.
	spots    map[string]*spotInk
	spotList []*spotInk
	// registration and colorBar are Options.Registration and ColorBar,
	// when the document has marks and is for print.
	registration, colorBar bool
	// origin is the offset of the trim box from the media box's corner;
	// ox, oy that of the page being drawn (on a spread, of its half).
	origin float64
	ox, oy float64
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
	wr.digests = Digests(doc)
	f.SetXmpMetadata(xmpPacket(doc, opt.PDFX.Version, wr.digests))
	wr.pageH = mediaH
	runes := fontRunes(doc)
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
	if opt.Saddle {
		for _, sd := range sides {
			if err := wr.spread(sd); err != nil {
				return err
			}
		}
	} else {
		for _, p := range doc.Pages {
			if err := wr.page(p); err != nil {
				return err
			}
		}
	}
	// Without images of fpdf's own making (PNG palettes, which it
	// compresses or not with the pages), the pages' content streams of a
	// short document are compressed after the clean-up passes, with one
	// compressor for all: fpdf makes one for every page, a megabyte each.
	// A long document leaves it to fpdf, which holds the streams
	// compressed rather than all of them uncompressed until the end.
	if !opt.Uncompressed && !wr.mode.noDeflate && !wr.png && len(doc.Pages) <= deflatePages {
		f.SetCompression(false)
		wr.deflating = true
	}
	err := f.Output(out)
	wr.f = nil // its pages' buffers are garbage now; the file is in out
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// page draws p as a page of its own.
func (wr *writer) page(p layout.Page) error {
	doc, f, o := wr.doc, wr.f, wr.origin
	f.AddPage()
	f.SetPageBox("trim", o, o, doc.Trim.W, doc.Trim.H)
	f.SetPageBox("bleed", o-doc.Bleed, o-doc.Bleed, doc.Trim.W+2*doc.Bleed, doc.Trim.H+2*doc.Bleed)
	wr.newPageState()
	wr.ox, wr.oy = o, o
	if doc.Marks {
		wr.cropMarks(o, o, o+doc.Trim.W, o+doc.Trim.H)
		wr.extraMarks(o, o, o+doc.Trim.W, o+doc.Trim.H, nil)
	}
	for _, bm := range doc.Outline {
		if bm.Page == p.Index {
			// fpdf writes the title's bytes as they are, with no UTF-8
			// font selected: UTF-16BE with its byte-order mark, a PDF
			// text string (7.9.2.2).
			f.Bookmark(utf16BE(bm.Title), bm.Level, bm.Y+o)
		}
	}
	return wr.items(p)
}

// items draws the items of p at the current offset.
func (wr *writer) items(p layout.Page) error {
	for _, it := range p.Items {
		if err := wr.item(p, it); err != nil {
			return err
		}
		if err := wr.f.Error(); err != nil {
			return fmt.Errorf("pdf: page %d: %w", p.Index, err)
		}
	}
	return nil
}

func cmyk(c layout.Color) string {
	return num(c.C) + " " + num(c.M) + " " + num(c.Y) + " " + num(c.K)
}

// num formats a number compactly and exactly enough for PDF.
func num(v float64) string {
	var b [24]byte
	return string(appendNum(b[:0], v))
}

// appendNum appends num(v) to b.
func appendNum(b []byte, v float64) []byte {
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

// rgbOf formats the screen colour of c for rg and RG: each channel over 255.
func (wr *writer) rgbOf(c layout.Color) string {
	v := wr.rgb(c)
	return fmt.Sprintf("%s %s %s", num(float64(v.R)/255), num(float64(v.G)/255), num(float64(v.B)/255))
}

func (wr *writer) setFill(c layout.Color) {
	if wr.fill != "" && c == wr.fillColor { // the same operator as the current one
		return
	}
	op := cmyk(c) + " k"
	if wr.rgb != nil {
		op = wr.rgbOf(c) + " rg"
	} else if s, ok := wr.spotOp(c, "cs", "scn"); ok {
		op = s
	}
	if op != wr.fill {
		wr.f.RawWriteStr(op + "\n")
		wr.fill = op
	}
	wr.fillColor = c
}

func (wr *writer) setStroke(c layout.Color) {
	if wr.stroke != "" && c == wr.strokeColor {
		return
	}
	op := cmyk(c) + " K"
	if wr.rgb != nil {
		op = wr.rgbOf(c) + " RG"
	} else if s, ok := wr.spotOp(c, "CS", "SCN"); ok {
		op = s
	}
	if op != wr.stroke {
		wr.f.RawWriteStr(op + "\n")
		wr.stroke = op
	}
	wr.strokeColor = c
}

func (wr *writer) item(p layout.Page, it layout.Item) error {
	bx, by := wr.ox, wr.oy
	f := wr.f
	switch v := it.(type) {
	case *layout.Fill:
		wr.setFill(v.Color)
		f.Rect(v.Rect.X+bx, v.Rect.Y+by, v.Rect.W, v.Rect.H, "F")
	case *layout.Rule:
		wr.setStroke(v.Color)
		f.SetLineWidth(v.Width)
		f.Line(v.X1+bx, v.Y1+by, v.X2+bx, v.Y2+by)
	case *layout.Image:
		return wr.image(p, v)
	case *layout.TextRun:
		return wr.text(p, v)
	default:
		return fmt.Errorf("pdf: page %d: unknown item %T", p.Index, it)
	}
	return nil
}

func (wr *writer) image(p layout.Page, im *layout.Image) (err error) {
	defer func() { // fpdf panics on some broken image data
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: page %d: figure %s: %s: cannot embed the image: %v", p.Index, im.Block, im.Path, r)
		}
	}()
	data, stream := im.Data, im.Stream
	head := data
	if data == nil {
		if stream == nil {
			return fmt.Errorf("pdf: page %d: figure %s: %s has no data", p.Index, im.Block, im.Path)
		}
		head = stream.Head
	}
	sum := im.Sum()
	key := hex.EncodeToString(sum[:12])
	opts := fpdf.ImageOptions{ImageType: map[string]string{"jpeg": "JPG", "png": "PNG"}[images.Format(head)]}
	if opts.ImageType == "" {
		return fmt.Errorf("pdf: page %d: figure %s: %s is neither JPEG nor PNG", p.Index, im.Block, im.Path)
	}
	name, ok := wr.imageName[key]
	if !ok {
		if data == nil && opts.ImageType != "JPG" { // fpdf reads a PNG whole
			var err error
			if data, err = stream.ReadAll(); err != nil {
				return fmt.Errorf("pdf: page %d: figure %s: %w", p.Index, im.Block, err)
			}
			stream = nil
		}
		name = "img" + key
		if err := wr.register(name, opts, data, stream, sum); err != nil {
			return fmt.Errorf("pdf: page %d: figure %s: %s: %w", p.Index, im.Block, im.Path, err)
		}
		wr.imageName[key] = name
	}
	clip := im.Clip
	clipped := clip != im.Frame
	if clipped {
		wr.f.ClipRect(clip.X+wr.ox, clip.Y+wr.oy, clip.W, clip.H, false)
	}
	wr.drawOriented(name, opts, im.Frame, im.Orientation)
	if clipped {
		wr.f.ClipEnd()
		wr.resetState() // the clip's q/Q restored the colours
	}
	return nil
}

// register registers an image with fpdf: a JPEG as a stub that splice
// replaces with the JPEG's bytes (data, or its file: stream), anything
// else as it is. A JPEG read from its file is always passed through: its
// bytes never meet the clean-up passes (spliceable).
func (wr *writer) register(name string, opts fpdf.ImageOptions, data []byte, stream *layout.Stream, sum [sha256.Size]byte) error {
	src := data
	stub, ok := []byte(nil), false
	if opts.ImageType != "JPG" {
		wr.png = true
	}
	if opts.ImageType == "JPG" && stream != nil {
		if stub, ok = jpegStub(stream.Head, stubTag+strconv.Itoa(len(wr.stubs))+"\x00"); !ok {
			return fmt.Errorf("pdf: the headers of %s end before its image data", stream.Path)
		}
		src = stub
	} else if opts.ImageType == "JPG" && !wr.mode.noStubs && wr.cache.photoSpliceable(data, sum) {
		stub, ok = jpegStub(data, stubTag+strconv.Itoa(len(wr.stubs))+"\x00")
		if ok {
			src = stub
		}
	}
	info := wr.f.RegisterImageOptionsReader(name, opts, bytes.NewReader(src))
	if err := wr.f.Error(); err != nil {
		return err
	}
	if opts.ImageType == "JPG" && !setImageID(info, jpegID(sum)) {
		return fmt.Errorf("pdf: fpdf's image record is not as the writer expects")
	}
	if ok {
		wr.stubs[string(stub)] = photo{data: data, stream: stream, sum: sum}
	} else if opts.ImageType == "JPG" {
		wr.viaFpdf = append(wr.viaFpdf, photo{data: data, sum: sum})
	}
	breakWidthTie(info, len(wr.imageName))
	return nil
}

// text draws a run as one TJ operator: the glyphs of the run's subset,
// the kerning between them, glyph scaling as Tz and letter spacing as Tc,
// each glyph where layout put it. The text state (font and size, Tz, Tc)
// is written only when it changes.
func (wr *writer) text(p layout.Page, t *layout.TextRun) error {
	df, ok := wr.fonts[t.Font]
	if !ok {
		return fmt.Errorf("pdf: page %d: block %q: text %q uses font %q, which the document does not list", p.Index, t.Block, t.Text, t.Font)
	}
	if t.Text == "" {
		return nil
	}
	f := wr.f
	bx, by := wr.ox, wr.oy
	wr.setFill(t.Color)
	if t.Rotate != 0 {
		f.TransformBegin()
		f.TransformRotate(t.Rotate, t.X+bx, t.Y+by)
		defer func() {
			f.TransformEnd()
			wr.resetState()
		}()
	}
	b := append(wr.buf[:0], "BT "...)
	if op := "/" + df.res + " " + num(t.Size) + " Tf "; op != wr.font {
		b = append(b, op...)
		wr.font = op
	}
	// Tz scales Tc and the TJ adjustments as it scales the glyphs; layout
	// adds letter spacing and kerning unscaled.
	scale := t.ScaleOrOne()
	if tz := scale * 100; tz != wr.tz {
		b = strconv.AppendFloat(b, tz, 'f', 3, 64)
		b = append(b, " Tz "...)
		wr.tz = tz
	}
	if tc := t.Tracking / scale; tc != wr.tc {
		b = strconv.AppendFloat(b, tc, 'f', 4, 64)
		b = append(b, " Tc "...)
		wr.tc = tc
	}
	b = appendNum(b, t.X+bx)
	b = append(b, ' ')
	b = appendNum(b, wr.pageH-(t.Y+by))
	b = append(b, " Td [<"...)
	i := 0
	for _, r := range t.Text {
		if i > 0 && i < len(t.Kern) && t.Kern[i] != 0 {
			b = append(b, "> "...)
			b = appendNum(b, -t.Kern[i]/scale)
			b = append(b, " <"...)
		}
		g := df.emb.glyph[r]
		b = append(b, hexDigits[g>>12], hexDigits[g>>8&15], hexDigits[g>>4&15], hexDigits[g&15])
		i++
	}
	b = append(b, ">] TJ ET"...)
	f.RawWriteStr(string(b))
	wr.buf = b
	return nil
}

const hexDigits = "0123456789ABCDEF"

// resetState forgets the colours and text state set, after a Q has
// restored what they were before its q.
func (wr *writer) resetState() {
	wr.fill, wr.stroke = "", ""
	wr.font, wr.tz, wr.tc = "", -1, math.NaN()
}

// newPageState sets the state a page starts with: no colour or font set,
// no glyph scaling or letter spacing.
func (wr *writer) newPageState() {
	wr.fill, wr.stroke = "", ""
	wr.font, wr.tz, wr.tc = "", 100, 0
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

// cropMarks draws the eight crop marks of a trim box (x0, y0)–(x1, y1)
// in media coordinates, on the extensions of its edges, outside the
// bleed.
func (wr *writer) cropMarks(x0, y0, x1, y1 float64) {
	start := wr.doc.Bleed + markGap
	end := start + markLength
	wr.setStroke(wr.registrationColor())
	wr.f.SetLineWidth(markWidth)
	for _, x := range []float64{x0, x1} {
		wr.f.Line(x, y0-start, x, y0-end)
		wr.f.Line(x, y1+start, x, y1+end)
	}
	for _, y := range []float64{y0, y1} {
		wr.f.Line(x0-start, y, x0-end, y)
		wr.f.Line(x1+start, y, x1+end, y)
	}
}

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

// drawOriented paints image name so that it shows upright in frame: the
// stored pixels are drawn around the frame's centre, turned and mirrored
// as the file's EXIF orientation says.
func (wr *writer) drawOriented(name string, opts fpdf.ImageOptions, frame layout.Rect, orientation int) {
	if orientation < 2 || orientation > 8 {
		wr.f.ImageOptions(name, frame.X+wr.ox, frame.Y+wr.oy, frame.W, frame.H, false, opts, 0, "")
		return
	}
	o := orientations[orientation]
	cx, cy := frame.X+wr.ox+frame.W/2, frame.Y+wr.oy+frame.H/2
	w, h := frame.W, frame.H
	if o.turn == 90 || o.turn == -90 {
		w, h = h, w // the stored pixels are the frame turned a quarter
	}
	wr.f.TransformBegin()
	if o.turn != 0 {
		wr.f.TransformRotate(o.turn, cx, cy)
	}
	if o.mirror {
		wr.f.TransformMirrorHorizontal(cx)
	}
	wr.f.ImageOptions(name, cx-w/2, cy-h/2, w, h, false, opts, 0, "")
	wr.f.TransformEnd()
	wr.resetState()
}
