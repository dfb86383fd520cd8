// Package content reads a duetto publication — TOML files describing a
// bilingual Italian/English publication — into a validated model.
//
// Every value of the model remembers where it was written, so that errors
// found here or by later stages (layout, fonts, images) point at the file,
// line and column to fix. The schema is documented in docs/schema.md.
package content

import (
	"io/fs"
	"time"
)

// Publication is a validated publication.
type Publication struct {
	// FS holds the publication's files; every path in the model is a
	// slash-separated path inside FS.
	FS   fs.FS
	Root string // path of the root file inside FS
	// Dir is the folder on disk that FS reads, "" for an embedded
	// publication.
	Dir string

	Meta      Meta
	Languages [2]string // left and right column languages, e.g. {"it", "en"}
	// Hyphenation holds the publication's own hyphenation exceptions, by
	// language: words with their allowed breaks marked by '-'
	// ("Euro-pean"), as TeX's \hyphenation. They replace what the
	// patterns say for that word; a word listed without hyphens is never
	// hyphenated.
	Hyphenation map[string]Exceptions
	Page        PageSetup
	Print       Print // [print]: PDF/X, output intent, creep
	Fonts       map[string]*FontFamily
	Colors      map[string]Color
	Styles      map[string]*Style
	Cover       *Cover // nil when the publication has no cover page
	Back        *Back  // nil when the publication has no back page
	Sections    []*Section
	Files       []string // every source file read, root first
}

// Exceptions is one language's list of hyphenation exceptions.
type Exceptions struct {
	Words []string
	Pos   Pos // of the list in the source
}

// Meta is the publication's metadata.
type Meta struct {
	Title    Pair
	Subject  Pair
	Author   string
	Keywords []string
	Date     time.Time
	Output   string // default output file name
	// OutputScreen is the file name of the screen edition (RGB, no bleed,
	// no marks); when it is set, a build writes that edition too. "" when
	// the publication asks for none.
	OutputScreen string
	Pages        int // exact page count, 0 when free
	// Saddle is set for a saddle-stitched booklet (binding = "saddle"):
	// its page count must be a multiple of 4.
	Saddle bool
}

// PageSetup is the page geometry, in points.
type PageSetup struct {
	Width, Height float64 // trim size
	Bleed         float64
	Top, Bottom   float64 // margins
	Inner, Outer  float64
	Gutter        float64
	Folio         Folio
	// Marks asks for crop marks outside the bleed (print editions).
	Marks bool
	// Registration asks for registration targets centred on each edge,
	// and ColorBar for a bar of ink patches, in the mark area (with
	// Marks, in print editions).
	Registration, ColorBar bool
}

// Folio says how page numbers are set.
type Folio struct {
	Style    string
	Position string  // "outer" or "center"
	Baseline float64 // above the trim's bottom edge
	Skip     []int   // physical pages without a folio
}

// Face names one of the four faces of a font family.
type Face string

// The faces of a font family.
const (
	Regular    Face = "regular"
	Bold       Face = "bold"
	Italic     Face = "italic"
	BoldItalic Face = "bold-italic"
)

// FontFamily maps faces to font sources.
type FontFamily struct {
	Name  string
	Faces map[Face]FontSource
}

// FontSource is a font file inside the publication's FS, or a built-in
// face ("builtin:LiberationSans-Regular").
type FontSource struct {
	Path    string // path inside FS; "" for a built-in face
	Builtin string // name of a built-in face; "" for a file
	Pos     Pos
}

// Color is a CMYK colour, each component 0..1, or a spot ink with its
// CMYK fallback, with the RGB colour the screen editions show it in when
// the publication gives one.
type Color struct {
	// C, M, Y, K are the process inks, with the tint applied: for a spot
	// colour, its fallback (the `cmyk` of the solid ink) at its tint.
	C, M, Y, K float64
	// Spot is the name of the spot ink ("PANTONE 2945 C"), "" for a
	// process colour.
	Spot string
	// Tint is a spot colour's tint, 0..1 (1 for the solid ink); 0 for a
	// process colour, whose `tint` is applied to its inks.
	Tint float64
	// RGB is the colour on screen, 0..255 per channel, when HasRGB is
	// set; without it a screen edition derives one from the inks
	// (images.CMYKToRGB).
	RGB    [3]uint8
	HasRGB bool
	Pos    Pos
}

// Align is a paragraph alignment.
type Align string

// Alignments.
const (
	Justify Align = "justify"
	Left    Align = "left"
	Right   Align = "right"
	Center  Align = "center"
)

// Style is a paragraph or character style, fully resolved (no inheritance).
type Style struct {
	Name        string
	Font        string // family name in Publication.Fonts
	Face        Face
	Size        float64
	Leading     float64
	Align       Align
	Color       string // name in Publication.Colors
	SpaceBefore float64
	SpaceAfter  float64
	Indent      float64
	Uppercase   bool
	Hyphenate   bool
	Pos         Pos
	// Set records which keys the source set, so a character style
	// changes only those.
	Set map[string]bool
	// KeyPos is where each key in Set is written, for messages.
	KeyPos map[string]Pos
}

// Pair is a text in both languages, or one shared text.
type Pair struct {
	It, En string
	Shared bool // It == En and was written once as `shared`
	Pos    Pos
	// ItPos and EnPos are where each text is written (both where
	// `shared` is), for messages about the text itself.
	ItPos, EnPos Pos
}

// Inputs lists every file the publication reads, as paths inside FS: its
// TOML files, fonts and images.
func (p *Publication) Inputs() []string {
	return append(append([]string{}, p.Files...), p.ResourceFiles()...)
}

// ResourceFiles lists the files the publication reads besides its TOML
// files, as paths inside FS: font files, the output profile and images.
func (p *Publication) ResourceFiles() []string {
	var out []string
	for _, fam := range p.Fonts {
		for _, src := range fam.Faces {
			if src.Path != "" {
				out = append(out, src.Path)
			}
		}
	}
	if p.Print.ICCProfile != "" {
		out = append(out, p.Print.ICCProfile)
	}
	if p.Cover != nil && p.Cover.Image != "" {
		out = append(out, p.Cover.Image)
	}
	for _, s := range p.Sections {
		for _, b := range s.Blocks {
			if b.Figure != nil && b.Figure.File != "" {
				out = append(out, b.Figure.File)
			}
		}
	}
	return out
}

// In returns the text in lang ("it" or "en").
func (p Pair) In(lang string) string {
	if lang == "en" {
		return p.En
	}
	return p.It
}

// PosIn is where the text in lang is written (its `it`, `en` or `shared`
// key), or where the pair is when that is not known.
func (p Pair) PosIn(lang string) Pos {
	at := p.ItPos
	if lang == "en" {
		at = p.EnPos
	}
	if at.Line == 0 {
		return p.Pos
	}
	return at
}

// IsZero reports whether the pair holds no text.
func (p Pair) IsZero() bool { return p.It == "" && p.En == "" }

// Point is a position on the page given in the source, in points from the
// trim's top-left corner.
type Point struct{ X, Y float64 }

// Cover is the first page.
type Cover struct {
	Background string // colour name, "" for none
	Image      string // path in FS, "" for none
	ImageFrame struct{ X, Y, W, H float64 }
	Title      Pair // line breaks kept
	TitleAt    Point
	TitleStyle [2]string // styles of the title in the left and right languages' order: it, en
	EdgeText   string
	EdgeStyle  string
	Pos        Pos
}

// Back is the last page.
type Back struct {
	Background string
	Lines      []string
	Style      string
	At         Point
	Pos        Pos
}

// Start says where a section opens.
type Start struct {
	Kind StartKind
	Page int // for StartPage: the physical page number
}

// StartKind is the kind of page a section opens on.
type StartKind uint8

// Section start rules.
const (
	StartNewPage   StartKind = iota // the next page
	StartRightPage                  // the next right-hand (odd) page
	StartPage                       // a given physical page
)

// Section is a heading pair and its blocks.
type Section struct {
	ID      string
	Start   Start
	Heading Pair
	Style   string // heading style
	Blocks  []*Block
	Pos     Pos
}

// BlockKind is the kind of a block.
type BlockKind uint8

// Kinds of blocks.
const (
	KindPair BlockKind = iota
	KindHeading
	KindQuote
	KindList
	KindFigure
)

// Block is one element of a section's flow.
type Block struct {
	Kind  BlockKind
	ID    string // unique; generated ("section-id#n") when the source gives none
	Style string
	Pos   Pos

	Text   Pair   // KindPair, KindHeading
	Lead   Pair   // KindQuote
	Source *Pair  // KindQuote, optional
	Marker string // KindList
	Items  []Item // KindQuote, KindList
	Figure *Figure
}

// Item is an entry of a list or a quote.
type Item struct {
	Label string // "a)"; "" for list items (the list's marker is used)
	Text  Pair
	Pos   Pos
}

// Placement is where a figure goes.
type Placement string

// Figure placements.
const (
	PlaceColumn Placement = "column"
	PlaceSpan   Placement = "span"
	PlaceRow    Placement = "row"
	PlacePage   Placement = "page"
	PlacePinned Placement = "pinned"
	PlaceCenter Placement = "center" // across the gutter: both columns wrap around it
)

// Fit is how an image fills its frame.
type Fit string

// Fits.
const (
	FitCover   Fit = "cover"
	FitContain Fit = "contain"
)

// Length is a length that may be relative to the space it lives in.
type Length struct {
	Value   float64 // points, or a percentage when Percent
	Percent bool
}

// Resolve returns the length in points, given the space it is relative to.
func (l Length) Resolve(space float64) float64 {
	if l.Percent {
		return space * l.Value / 100
	}
	return l.Value
}

// Figure is a photograph with its caption.
type Figure struct {
	File      string // path in FS
	FilePos   Pos    // where `file` is written
	Placement Placement
	Column    string // PlaceColumn: language of the column holding it
	Align     string // PlaceColumn: "left" or "right"
	Width     Length
	Height    float64
	Fit       Fit
	Anchor    string // block id, "" for none
	Page      int    // PlacePage, PlacePinned
	Caption   *Pair
	Credit    *Pair
}
