package pdf

import (
	"sort"

	"codeberg.org/go-pdf/fpdf"

	"github.com/duetto-press/duetto/layout"
)

// Registration targets and the colour bar stand in the mark area, from
// markGap outside the bleed to markGap + markBand: never in the bleed,
// inside the media box.
const (
	markBand    = 5 * 72 / 25.4   // depth of targets and patches
	targetR     = 2 * 72 / 25.4   // radius of a target's circle
	targetArm   = 2.5 * 72 / 25.4 // half the length of its cross
	patchSize   = 5 * 72 / 25.4   // a colour-bar patch is square
	markClear   = 3 * 72 / 25.4   // kept free beside a crop or fold mark
	targetClear = 4 * 72 / 25.4   // kept free beside a target's centre
)

// markCentre is the distance from the trim to the centre line of the
// targets and the colour bar: the middle of the mark band.
func (wr *writer) markCentre() float64 { return wr.doc.Bleed + markGap + markBand/2 }

// extraMarks draws the registration targets and the colour bar the
// writer was asked for, around the trim box (x0, y0)–(x1, y1) in media
// coordinates; folds are the x of spines (a spread's), where fold marks
// stand. A spread centres its top and bottom targets on each page, away
// from the fold marks; a page, on the page.
func (pw *pageWriter) extraMarks(x0, y0, x1, y1 float64, folds []float64) {
	wr := pw.wr
	if !wr.registration && !wr.colorBar {
		return
	}
	d := wr.markCentre()
	// The x of the targets above and below: the middle of each page.
	edges := append([]float64{x0}, folds...)
	edges = append(edges, x1)
	var across []float64
	for i := 0; i+1 < len(edges); i++ {
		across = append(across, (edges[i]+edges[i+1])/2)
	}
	if wr.registration {
		for _, x := range across {
			pw.target(x, y0-d)
			pw.target(x, y1+d)
		}
		pw.target(x0-d, (y0+y1)/2)
		pw.target(x1+d, (y0+y1)/2)
	}
	if wr.colorBar {
		type gap struct{ from, to float64 }
		stops := []gap{{x0 - markClear, x0 + markClear}, {x1 - markClear, x1 + markClear}}
		for _, x := range folds {
			stops = append(stops, gap{x - markClear, x + markClear})
		}
		if wr.registration {
			for _, x := range across {
				stops = append(stops, gap{x - targetClear, x + targetClear})
			}
		}
		sort.Slice(stops, func(i, j int) bool { return stops[i].from < stops[j].from })
		patches := wr.patches()
		top := y1 + wr.doc.Bleed + markGap
		for i := 0; i+1 < len(stops) && len(patches) > 0; i++ {
			for x := stops[i].to; x+patchSize <= stops[i+1].from+1e-9 && len(patches) > 0; x += patchSize {
				pw.setFill(patches[0])
				pw.call(func(f *fpdf.Fpdf) { f.Rect(x, top, patchSize, patchSize, "F") })
				patches = patches[1:]
			}
		}
	}
}

// target draws a registration target centred on (x, y): a circle and a
// cross of 0.25 pt hairlines in registration colour.
func (pw *pageWriter) target(x, y float64) {
	pw.setStroke(pw.wr.registrationColor())
	pw.call(func(f *fpdf.Fpdf) {
		f.SetLineWidth(markWidth)
		f.Circle(x, y, targetR, "D")
		f.Line(x-targetArm, y, x+targetArm, y)
		f.Line(x, y-targetArm, x, y+targetArm)
	})
}

// patches are the colours of the colour bar, in order: cyan, magenta,
// yellow and black solid, at 50 % and at 25 %, then each spot ink of the
// document solid and at 50 %. A bar too short for them all ends early.
func (wr *writer) patches() []layout.Color {
	var out []layout.Color
	for _, t := range []float64{1, 0.5, 0.25} {
		out = append(out, layout.Color{C: t}, layout.Color{M: t}, layout.Color{Y: t}, layout.Color{K: t})
	}
	for _, s := range wr.spotList {
		if s.name == allInks {
			continue
		}
		for _, t := range []float64{1, 0.5} {
			out = append(out, layout.Color{C: s.alt[0] * t, M: s.alt[1] * t, Y: s.alt[2] * t, K: s.alt[3] * t, Spot: s.name, Tint: t})
		}
	}
	return out
}
