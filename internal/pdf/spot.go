package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/duetto-press/duetto/layout"
)

// Spot inks. A spot colour of the display list (layout.Color.Spot) is
// painted in a Separation colour space named after its ink, with a tint
// transform to the ink's CMYK fallback, so that it prints on its own
// plate and proofs in its fallback. fpdf can write Separation spaces
// (AddSpotColor) but gathers them from a map, so their objects come out
// in a random order, rounds the fallback to whole per cent and escapes
// only spaces in the name; the writer therefore writes the colour spaces
// itself, after fpdf, in the order of the ink names (addSpots).

// allInks is the name of the Separation that paints every plate: the
// registration colour of marks in a document with spot inks.
const allInks = "All"

// spotInk is a Separation colour space of the document.
type spotInk struct {
	name string     // the ink, as the publication names it
	alt  [4]float64 // the CMYK of the solid ink
	res  string     // resource name in the content streams: "Spot1"
	tint float64    // of the colour alt was derived from
}

// spotInks gathers the spot inks of doc, sorted by name, and names their
// resources in that order. A display-list colour holds its inks at its
// tint; each ink's solid CMYK is derived from its strongest use. With
// marks and at least one spot ink, the marks use the All separation too.
func spotInks(doc *layout.Document) []*spotInk {
	by := map[string]*spotInk{}
	see := func(c layout.Color) {
		if c.Spot == "" || c.Tint <= 0 {
			return
		}
		if s, ok := by[c.Spot]; ok && s.tint >= c.Tint {
			return
		}
		t := c.Tint
		by[c.Spot] = &spotInk{name: c.Spot, tint: t, alt: [4]float64{c.C / t, c.M / t, c.Y / t, c.K / t}}
	}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			switch v := it.(type) {
			case *layout.TextRun:
				see(v.Color)
			case *layout.Rule:
				see(v.Color)
			case *layout.Fill:
				see(v.Color)
			}
		}
	}
	if len(by) == 0 {
		return nil
	}
	if doc.Marks {
		by[allInks] = &spotInk{name: allInks, alt: [4]float64{1, 1, 1, 1}}
	}
	out := make([]*spotInk, 0, len(by))
	for _, s := range by {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	for i, s := range out {
		s.res = "Spot" + strconv.Itoa(i+1)
	}
	return out
}

// registrationColor is the colour of crop, fold and registration marks:
// 100 % of every ink. Without spot inks, CMYK 100/100/100/100 (as duetto
// has always written it); with them, the All separation, which prints on
// the spot plates too.
func (wr *writer) registrationColor() layout.Color {
	if _, ok := wr.spots[allInks]; ok {
		return layout.Color{C: 1, M: 1, Y: 1, K: 1, Spot: allInks, Tint: 1}
	}
	return registration
}

// addSpots writes the Separation colour spaces of spots into the file fpdf
// wrote, as new objects in the order of spots, and names them in the
// resource dictionary that every page shares (fpdf's object 2, whose
// /ColorSpace it leaves empty). The cross-reference table is written anew.
func addSpots(f *file, spots []*spotInk) error {
	res, ok := f.objects[2]
	const empty = "\n/ColorSpace <<\n>>\n"
	if !ok || !bytes.HasPrefix(res, []byte("2 0 obj\n<<\n")) || bytes.Count(res, []byte(empty)) != 1 {
		return fmt.Errorf("pdf: adding spot colours: object 2 is not fpdf's resource dictionary with an empty /ColorSpace")
	}
	var entries strings.Builder
	entries.WriteString("\n/ColorSpace <<\n")
	for _, s := range spots {
		n := f.size
		f.size++
		fmt.Fprintf(&entries, "/%s %d 0 R\n", s.res, n)
		obj := fmt.Sprintf("%d 0 obj\n[/Separation %s /DeviceCMYK << /FunctionType 2 /Domain [0 1] /Range [0 1 0 1 0 1 0 1] /C0 [0 0 0 0] /C1 [%s] /N 1 >>]\nendobj\n",
			n, pdfName(s.name), cmyk(layout.Color{C: s.alt[0], M: s.alt[1], Y: s.alt[2], K: s.alt[3]}))
		f.objects[n] = []byte(obj)
		f.order = append(f.order, n)
	}
	entries.WriteString(">>\n")
	f.objects[2] = bytes.Replace(res, []byte(empty), []byte(entries.String()), 1)
	return nil
}

// pdfName writes s as a PDF name: "/PANTONE#202945#20C". Every byte
// outside the regular printable characters is written as #xx (PDF 32000
// 7.3.5), so any UTF-8 ink name survives.
func pdfName(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || strings.IndexByte("()<>[]{}/%#", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
