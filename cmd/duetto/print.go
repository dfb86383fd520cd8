package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/images"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/internal/preflight"
	"github.com/duetto-press/duetto/layout"
)

// This file holds what `duetto build` does for print production beyond
// writing the pages: the PDF/X settings of an edition (`[print]`), the
// imposed file of `--impose`, and the reproducible date.

// pdfxFor works out the PDF/X settings of an edition from the
// publication's [print] table, and the findings about them. With
// pdfx = "auto" (the default) the edition is PDF/X-1a:2003 when its
// content allows it; when it does not, it is written as plain PDF and a
// single warning says why. With a level asked for by name, content it
// does not allow is an error.
func pdfxFor(pub *content.Publication, doc *layout.Document) (pdf.PDFX, []preflight.Finding, error) {
	pr := pub.Print
	var version string
	switch pr.PDFX {
	case content.PDFXNone:
		return pdf.PDFX{}, nil, nil
	case content.PDFXAuto, "":
		version = pdf.PDFX1a2003
	case content.PDFX1a2003:
		version = pdf.PDFX1a2003
	case content.PDFX4:
		version = pdf.PDFX4
	default:
		return pdf.PDFX{}, nil, fmt.Errorf("[print] pdfx %q is not a level duetto writes", pr.PDFX)
	}
	x := pdf.PDFX{Version: version, OutputCondition: pr.OutputCondition, OutputInfo: pr.OutputInfo}
	if pr.Registered {
		x.RegistryName = pdf.RegistryName
	}
	if pr.ICCProfile != "" {
		data, err := fs.ReadFile(pub.FS, pr.ICCProfile)
		if err != nil {
			return pdf.PDFX{}, nil, fmt.Errorf("[print] icc-profile: %w", err)
		}
		if err := content.CheckICCProfile(data); err != nil {
			return pdf.PDFX{}, nil, fmt.Errorf("[print] icc-profile %s: %w", pr.ICCProfile, err)
		}
		x.Profile = data
	}
	findings := preflight.CheckPDFX(doc, version)
	if len(findings) == 0 {
		return x, nil, nil
	}
	if pr.PDFX != content.PDFXAuto && pr.PDFX != "" {
		return x, findings, nil
	}
	first := findings[0]
	note := preflight.Finding{
		Severity: preflight.Warning, Page: first.Page, Element: first.Element, Check: "pdfx",
		Message: fmt.Sprintf("written as plain PDF, not %s: %d %s not in CMYK or grey, which %s requires (convert %s, or set rgb-images = \"convert\" or pdfx = \"none\" in [print])",
			version, len(findings), plural(len(findings), "photo is", "photos are"), version, plural(len(findings), "it", "them")),
	}
	return pdf.PDFX{}, []preflight.Finding{note}, nil
}

// convertQuality is the JPEG quality of the photos rgb-images = "convert"
// separates into CMYK.
const convertQuality = 90

// separator separates the RGB photos of a build into CMYK when [print]
// rgb-images = "convert". It converts each photo once per build, however
// many editions show it; the editions, laid out concurrently, share it.
// It lives as long as the build, no longer.
type separator struct {
	convert bool
	mu      sync.Mutex
	done    map[[sha256.Size]byte][]byte // the photo's data as given → as embedded
}

func newSeparator(pub *content.Publication) *separator {
	return &separator{convert: pub.Print.RGBImages == content.RGBImagesConvert, done: map[[sha256.Size]byte][]byte{}}
}

// separate gives every RGB photo of doc, in place, the data of its
// separation into CMYK (images.ConvertToCMYK), before preflight and the
// writer see it; CMYK and grey photos stay as they are.
func (s *separator) separate(doc *layout.Document) error {
	if !s.convert {
		return nil
	}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			im, ok := it.(*layout.Image)
			if !ok || im.Data == nil && im.Stream == nil {
				continue
			}
			if info, err := im.Info(); err == nil && info.ColorSpace != "rgb" {
				continue // kept as it is: no need to read a photo held on disk
			}
			data, err := s.cmyk(im.Path, im.Sum(), im.Bytes)
			if err != nil {
				return fmt.Errorf("page %d: figure %s: [print] rgb-images = %q: %w", p.Index, im.Block, content.RGBImagesConvert, err)
			}
			im.Data, im.Stream = data, nil
		}
	}
	return nil
}

// cmyk returns the CMYK separation of an RGB photo, and any other photo
// as it is; key is the SHA-256 of the photo's bytes, which load reads
// only when no edition has separated the photo yet (a photo held on disk
// is read once, not once per edition).
func (s *separator) cmyk(name string, key [sha256.Size]byte, load func() ([]byte, error)) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if out, ok := s.done[key]; ok {
		return out, nil
	}
	data, err := load()
	if err != nil {
		return nil, err
	}
	info, err := images.Inspect(name, data)
	if err != nil {
		return nil, err
	}
	out := data
	if info.ColorSpace == "rgb" {
		if out, err = images.ConvertToCMYK(name, data, convertQuality); err != nil {
			return nil, err
		}
	}
	s.done[key] = out
	return out, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// imposedName is the file name of an edition's printer spreads:
// turin.pdf → turin-imposed.pdf.
func imposedName(name string) string {
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "-imposed" + ext
}

// impose writes the printer spreads of an edition: a saddle-stitched
// booklet's sheets, front and back, with the publication's creep; cache
// is the build's writer cache (nil for none).
func impose(pub *content.Publication, doc *layout.Document, x pdf.PDFX, cache *pdf.Cache) (*pdf.File, error) {
	if n := len(doc.Pages); n%4 != 0 {
		return nil, usageError{fmt.Errorf("--impose makes the sheets of a saddle-stitched booklet, which needs 4n pages; this edition has %d (set binding = \"saddle\" in [publication])", n)}
	}
	sheets := len(doc.Pages) / 4
	if shift := pub.Print.Creep * float64(sheets-1); shift > doc.Bleed+1e-9 {
		return nil, fmt.Errorf("[print] creep: %.2f mm per sheet moves the pages of the innermost of %d sheets %.2f mm, more than the %.2f mm bleed", pub.Print.Creep*25.4/72, sheets, shift*25.4/72, doc.Bleed*25.4/72)
	}
	f, err := pdf.Render(doc, pdf.Options{PDFX: x, Saddle: true, Creep: pub.Print.Creep, Registration: pub.Page.Registration, ColorBar: pub.Page.ColorBar, Cache: cache})
	if err != nil {
		return nil, fmt.Errorf("writing the imposed PDF: %w", err)
	}
	return f, nil
}

// applySourceDate gives a publication without `date` the date of the
// SOURCE_DATE_EPOCH environment variable (reproducible-builds.org), or
// 1970-01-01 without it, so that the PDF never carries the clock's time.
func applySourceDate(pub *content.Publication, getenv func(string) string) error {
	if !pub.Meta.Date.IsZero() {
		return nil
	}
	pub.Meta.Date = time.Unix(0, 0).UTC()
	s := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH"))
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 253402300799 { // up to 9999-12-31
		return fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	pub.Meta.Date = time.Unix(n, 0).UTC()
	return nil
}
