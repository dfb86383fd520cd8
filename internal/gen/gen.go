// Package gen generates large bilingual publications for benchmarks: the
// Turin brochure's styles, fonts and photos, with text recombined from its
// sentences so that no two paragraphs are the same, and a photo every few
// pages. The same size and seed always give the same files.
package gen

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/images"
)

// Calibration: how much text and how many photos make a page of the
// brochure's A4 geometry (measured on the bilingual edition; the
// single-language editions have about three quarters of its pages).
const (
	paragraphsPerPage = 2.4 // body pairs as long as the brochure's
	pagesPerFigure    = 3   // a photo every three pages
	pagesPerSection   = 12  // a section (heading, new page) every dozen pages
)

// unit is a sentence pair (or a whole paragraph pair when its two sides
// do not split into as many sentences).
type unit struct{ it, en string }

// Publication returns the files of a publication of about pages pages
// (the bilingual edition), made from the brochure with seed: duetto.toml,
// sections/NNN.toml and images/. Photos are the brochure's, each copy made
// distinct by a JPEG comment segment, so the PDF embeds every one.
func Publication(pages int, seed uint64) (fstest.MapFS, error) {
	if pages < 1 {
		return nil, fmt.Errorf("gen: %d pages: want at least 1", pages)
	}
	src := examples.Turin()
	pub, err := content.Load(src, content.RootName)
	if err != nil {
		return nil, fmt.Errorf("gen: loading the brochure: %w", err)
	}
	units, lengths, photos := harvest(pub)
	if len(units) < 2 || len(photos) == 0 {
		return nil, fmt.Errorf("gen: the brochure has too little text or no photos")
	}
	root, err := fs.ReadFile(src, content.RootName)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	fsys := fstest.MapFS{}
	r := rand.New(rand.NewPCG(seed, 0x64756574746f)) // "duetto"
	// The root: the brochure's, with no fixed page count or binding.
	s := regexp.MustCompile(`(?m)^(pages|binding) = .*$`).ReplaceAllString(string(root), "")
	s = strings.Replace(s, `output = "turin.pdf"`, fmt.Sprintf(`output = "gen-%d.pdf"`, pages), 1)
	s = regexp.MustCompile(`(?m)^skip = .*$`).ReplaceAllString(s, "skip = [1, 2]")
	fsys[content.RootName] = &fstest.MapFile{Data: []byte(s)}
	for _, p := range []string{pub.Cover.Image} {
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		fsys[p] = &fstest.MapFile{Data: data}
	}

	// Each paragraph is as long as one of the brochure's, drawn at random,
	// made of sentences drawn at random; never one seen before.
	seen := map[string]bool{}
	paragraph := func() unit {
		for attempt := 0; ; attempt++ {
			target := lengths[r.IntN(len(lengths))]
			var it, en []string
			size := 0
			for size < target || len(it) < 1+attempt/8 {
				u := units[r.IntN(len(units))]
				it, en = append(it, u.it), append(en, u.en)
				size += len(u.it) + 1
			}
			p := unit{strings.Join(it, " "), strings.Join(en, " ")}
			if !seen[p.it] && !seen[p.en] {
				seen[p.it], seen[p.en] = true, true
				return p
			}
		}
	}
	nparas := int(float64(pages)*paragraphsPerPage + 0.5)
	nfigs := max(1, pages/pagesPerFigure)
	nsections := max(1, (pages+pagesPerSection-1)/pagesPerSection)
	para, fig := 0, 0
	for sec := range nsections {
		var b strings.Builder
		b.WriteString("#:schema ../../../docs/duetto-section.schema.json\n")
		fmt.Fprintf(&b, "[[section]]\nid = \"gen-%03d\"\nstart = \"new-page\"\n", sec)
		h := units[r.IntN(len(units))]
		fmt.Fprintf(&b, "heading = { it = %s, en = %s }\n", quote(heading(h.it)), quote(heading(h.en)))
		end := nparas * (sec + 1) / nsections
		for ; para < end; para++ {
			// A photo before every (nparas/nfigs)th paragraph.
			if fig < nfigs && para*nfigs >= fig*nparas {
				ph := photos[fig%len(photos)]
				file := fmt.Sprintf("images/gen-%03d.jpg", fig)
				data, err := distinct(ph.data, fig)
				if err != nil {
					return nil, fmt.Errorf("gen: %s: %w", ph.path, err)
				}
				fsys[file] = &fstest.MapFile{Data: data}
				c := units[r.IntN(len(units))]
				fmt.Fprintf(&b, "\n[[section.block]]\ntype = \"figure\"\nid = \"fig-%03d\"\nfile = \"../%s\"\n", fig, file)
				if fig%2 == 0 && ph.width >= 1000 { // 150 ppi and more across the text area
					b.WriteString("placement = \"span\"\nwidth = \"80%\"\nheight = \"75mm\"\n")
				} else {
					col := []string{"it", "en"}[fig/2%2]
					fmt.Fprintf(&b, "placement = \"column\"\ncolumn = %q\nalign = \"right\"\nwidth = \"38%%\"\nheight = \"70mm\"\n", col)
				}
				fmt.Fprintf(&b, "anchor = \"p-%05d\"\n", para)
				fmt.Fprintf(&b, "caption = { it = %s, en = %s }\n", quote(caption(c.it)), quote(caption(c.en)))
				fig++
			}
			p := paragraph()
			fmt.Fprintf(&b, "\n[[section.block]]\nid = \"p-%05d\"\nit = %s\nen = %s\n", para, quote(p.it), quote(p.en))
		}
		fsys[fmt.Sprintf("sections/%03d.toml", sec)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys, nil
}

type photo struct {
	path  string
	data  []byte
	width int // pixels, as displayed
}

// harvest collects the brochure's sentence pairs, the lengths of its
// paragraphs (Italian side, bytes) and its photos (in the order of their
// paths).
func harvest(pub *content.Publication) ([]unit, []int, []photo) {
	var units []unit
	var lengths []int
	add := func(p content.Pair) {
		if p.Shared || p.It == "" || p.En == "" {
			return
		}
		lengths = append(lengths, len(collapse(p.It)))
		it, en := sentences(p.It), sentences(p.En)
		if len(it) == len(en) {
			for i := range it {
				units = append(units, unit{it[i], en[i]})
			}
			return
		}
		units = append(units, unit{collapse(p.It), collapse(p.En)})
	}
	var paths []string
	for _, s := range pub.Sections {
		for _, b := range s.Blocks {
			switch {
			case b.Kind == content.KindPair:
				add(b.Text)
			case b.Figure != nil:
				paths = append(paths, b.Figure.File)
			}
			for _, it := range b.Items {
				add(it.Text)
			}
		}
	}
	sort.Strings(paths)
	var photos []photo
	for i, p := range paths {
		if i > 0 && p == paths[i-1] {
			continue
		}
		data, err := fs.ReadFile(pub.FS, p)
		if err != nil {
			continue
		}
		if info, err := images.Inspect(p, data); err == nil {
			photos = append(photos, photo{p, data, info.Width})
		}
	}
	return units, lengths, photos
}

// sentences splits a text after each ". " that a capital follows (and at
// its end): "art. 6" stays whole.
func sentences(s string) []string {
	s = collapse(s)
	var out []string
	for from := 0; ; {
		i := strings.Index(s[from:], ". ")
		if i < 0 {
			if s != "" {
				out = append(out, s)
			}
			return out
		}
		i += from
		if r, _ := utf8.DecodeRuneInString(s[i+2:]); !unicode.IsUpper(r) {
			from = i + 2
			continue
		}
		out = append(out, s[:i+1])
		s, from = s[i+2:], 0
	}
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// heading makes a short heading of a sentence: its first words.
func heading(s string) string {
	w := strings.Fields(strings.TrimRight(s, ".;:,"))
	return strings.TrimRight(strings.Join(w[:min(len(w), 6)], " "), ".;:,")
}

// caption makes a caption of a sentence: its first dozen words.
func caption(s string) string {
	w := strings.Fields(strings.TrimRight(s, ".;:,"))
	return strings.TrimRight(strings.Join(w[:min(len(w), 12)], " "), ".;:,")
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// distinct returns a copy of a JPEG made distinct by a comment segment
// (COM, "duetto gen n") after its start-of-image marker: the same pixels,
// other bytes.
func distinct(jpeg []byte, n int) ([]byte, error) {
	if !bytes.HasPrefix(jpeg, []byte{0xFF, 0xD8}) {
		return nil, fmt.Errorf("not a JPEG")
	}
	text := fmt.Sprintf("duetto gen %d", n)
	seg := []byte{0xFF, 0xFE, byte((len(text) + 2) >> 8), byte(len(text) + 2)}
	out := make([]byte, 0, len(jpeg)+len(seg)+len(text))
	out = append(out, jpeg[:2]...)
	out = append(out, seg...)
	out = append(out, text...)
	return append(out, jpeg[2:]...), nil
}

// WriteDir writes the files of fsys into dir, making the folders they
// need.
func WriteDir(fsys fstest.MapFS, dir string) error {
	names := make([]string, 0, len(fsys))
	for n := range fsys {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		name := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		if err := os.WriteFile(name, fsys[n].Data, 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	return nil
}
