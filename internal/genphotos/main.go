// Command genphotos draws the placeholder photographs of the Turin
// brochure. The original photos are not available, so each placeholder
// is a simple illustrated scene of its subject with its caption set large
// on it and a note that it is a placeholder.
//
// Each picture has the proportions of its frame in the brochure, so that
// fitting it crops nothing, and at least 300 pixels per inch there. It is
// drawn in RGB, separated into CMYK with images.RGBToCMYK and written as
// a CMYK JPEG with images.EncodeCMYK, so that the brochure can be a
// PDF/X-1a file. The output is byte-identical on every run on the same
// architecture: fixed sizes, no randomness, quality 75.
//
//	go run ./internal/genphotos -o examples/turin/images
//	go run ./internal/genphotos -set vetreria   # the glass museum leaflet
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/duetto-press/duetto/images"
)

// photo is one placeholder.
type photo struct {
	file           string
	w, h           int     // pixels
	frameW, frameH float64 // the frame it fills in the brochure, mm
	draw           scene
	caption        []string // Italian, English; or one shared line
}

// Frames of the brochure (examples/turin), in millimetres: a column is
// (170 − 9) / 2 = 80.5 mm wide, the text area 170 mm.
const (
	column   = 80.5 * 0.38       // "column" figures, 38% of a column
	rowThird = (170 - 2*9) / 3.0 // three "row" figures of 32%, shrunk to fit
	rowHalf  = (170 - 9) / 2.0   // two "row" figures of 49%, shrunk to fit
	span     = 170 * 0.8         // "span" figures, 80% of the text area
	full     = 170.0             // "span" figures across the whole text area
)

// photos lists the brochure's photographs.
func photos() []photo {
	return []photo{
		{"cover.jpg", 2600, 2000, 216, 168, skyline, []string{"Torino", "Turin"}},
		{"olympics-2006.jpg", 1000, 1420, rowThird, 72, winterGames, []string{"2006 - Giochi olimpici invernali di Torino", "2006 – Turin Olympic winter games"}},
		{"paniere-products.jpg", 1000, 1420, rowThird, 72, paniere, []string{"Prodotti tipici del “Paniere” del territorio metropolitano", "Typical products of the metropolitan area “Basket”"}},
		{"students.jpg", 1000, 1420, rowThird, 72, porticoes, []string{"Giovani studenti in Torino", "Young students in Turin"}},
		{"venaria.jpg", 1640, 1030, span, 85, palace, []string{"La reggia di Venaria", "The royal palace of Venaria"}},
		{"apple-harvest.jpg", 2040, 1320, full, 110, orchard, []string{"Raccolta delle mele", "Apple harvest"}},
		{"urban-rural-view.jpg", 1640, 850, span, 70, urbanRural, []string{"Veduta urbana e rurale del territorio metropolitano di Torino", "View of Turin Metropolitan urban and rural area"}},
		{"council-hall.jpg", 1640, 850, span, 70, councilHall, []string{"Aula del Consiglio metropolitano di Torino", "Turin Metropolitan Council Hall"}},
		{"ema-forum-2016.jpg", 1800, 1060, span, 80, conference, []string{"Febbraio/February 2016 – Torino, Forum European Metropolitan Authorities"}},
		{"ema-forum-2017.jpg", 1640, 850, span, 70, lectern, []string{"Ottobre/October 2017 – Varsavia, Forum European Metropolitan Authorities"}},
		{"led-forum-2015.jpg", 2040, 1080, full, 90, forum, []string{"Ottobre/October 2015 – Torino, 3rd World Forum of Local Economic Development"}},
		{"aics-1.jpg", 1000, 1500, rowHalf, 120, villageWell, []string{"Archivio fotografico AICS", "Photographic archive AICS"}},
		{"aics-2.jpg", 1000, 1500, rowHalf, 120, classroom, []string{"Archivio fotografico AICS", "Photographic archive AICS"}},
		{"aics-3.jpg", 2040, 2400, full, 200, field, []string{"Archivio fotografico AICS", "Photographic archive AICS"}},
		{"palestinian-delegation-2014.jpg", 380, 960, column, 80, meeting, []string{"2014 - Incontro delegazione istituzionale palestinese a Torino", "2014 – Meeting with institutional Palestinian delegation in Turin"}},
		{"larache-mission-2014.jpg", 380, 960, column, 80, harbour, []string{"Settembre 2014 – Missione a Larache (Marocco) del progetto MedNetJob", "September 2014 – Mission of the project MedNetJob in Larache (Morocco)"}},
	}
}

// photoSet is the placeholders of one example publication.
type photoSet struct {
	name   string
	dir    string // its images folder, from the repository's root
	photos func() []photo
}

// photoSets lists the examples whose photos genphotos draws.
func photoSets() []photoSet {
	return []photoSet{
		{"turin", "examples/turin/images", photos},
		{"vetreria", "examples/vetreria/images", glassPhotos},
	}
}

func main() {
	set := flag.String("set", "turin", "the example whose photos to draw: turin or vetreria")
	out := flag.String("o", "", "output folder (default: the example's images folder)")
	flag.Parse()
	if err := run(*set, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genphotos:", err)
		os.Exit(1)
	}
}

func run(set, dir string) error {
	var ps *photoSet
	for _, s := range photoSets() {
		if s.name == set {
			ps = &s
		}
	}
	if ps == nil {
		return fmt.Errorf("no photo set %q", set)
	}
	if dir == "" {
		dir = ps.dir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tf, err := loadTypefaces()
	if err != nil {
		return err
	}
	for _, p := range ps.photos() {
		data, err := render(p, tf)
		if err != nil {
			return fmt.Errorf("%s: %w", p.file, err)
		}
		if err := os.WriteFile(filepath.Join(dir, p.file), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// quality is the placeholders' JPEG quality.
const quality = 75

// render draws photo p and encodes it as a CMYK JPEG.
func render(p photo, tf typefaces) ([]byte, error) {
	c := newCanvas(p.w, p.h)
	p.draw(c)
	c.vignette(0.35)
	if err := caption(c, tf, p.caption); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := images.EncodeCMYK(&buf, images.ToCMYK(c.img), quality); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
