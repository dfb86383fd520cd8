package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"github.com/duetto-press/duetto/images"
	"github.com/duetto-press/duetto/layout"
)

// Pages are drawn in two steps. A pageWriter draws a page of the PDF (a
// page of the document, or a sheet side of a booklet) into a buffer of
// its own: the operators the writer writes itself (text, colours), with
// the operations it leaves to fpdf (the page itself, rules, fills, clips,
// transformations, images, bookmarks) recorded in their places among
// them. Then the page is handed to fpdf: each recorded operation is made
// in its place, the writer's operators written between them as fpdf's
// RawWriteStr would have written them one by one. The first step depends
// only on the document and the fonts, so the pages are drawn on every
// processor at once; the second, in page order on render's goroutine, is
// all that touches fpdf, and gives the bytes that drawing every page
// straight into fpdf gave.

// pageWriter draws one page of the PDF.
type pageWriter struct {
	wr  *writer
	buf []byte   // the writer's own operators, each line ending in "\n"
	ops []pageOp // what is left to fpdf, in order
	// index is the display-list page being drawn, for error messages.
	index int
	// font, tz and tc are the text state the content stream has set:
	// the font operator (valid when fontSet), Tz and Tc (-1 and NaN
	// when not known). fontRes and fontSize made font.
	font     []byte
	fontRes  string
	fontSize float64
	tz, tc   float64
	// fill and stroke are the current colour operators on the page
	// (none when not known) and the colours they were made from.
	fill, stroke colorOp
	// ox, oy is the offset of the page being drawn (on a spread, of its
	// half) from the media box's corner.
	ox, oy float64
}

// pageOp is an operation left to fpdf: made after the first at bytes of
// the page's buf. page is the display-list page it belongs to.
type pageOp struct {
	at   int
	page int
	do   func(f *fpdf.Fpdf) error
}

// call records do, which cannot fail but through fpdf's error.
func (pw *pageWriter) call(do func(f *fpdf.Fpdf)) {
	pw.callErr(func(f *fpdf.Fpdf) error {
		do(f)
		return nil
	})
}

// callErr records do.
func (pw *pageWriter) callErr(do func(f *fpdf.Fpdf) error) {
	pw.ops = append(pw.ops, pageOp{at: len(pw.buf), page: pw.index, do: do})
}

// drawPages draws the document's pages, or with sides the booklet's sheet
// sides, on as many goroutines as there are processors, and hands each to
// fpdf in turn as soon as it and those before it are drawn. It returns
// the first page's error.
func (wr *writer) drawPages(sides []side) error {
	n := len(wr.doc.Pages)
	if sides != nil {
		n = len(sides)
	}
	done := make([]chan *pageWriter, n)
	for k := range done {
		done[k] = make(chan *pageWriter, 1)
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	if wr.mode.oneByOne {
		workers = min(1, n)
	}
	// The buffers of the pages handed to fpdf, which copies them, are
	// drawn into again.
	free := make(chan []byte, 2*workers)
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop.Store(true) // before the wait: the drawing ends with the first error
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			size := 16 << 10 // of a new buffer: half as much again as the last page
			for !stop.Load() {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				pw := &pageWriter{wr: wr}
				select {
				case pw.buf = <-free:
				default:
					pw.buf = make([]byte, 0, size)
				}
				pw.draw(k, sides)
				size = max(size, len(pw.buf)+len(pw.buf)/2)
				done[k] <- pw
			}
		}()
	}
	for k := range n {
		pw := <-done[k]
		if err := wr.replay(pw); err != nil {
			return err
		}
		if wr.pre != nil {
			wr.takePage(k)
		}
		select {
		case free <- pw.buf[:0]:
		default:
		}
	}
	return nil
}

// draw draws page k of the PDF into pw.
func (pw *pageWriter) draw(k int, sides []side) {
	defer func() { // render's recover does not see this goroutine
		if r := recover(); r != nil {
			pw.err(fmt.Errorf("pdf: internal error: %v", r))
		}
	}()
	var err error
	if sides != nil {
		err = pw.spread(sides[k])
	} else {
		err = pw.page(&pw.wr.doc.Pages[k])
	}
	if err != nil {
		pw.err(err)
	}
}

// err ends the page with err: it is returned when the page is handed to
// fpdf, after what was drawn before it.
func (pw *pageWriter) err(err error) {
	pw.callErr(func(*fpdf.Fpdf) error { return err })
}

// replay hands a drawn page to fpdf.
func (wr *writer) replay(pw *pageWriter) error {
	f := wr.f
	from := 0
	raw := func(to int) {
		if to > from {
			// RawWriteStr adds a newline to what it writes, as the last
			// line of buf has. fpdf copies the string: it may share buf.
			f.RawWriteStr(unsafe.String(&pw.buf[from], to-1-from))
			from = to
		}
	}
	for _, op := range pw.ops {
		raw(op.at)
		if err := op.do(f); err != nil {
			return err
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("pdf: page %d: %w", op.page, err)
		}
	}
	raw(len(pw.buf))
	return nil
}

// page draws p as a page of its own.
func (pw *pageWriter) page(p *layout.Page) error {
	doc, o := pw.wr.doc, pw.wr.origin
	pw.index = p.Index
	pw.call(func(f *fpdf.Fpdf) {
		pw.addPage(f)
		f.SetPageBox("trim", o, o, doc.Trim.W, doc.Trim.H)
		f.SetPageBox("bleed", o-doc.Bleed, o-doc.Bleed, doc.Trim.W+2*doc.Bleed, doc.Trim.H+2*doc.Bleed)
	})
	pw.newPageState()
	pw.ox, pw.oy = o, o
	if doc.Marks {
		pw.cropMarks(o, o, o+doc.Trim.W, o+doc.Trim.H)
		pw.extraMarks(o, o, o+doc.Trim.W, o+doc.Trim.H, nil)
	}
	for _, bm := range doc.Outline {
		if bm.Page == p.Index {
			// fpdf writes the title's bytes as they are, with no UTF-8
			// font selected: UTF-16BE with its byte-order mark, a PDF
			// text string (7.9.2.2).
			title, level, y := utf16BE(bm.Title), bm.Level, bm.Y+o
			pw.call(func(f *fpdf.Fpdf) { f.Bookmark(title, level, y) })
		}
	}
	return pw.items(p)
}

// addPage starts the page in fpdf, its buffer made large enough for what
// the page holds (fpdf would grow it step by step).
func (pw *pageWriter) addPage(f *fpdf.Fpdf) {
	f.AddPage()
	if pages := fpdfPages(f); len(pages) > 0 {
		pages[len(pages)-1].Grow(len(pw.buf) + 64*len(pw.ops))
	}
}

// items draws the items of p at the current offset.
func (pw *pageWriter) items(p *layout.Page) error {
	pw.index = p.Index
	for _, it := range p.Items {
		if err := pw.item(p, it); err != nil {
			return err
		}
	}
	return nil
}

func (pw *pageWriter) item(p *layout.Page, it layout.Item) error {
	bx, by := pw.ox, pw.oy
	switch v := it.(type) {
	case *layout.Fill:
		pw.setFill(v.Color)
		r := v.Rect
		pw.call(func(f *fpdf.Fpdf) { f.Rect(r.X+bx, r.Y+by, r.W, r.H, "F") })
	case *layout.Rule:
		pw.setStroke(v.Color)
		w, x1, y1, x2, y2 := v.Width, v.X1+bx, v.Y1+by, v.X2+bx, v.Y2+by
		pw.call(func(f *fpdf.Fpdf) {
			f.SetLineWidth(w)
			f.Line(x1, y1, x2, y2)
		})
	case *layout.Image:
		return pw.image(p, v)
	case *layout.TextRun:
		return pw.text(p, v)
	default:
		return fmt.Errorf("pdf: page %d: unknown item %T", p.Index, it)
	}
	return nil
}

// appendColor appends the operator that sets c: for fill with k, rg or
// scn, for stroke with K, RG or SCN.
func (wr *writer) appendColor(b []byte, c layout.Color, stroke bool) []byte {
	if wr.rgb != nil { // the screen colour, each channel over 255
		v := wr.rgb(c)
		b = appendNum(b, float64(v.R)/255)
		b = append(b, ' ')
		b = appendNum(b, float64(v.G)/255)
		b = append(b, ' ')
		b = appendNum(b, float64(v.B)/255)
		if stroke {
			return append(b, " RG"...)
		}
		return append(b, " rg"...)
	}
	if s, ok := wr.spots[c.Spot]; ok { // "/Spot1 cs 0.4 scn"
		b = append(b, '/')
		b = append(b, s.res...)
		if stroke {
			b = append(b, " CS "...)
		} else {
			b = append(b, " cs "...)
		}
		b = appendNum(b, c.Tint)
		if stroke {
			return append(b, " SCN"...)
		}
		return append(b, " scn"...)
	}
	b = appendCMYK(b, c)
	if stroke {
		return append(b, " K"...)
	}
	return append(b, " k"...)
}

// colorOp is a colour operator the content stream has set, and the
// colour it was made from: the operator is a function of the colour.
type colorOp struct {
	op []byte // empty when not known
	c  layout.Color
}

// setColor writes the operator for c unless it is the current one, cur.
func (pw *pageWriter) setColor(c layout.Color, cur *colorOp, stroke bool) {
	if len(cur.op) > 0 && c == cur.c { // the same operator as the current one
		return
	}
	cur.c = c
	at := len(pw.buf)
	pw.buf = pw.wr.appendColor(pw.buf, c, stroke)
	if string(pw.buf[at:]) == string(cur.op) {
		pw.buf = pw.buf[:at]
		return
	}
	cur.op = append(cur.op[:0], pw.buf[at:]...)
	pw.buf = append(pw.buf, "\n\n"...) // an empty line after it, as duetto has always written it
}

func (pw *pageWriter) setFill(c layout.Color)   { pw.setColor(c, &pw.fill, false) }
func (pw *pageWriter) setStroke(c layout.Color) { pw.setColor(c, &pw.stroke, true) }

// image draws im; fpdf registers it when the page is handed over.
func (pw *pageWriter) image(p *layout.Page, im *layout.Image) error {
	if im.Data == nil && im.Stream == nil {
		return fmt.Errorf("pdf: page %d: figure %s: %s has no data", p.Index, im.Block, im.Path)
	}
	var opts fpdf.ImageOptions
	switch images.Format(imageHead(im)) {
	case "jpeg":
		opts.ImageType = "JPG"
	case "png":
		opts.ImageType = "PNG"
	default:
		return fmt.Errorf("pdf: page %d: figure %s: %s is neither JPEG nor PNG", p.Index, im.Block, im.Path)
	}
	sum := im.Sum()
	ox, oy := pw.ox, pw.oy
	pw.callErr(func(f *fpdf.Fpdf) error { return pw.wr.placeImage(f, p, im, opts, sum, ox, oy) })
	if im.Clip != im.Frame || im.Orientation >= 2 && im.Orientation <= 8 {
		pw.resetState() // the q/Q of the clip or the transformation restored the colours
	}
	return nil
}

// placeImage registers im with fpdf, unless it is already, and draws it,
// clipped to its clip, on the page at offset ox, oy.
func (wr *writer) placeImage(f *fpdf.Fpdf, p *layout.Page, im *layout.Image, opts fpdf.ImageOptions, sum [sha256.Size]byte, ox, oy float64) (err error) {
	defer func() { // fpdf panics on some broken image data
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: page %d: figure %s: %s: cannot embed the image: %v", p.Index, im.Block, im.Path, r)
		}
	}()
	key := hex.EncodeToString(sum[:12])
	name, ok := wr.imageName[key]
	if !ok {
		data, stream := im.Data, im.Stream
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
		f.ClipRect(clip.X+ox, clip.Y+oy, clip.W, clip.H, false)
	}
	drawOriented(f, name, opts, im.Frame, im.Orientation, ox, oy)
	if clipped {
		f.ClipEnd()
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
	var info *fpdf.ImageInfoType
	if ok { // a stub: another edition of the build may have had fpdf read one of it
		info = wr.cache.reuseJPEG(wr.f, name, sum, stub)
	}
	if info == nil {
		info = wr.f.RegisterImageOptionsReader(name, opts, bytes.NewReader(src))
		if err := wr.f.Error(); err != nil {
			return err
		}
		if ok {
			wr.cache.keepJPEG(sum, info)
		}
	}
	if opts.ImageType == "JPG" && !setImageID(info, jpegID(sum)) {
		return fmt.Errorf("pdf: fpdf's image record is not as the writer expects")
	}
	if ok {
		wr.stubs[string(stub)] = photo{data: part{b: data, stream: stream}, sum: sum}
	} else if opts.ImageType == "JPG" {
		wr.viaFpdf = append(wr.viaFpdf, photo{data: part{b: data}, sum: sum})
	}
	breakWidthTie(info, len(wr.imageName))
	return nil
}

// drawOriented paints image name so that it shows upright in frame,
// offset by ox, oy: the stored pixels are drawn around the frame's
// centre, turned and mirrored as the file's EXIF orientation says.
func drawOriented(f *fpdf.Fpdf, name string, opts fpdf.ImageOptions, frame layout.Rect, orientation int, ox, oy float64) {
	if orientation < 2 || orientation > 8 {
		f.ImageOptions(name, frame.X+ox, frame.Y+oy, frame.W, frame.H, false, opts, 0, "")
		return
	}
	o := orientations[orientation]
	cx, cy := frame.X+ox+frame.W/2, frame.Y+oy+frame.H/2
	w, h := frame.W, frame.H
	if o.turn == 90 || o.turn == -90 {
		w, h = h, w // the stored pixels are the frame turned a quarter
	}
	f.TransformBegin()
	if o.turn != 0 {
		f.TransformRotate(o.turn, cx, cy)
	}
	if o.mirror {
		f.TransformMirrorHorizontal(cx)
	}
	f.ImageOptions(name, cx-w/2, cy-h/2, w, h, false, opts, 0, "")
	f.TransformEnd()
}

// text draws a run as one TJ operator: the glyphs of the run's subset,
// the kerning between them, glyph scaling as Tz and letter spacing as Tc,
// each glyph where layout put it. The text state (font and size, Tz, Tc)
// is written only when it changes.
func (pw *pageWriter) text(p *layout.Page, t *layout.TextRun) error {
	df, ok := pw.wr.fonts[t.Font]
	if !ok {
		return fmt.Errorf("pdf: page %d: block %q: text %q uses font %q, which the document does not list", p.Index, t.Block, t.Text, t.Font)
	}
	if t.Text == "" {
		return nil
	}
	bx, by := pw.ox, pw.oy
	pw.setFill(t.Color)
	if t.Rotate != 0 {
		angle, x, y := t.Rotate, t.X+bx, t.Y+by
		pw.call(func(f *fpdf.Fpdf) {
			f.TransformBegin()
			f.TransformRotate(angle, x, y)
		})
		defer func() {
			pw.call((*fpdf.Fpdf).TransformEnd)
			pw.resetState()
		}()
	}
	b := append(pw.buf, "BT "...)
	// The font operator, "/DF1 9.5 Tf ", unless it is the current one:
	// the same when made from the same font and size.
	if len(pw.font) == 0 || df.res != pw.fontRes || t.Size != pw.fontSize {
		at := len(b)
		b = append(b, '/')
		b = append(b, df.res...)
		b = append(b, ' ')
		b = appendNum(b, t.Size)
		b = append(b, " Tf "...)
		if string(b[at:]) == string(pw.font) {
			b = b[:at]
		} else {
			pw.font = append(pw.font[:0], b[at:]...)
		}
		pw.fontRes, pw.fontSize = df.res, t.Size
	}
	// Tz scales Tc and the TJ adjustments as it scales the glyphs; layout
	// adds letter spacing and kerning unscaled.
	scale := t.ScaleOrOne()
	if tz := scale * 100; tz != pw.tz {
		b = strconv.AppendFloat(b, tz, 'f', 3, 64)
		b = append(b, " Tz "...)
		pw.tz = tz
	}
	if tc := t.Tracking / scale; tc != pw.tc {
		b = strconv.AppendFloat(b, tc, 'f', 4, 64)
		b = append(b, " Tc "...)
		pw.tc = tc
	}
	b = appendNum(b, t.X+bx)
	b = append(b, ' ')
	b = appendNum(b, pw.wr.pageH-(t.Y+by))
	b = append(b, " Td [<"...)
	cids := df.emb.cids
	i := 0
	for _, r := range t.Text {
		if i > 0 && i < len(t.Kern) && t.Kern[i] != 0 {
			b = append(b, "> "...)
			b = appendNum(b, -t.Kern[i]/scale)
			b = append(b, " <"...)
		}
		if uint(r) < uint(len(cids)) {
			b = append(b, cids[r][:]...)
		} else {
			b = appendCID(b, df.emb.glyph[r])
		}
		i++
	}
	pw.buf = append(b, ">] TJ ET\n"...)
	return nil
}

const hexDigits = "0123456789ABCDEF"

// appendCID appends glyph g as four hex digits, as TJ shows it.
func appendCID(b []byte, g uint16) []byte {
	return append(b, hexDigits[g>>12], hexDigits[g>>8&15], hexDigits[g>>4&15], hexDigits[g&15])
}

// resetState forgets the colours and text state set, after a Q has
// restored what they were before its q.
func (pw *pageWriter) resetState() {
	pw.fill.op, pw.stroke.op = pw.fill.op[:0], pw.stroke.op[:0]
	pw.font, pw.tz, pw.tc = pw.font[:0], -1, math.NaN()
}

// newPageState sets the state a page starts with: no colour or font set,
// no glyph scaling or letter spacing.
func (pw *pageWriter) newPageState() {
	pw.fill.op, pw.stroke.op = pw.fill.op[:0], pw.stroke.op[:0]
	pw.font, pw.tz, pw.tc = pw.font[:0], 100, 0
}

// cropMarks draws the eight crop marks of a trim box (x0, y0)–(x1, y1)
// in media coordinates, on the extensions of its edges, outside the
// bleed.
func (pw *pageWriter) cropMarks(x0, y0, x1, y1 float64) {
	start := pw.wr.doc.Bleed + markGap
	end := start + markLength
	pw.setStroke(pw.wr.registrationColor())
	pw.call(func(f *fpdf.Fpdf) {
		f.SetLineWidth(markWidth)
		for _, x := range []float64{x0, x1} {
			f.Line(x, y0-start, x, y0-end)
			f.Line(x, y1+start, x, y1+end)
		}
		for _, y := range []float64{y0, y1} {
			f.Line(x0-start, y, x0-end, y)
			f.Line(x1+start, y, x1+end, y)
		}
	})
}
