// Command genphotos draws the placeholder photographs of the Turin
// brochure: the original photos are not available, so each placeholder is a
// simple illustrated scene of its subject with the caption set large on it.
// The output is byte-identical on every run (fixed sizes, no randomness,
// standard JPEG encoder), so `make placeholders` never changes the
// repository unless this program changes.
//
//	go run ./internal/genphotos -o examples/turin/images
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// photo is one placeholder: its file, size in pixels, scene and caption.
type photo struct {
	file   string
	w, h   int
	scene  scene
	lines  []string // caption lines (Italian, English)
	accent [3]uint8
}

// photos lists the brochure's photographs. Each has the proportions of
// its frame in the brochure (so nothing of the drawing is cropped) and
// gives at least 300 ppi there.
func photos() []photo {
	return []photo{
		{"cover.jpg", 2600, 2000, skyline, []string{"Torino", "Turin"}, [3]uint8{200, 160, 90}},
		{"olympics-2006.jpg", 1000, 1420, snow, []string{"2006 - Giochi olimpici invernali di Torino", "2006 – Turin Olympic winter games"}, [3]uint8{60, 110, 190}},
		{"paniere-products.jpg", 1000, 1420, market, []string{"Prodotti tipici del “Paniere” del territorio metropolitano", "Typical products of the metropolitan area “Basket”"}, [3]uint8{190, 120, 50}},
		{"students.jpg", 1000, 1420, people, []string{"Giovani studenti in Torino", "Young students in Turin"}, [3]uint8{90, 140, 90}},
		{"venaria.jpg", 640, 1600, palace, []string{"La reggia di Venaria", "The royal palace of Venaria"}, [3]uint8{170, 140, 100}},
		{"apple-harvest.jpg", 640, 1600, orchard, []string{"Raccolta delle mele", "Apple harvest"}, [3]uint8{190, 40, 40}},
		{"urban-rural-view.jpg", 700, 1400, skyline, []string{"Veduta urbana e rurale del territorio metropolitano di Torino", "View of Turin Metropolitan urban and rural area"}, [3]uint8{110, 150, 80}},
		{"council-hall.jpg", 800, 1350, hall, []string{"Aula del Consiglio metropolitano di Torino", "Turin Metropolitan Council Hall"}, [3]uint8{150, 60, 60}},
		{"ema-forum-2016.jpg", 1800, 930, podium, []string{"Febbraio/February 2016 – Torino,", "Forum European Metropolitan Authorities"}, [3]uint8{40, 70, 150}},
		{"ema-forum-2017.jpg", 800, 1350, podium, []string{"Ottobre/October 2017 – Varsavia,", "Forum European Metropolitan Authorities"}, [3]uint8{150, 40, 60}},
		{"led-forum-2015.jpg", 1800, 930, hall, []string{"Ottobre/October 2015 – Torino,", "3rd World Forum of Local Economic Development"}, [3]uint8{40, 120, 130}},
		{"aics-1.jpg", 1000, 1500, village, []string{"Archivio fotografico AICS", "Photographic archive AICS"}, [3]uint8{180, 130, 70}},
		{"aics-2.jpg", 1000, 1500, classroom, []string{"Archivio fotografico AICS", "Photographic archive AICS"}, [3]uint8{70, 120, 160}},
		{"aics-3.jpg", 560, 1740, field, []string{"Archivio fotografico AICS", "Photographic archive AICS"}, [3]uint8{120, 150, 60}},
		{"palestinian-delegation-2014.jpg", 600, 1640, people, []string{"2014 - Incontro delegazione istituzionale palestinese a Torino", "2014 – Meeting with institutional Palestinian delegation in Turin"}, [3]uint8{100, 100, 140}},
		{"larache-mission-2014.jpg", 600, 1640, village, []string{"Settembre 2014 – Missione a Larache (Marocco) del progetto MedNetJob", "September 2014 – Mission of the project MedNetJob in Larache (Morocco)"}, [3]uint8{200, 150, 90}},
	}
}

func main() {
	out := flag.String("o", "examples/turin/images", "output folder")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genphotos:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, p := range photos() {
		data, err := render(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p.file, err)
		}
		if err := os.WriteFile(filepath.Join(dir, p.file), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
