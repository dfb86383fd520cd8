package layout

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/duetto-press/duetto/images"
)

// This file defines the display list: the complete, positioned output of
// layout and the only input of the PDF writer. Tests inspect it directly.
//
// Coordinates are in PostScript points (1/72 in). The origin is the top-left
// corner of the trim box (the finished page) and y grows downwards, the way
// the layout fills a page. Items in the bleed have negative coordinates or
// coordinates beyond the trim size. Text positions are baselines.

// Document is a laid-out edition: its pages and what the writer needs to
// render them.
type Document struct {
	Meta  Meta
	Trim  Size    // the finished page
	Bleed float64 // bleed on every side of the trim box
	// Marks asks the writer for crop marks outside the bleed; the page
	// then grows by MarkArea on every side.
	Marks bool
	Fonts []Font // every font used by a TextRun, in first-use order
	Pages []Page
	// Outline is the document's bookmarks, in order: one per section, in
	// the edition's language(s).
	Outline []Bookmark
	// Report holds the typographic figures of the layout; it is not drawn.
	Report Report
}

// Bookmark is an entry of the document outline.
type Bookmark struct {
	Title string
	Page  int     // 1-based physical page
	Y     float64 // top of the target on the page
	Level int     // 0 for sections
}

// Meta is the document information written into the PDF.
type Meta struct {
	Title    string
	Author   string
	Subject  string
	Keywords []string
	Lang     string // BCP 47 tag of the edition, e.g. "it", "en" or "it-IT"
	// Date is the creation and modification date, as Unix seconds (UTC).
	// It comes from the source, never from the clock, so output is
	// reproducible.
	Date int64
}

// MarkArea is the room for crop marks outside the bleed, on every side.
const MarkArea = 8 * 72 / 25.4

// Size is a width and a height in points.
type Size struct{ W, H float64 }

// Rect is an axis-aligned rectangle in points: top-left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Font is a font face referenced by text runs.
type Font struct {
	Key  string // unique key used by TextRun.Font
	Name string // PostScript name, for messages
	Data []byte // TrueType file, embedded and subset by the writer; shared by the documents of one Resources: read-only
}

// Color is a colour of the page: process inks in DeviceCMYK, each
// component 0..1, or a spot ink. A spot colour's C, M, Y, K are its
// process fallback at its tint (what a proof or a CMYK-only device shows,
// and what the ink limit counts); the writer paints it in a Separation
// colour space named Spot.
type Color struct {
	C, M, Y, K float64
	// Spot is the name of the spot ink ("PANTONE 2945 C"), "" for a
	// process colour.
	Spot string
	// Tint is the spot ink's tint, 0..1 (1 for the solid ink); unused
	// for process colours.
	Tint float64
}

// String formats c for messages and page digests: "{c m y k}" as %v
// prints four numbers (so process colours digest as they always have),
// followed for a spot colour by its name and tint.
func (c Color) String() string {
	if c.Spot == "" {
		return fmt.Sprintf("{%v %v %v %v}", c.C, c.M, c.Y, c.K)
	}
	return fmt.Sprintf("{%v %v %v %v spot %q %v}", c.C, c.M, c.Y, c.K, c.Spot, c.Tint)
}

// Black is 100 % K, the colour of body text in print.
var Black = Color{K: 1}

// Page is one physical page of the document.
type Page struct {
	Index int    // 1-based physical page number
	Folio string // printed page number, "" when none is shown
	Items []Item // painted in order
}

// Item is a positioned element of a page: *TextRun, *Image, *Rule or *Fill.
type Item interface {
	// Bounds is the area the item paints, in page coordinates.
	Bounds() Rect
}

// TextRun is a piece of text set in one font, size and colour, drawn from
// its baseline origin (X, Y). Glyphs follow each other by their advance
// widths (times Scale) plus Kern plus Tracking; the writer draws exactly
// these positions.
type TextRun struct {
	X, Y  float64
	Font  string // Font.Key
	Size  float64
	Color Color
	Text  string
	// Kern holds, for each rune of Text, the adjustment in thousandths of
	// an em added to the advance of the preceding rune (negative: closer).
	// It is nil when no pair is kerned. Kern[0] is always 0.
	Kern []float64
	// Scale is the horizontal scaling of the glyphs, 1 (or 0) as drawn by
	// the font; a justified line may scale its glyphs by a few per cent.
	// Advances scale with it; Kern does not (it holds kerning already
	// scaled).
	Scale float64
	// Tracking is letter spacing: points added between every two glyphs
	// of the run (not after the last). Justified lines use a little.
	Tracking float64
	// Width is the advance width of the run, kerning included, in points.
	Width float64
	// Ascent and Descent (positive, in points) bound the glyphs vertically.
	Ascent, Descent float64
	// Rotate is the counter-clockwise rotation in degrees around (X, Y);
	// 0 or 90 (text set up the page edge).
	Rotate float64

	Lang   string // language of the text: "it", "en"
	Block  string // id of the source block, "" for furniture
	Role   Role   // what the text is, for tests and reports
	Hyphen bool   // Text ends with a hyphen added by line breaking
	// WordBreak is set when the line breaks inside a word after this run
	// (with or without an added hyphen): the word goes on in the first run
	// of the next line.
	WordBreak bool
}

// Role says what a text run is part of.
type Role uint8

// Roles of text runs.
const (
	RoleBody    Role = iota // running text of a paragraph, quote or list
	RoleHeading             // section heading
	RoleCaption             // figure caption
	RoleCredit              // figure credit
	RoleFolio               // page number
	RoleCover               // cover and back-cover text
)

// Image is a picture painted into Frame and clipped to Clip.
type Image struct {
	Path string // the file, in the publication's file system (already validated)
	// Data is the file's bytes, or nil when the photo is read from its
	// file when the PDF is written (Stream): a publication with many
	// photos does not hold them all in memory.
	Data []byte
	// Stream, when Data is nil, is where the file is read from.
	Stream *Stream
	Frame  Rect   // where the whole image is painted (may exceed Clip)
	Clip   Rect   // visible part
	Block  string // id of the figure block
	// Orientation is the EXIF orientation of the file (1–8; 0 or 1: as
	// stored): the writer turns and mirrors the stored pixels so that the
	// picture shows upright in Frame.
	Orientation int

	// sum is the SHA-256 of the file when sumOf is the first byte of Data
	// (or Data is nil and Stream is set): computed once per build for
	// every edition (see Sum); info, likewise, what images.Inspect reads
	// from it (see Info).
	sum   [sha256.Size]byte
	sumOf *byte
	info  images.Info
}

// Stream is a photo read from its file when the PDF is written. The
// resources read it once, to hash and inspect it, and keep only its
// headers, size and modification time.
type Stream struct {
	FS   fs.FS
	Path string
	// Head is the file's first bytes: for a JPEG its headers, up to and
	// including the length of its first scan header (images.Info.HeaderLen).
	Head    []byte
	Size    int64
	ModTime time.Time
}

// Open opens the file, and fails if it is no longer the file the
// resources read (another size or modification time).
func (s *Stream) Open() (fs.File, error) {
	f, err := s.FS.Open(s.Path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && (st.Size() != s.Size || !st.ModTime().Equal(s.ModTime)) {
		err = fmt.Errorf("%s changed during the build; build again", s.Path)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadAll reads the whole file, as Open checks it.
func (s *Stream) ReadAll() ([]byte, error) {
	f, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, s.Size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	return data, nil
}

// Bytes returns the image file's bytes: Data, or the file read.
func (im *Image) Bytes() ([]byte, error) {
	if im.Data == nil && im.Stream != nil {
		return im.Stream.ReadAll()
	}
	return im.Data, nil
}

// fromResources reports whether the image's sum and info are the
// resources' own: its data has not been replaced since.
func (im *Image) fromResources() bool {
	if im.Data == nil {
		return im.Stream != nil
	}
	return im.sumOf != nil && len(im.Data) > 0 && &im.Data[0] == im.sumOf
}

// Info returns what images.Inspect reads from the image's file: from the
// resources, where it was read once for all the editions of a build, or
// anew when Data has been replaced since.
func (im *Image) Info() (images.Info, error) {
	if im.fromResources() {
		return im.info, nil
	}
	return images.Inspect(im.Path, im.Data)
}

// Sum returns the SHA-256 of the image's file. Layout hands it over from
// the resources, computed once for all the editions of a build; when Data
// has been replaced since (a photo separated into CMYK), it is computed
// anew. Data is never changed in place.
func (im *Image) Sum() [sha256.Size]byte {
	if im.fromResources() {
		return im.sum
	}
	return sha256.Sum256(im.Data)
}

// firstByte is the address of b's first byte, nil for an empty b.
func firstByte(b []byte) *byte {
	if len(b) == 0 {
		return nil
	}
	return &b[0]
}

// Rule is a straight line.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64 // stroke width in points
	Color          Color
}

// Fill is a filled rectangle (colour areas, backgrounds).
type Fill struct {
	Rect  Rect
	Color Color
}

// ScaleOrOne is the run's horizontal scaling, 1 when Scale is not set.
func (t *TextRun) ScaleOrOne() float64 {
	if t.Scale == 0 {
		return 1
	}
	return t.Scale
}

// Bounds implements Item.
func (t *TextRun) Bounds() Rect {
	if t.Rotate == 90 {
		return Rect{X: t.X - t.Ascent, Y: t.Y - t.Width, W: t.Ascent + t.Descent, H: t.Width}
	}
	return Rect{X: t.X, Y: t.Y - t.Ascent, W: t.Width, H: t.Ascent + t.Descent}
}

// Bounds implements Item.
func (im *Image) Bounds() Rect { return im.Clip }

// Bounds implements Item.
func (r *Rule) Bounds() Rect {
	x, y := min(r.X1, r.X2), min(r.Y1, r.Y2)
	h := r.Width / 2
	return Rect{X: x - h, Y: y - h, W: max(r.X1, r.X2) - x + r.Width, H: max(r.Y1, r.Y2) - y + r.Width}
}

// Bounds implements Item.
func (f *Fill) Bounds() Rect { return f.Rect }
