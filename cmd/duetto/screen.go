package main

import (
	"crypto/sha256"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/images"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/internal/preflight"
	"github.com/duetto-press/duetto/layout"
)

// This file holds the screen edition of `duetto build --screen` (and of
// [publication] output-screen): the same pages as the print edition, cut
// to the trim, without marks or PDF/X, in RGB, with photos of screen
// resolution.

// Screen photos: at most screenPPI at their printed size, written by
// image/jpeg at screenQuality.
const (
	screenPPI     = 150
	screenQuality = 85
)

// screenName is the file name of an edition's screen variant:
// turin.pdf → turin-screen.pdf.
func screenName(name string) string {
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "-screen" + ext
}

// screener makes the screen editions of a build. It converts each photo
// once per size, however many editions show it, several photos at a
// time; the editions, laid out concurrently, share it. It lives as long
// as the build, no longer.
type screener struct {
	rgb  map[layout.Color]pdf.RGB // the colours the publication gives an rgb
	spot map[string]pdf.RGB       // the rgb of solid spot inks, by ink
	mu   sync.Mutex
	done map[screenPhoto]*converted
}

// screenPhoto is a photo's data at a size.
type screenPhoto struct {
	sum        [sha256.Size]byte
	maxW, maxH int
}

// converted is a photo converted for the screen, once.
type converted struct {
	once sync.Once
	data []byte
	err  error
}

// newScreener reads the screen colours of the publication's [colors]:
// the rgb of each colour that has one, by its inks. Two colours with the
// same inks and different rgb are an error: the pages know only the inks.
func newScreener(pub *content.Publication) (*screener, error) {
	s := &screener{rgb: map[layout.Color]pdf.RGB{}, spot: map[string]pdf.RGB{}, done: map[screenPhoto]*converted{}}
	names := make([]string, 0, len(pub.Colors))
	for name := range pub.Colors {
		names = append(names, name)
	}
	sort.Strings(names)
	by := map[layout.Color]string{}
	for _, name := range names {
		c := pub.Colors[name]
		if !c.HasRGB {
			continue
		}
		key := layout.Color{C: c.C, M: c.M, Y: c.Y, K: c.K, Spot: c.Spot, Tint: c.Tint}
		v := pdf.RGB{R: c.RGB[0], G: c.RGB[1], B: c.RGB[2]}
		if c.Spot != "" && c.Tint == 1 {
			s.spot[c.Spot] = v
		}
		if old, ok := s.rgb[key]; ok && old != v {
			return nil, fmt.Errorf("%s: colours %q and %q have the same cmyk and different rgb: the screen edition cannot tell them apart", c.Pos, by[key], name)
		}
		s.rgb[key], by[key] = v, name
	}
	return s, nil
}

// color is the screen colour of c: the rgb the publication gives its
// inks; for a tint of a spot ink without one, the rgb of the solid ink
// mixed with white; else images.CMYKToRGB of the inks.
func (s *screener) color(c layout.Color) pdf.RGB {
	if v, ok := s.rgb[c]; ok {
		return v
	}
	if v, ok := s.spot[c.Spot]; ok && c.Spot != "" {
		mix := func(ch uint8) uint8 { return uint8(math.Round(255 - c.Tint*(255-float64(ch)))) }
		return pdf.RGB{R: mix(v.R), G: mix(v.G), B: mix(v.B)}
	}
	b := func(v float64) uint8 { return uint8(math.Round(math.Max(0, math.Min(1, v)) * 255)) }
	v := images.CMYKToRGB(b(c.C), b(c.M), b(c.Y), b(c.K))
	return pdf.RGB{R: v.R, G: v.G, B: v.B}
}

// edition returns the screen edition of doc, which it leaves as it is:
// the same pages without bleed or marks, each photo made RGB and of
// screen resolution (images.ConvertForScreen). Call it before anything
// changes doc's photos for print, so that an RGB photo that print
// separates into CMYK reaches the screen as it was.
func (s *screener) edition(doc *layout.Document) (*layout.Document, error) {
	sd := *doc
	sd.Bleed, sd.Marks = 0, false
	sd.Pages = make([]layout.Page, len(doc.Pages))
	type job struct {
		page int
		im   *layout.Image // the copy, whose Data the job replaces
		err  error
	}
	var jobs []*job
	for i, p := range doc.Pages {
		items := make([]layout.Item, len(p.Items))
		for j, it := range p.Items {
			items[j] = it
			if im, ok := it.(*layout.Image); ok && (im.Data != nil || im.Stream != nil) {
				c := *im
				items[j] = &c
				jobs = append(jobs, &job{page: p.Index, im: &c})
			}
		}
		p.Items = items
		sd.Pages[i] = p
	}
	// Decoding dominates: convert the photos on every processor.
	next := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				j.im.Data, j.err = s.photo(j.im)
				j.im.Stream = nil // the converted photo is in Data
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	for _, j := range jobs { // the first error in page order
		if j.err != nil {
			return nil, fmt.Errorf("page %d: figure %s: screen edition: %w", j.page, j.im.Block, j.err)
		}
	}
	return &sd, nil
}

// photo converts the photo of im for the screen, at most screenPPI at
// the size of its frame.
func (s *screener) photo(im *layout.Image) ([]byte, error) {
	px := func(pt float64) int { return max(1, int(math.Ceil(pt/72*screenPPI))) }
	key := screenPhoto{im.Sum(), px(im.Frame.W), px(im.Frame.H)}
	s.mu.Lock()
	c, ok := s.done[key]
	if !ok {
		c = &converted{}
		s.done[key] = c
	}
	s.mu.Unlock()
	c.once.Do(func() {
		data, err := im.Bytes()
		if err != nil {
			c.err = err
			return
		}
		c.data, c.err = images.ConvertForScreen(im.Path, data, key.maxW, key.maxH, screenQuality)
	})
	return c.data, c.err
}

// writeScreen preflights the screen edition sd (preflight.ScreenLimits:
// it is not printed) and writes its PDF: DeviceRGB colours, no PDF/X.
// Its warnings are dropped: they are the print edition's too.
// cache is the build's writer cache (nil for none).
func writeScreen(name string, sd *layout.Document, s *screener, cache *pdf.Cache) (*pdf.File, error) {
	if findings := preflight.Check(sd, preflight.ScreenLimits()); preflight.Errors(findings) {
		return nil, preflightError{name, findings}
	}
	f, err := pdf.Render(sd, pdf.Options{RGB: s.color, Cache: cache})
	if err != nil {
		return nil, fmt.Errorf("writing the screen PDF: %w", err)
	}
	return f, nil
}
