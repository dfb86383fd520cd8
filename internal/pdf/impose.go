package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// side is one side of a printed sheet of a saddle-stitched booklet: the
// pages on the left and right of the spine (1-based) and how far each
// moves toward the spine to make up for creep.
type side struct {
	sheet       int // 0 for the outermost sheet
	left, right int
	shift       float64
}

// saddleSides lists the sheet sides of a saddle-stitched booklet of n
// pages, in printing order: for 16 pages 16|1 and 2|15 (the outer
// sheet's front and back), then 14|3, 4|13, and so on to 10|7, 8|9.
// The pages of sheet s (0 outside) move s·creep toward the spine.
func saddleSides(n int, creep float64) ([]side, error) {
	if n < 4 || n%4 != 0 {
		return nil, fmt.Errorf("pdf: a saddle-stitched booklet needs a multiple of 4 pages, not %d", n)
	}
	var out []side
	for s := 0; s < n/4; s++ {
		shift := float64(s) * creep
		out = append(out,
			side{sheet: s, left: n - 2*s, right: 1 + 2*s, shift: shift},
			side{sheet: s, left: 2 + 2*s, right: n - 1 - 2*s, shift: shift})
	}
	return out, nil
}

// spread draws one sheet side: a page as wide as two trimmed pages plus
// the bleed and the marks. Each page is clipped to its half of the sheet
// (its outer bleed included, its bleed at the spine left out) and drawn
// from the display list as a page of its own would be, shifted toward
// the spine by the side's creep. Crop marks stand at the sheet's outer
// corners, fold marks (dashed) above and below the spine.
func (pw *pageWriter) spread(sd side) error {
	doc, o := pw.wr.doc, pw.wr.origin
	w, h, b := doc.Trim.W, doc.Trim.H, doc.Bleed
	pw.index = sd.left
	pw.call(func(f *fpdf.Fpdf) {
		pw.addPage(f)
		f.SetPageBox("trim", o, o, 2*w, h)
		f.SetPageBox("bleed", o-b, o-b, 2*w+2*b, h+2*b)
	})
	pw.newPageState()
	if doc.Marks {
		pw.cropMarks(o, o, o+2*w, o+h)
		pw.foldMarks(o+w, o, o+h)
		pw.extraMarks(o, o, o+2*w, o+h, []float64{o + w})
	}
	halves := []struct {
		page      int
		clipX, ox float64 // left edge of the half's clip, and of its trim box
	}{
		{page: sd.left, clipX: o - b, ox: o + sd.shift},
		{page: sd.right, clipX: o + w, ox: o + w - sd.shift},
	}
	for _, hf := range halves {
		p := &doc.Pages[hf.page-1]
		pw.call(func(f *fpdf.Fpdf) { f.ClipRect(hf.clipX, o-b, w+b, h+2*b, false) })
		pw.ox, pw.oy = hf.ox, o
		err := pw.items(p)
		pw.call((*fpdf.Fpdf).ClipEnd)
		pw.resetState() // the clip's q/Q restored the colours
		if err != nil {
			return err
		}
	}
	return nil
}

// foldMarks draws the fold marks of a spine at x: dashed hairlines in
// registration colour on its extension above top and below bottom, as
// long as the crop marks and, like them, outside the bleed.
func (pw *pageWriter) foldMarks(x, top, bottom float64) {
	start := pw.wr.doc.Bleed + markGap
	end := start + markLength
	pw.setStroke(pw.wr.registrationColor())
	pw.call(func(f *fpdf.Fpdf) {
		f.SetLineWidth(markWidth)
		f.SetDashPattern([]float64{3, 2}, 0) // points
		f.Line(x, top-start, x, top-end)
		f.Line(x, bottom+start, x, bottom+end)
		f.SetDashPattern(nil, 0)
	})
}
