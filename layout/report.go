package layout

// Report holds the typographic figures of a layout: how every justified
// line was set, the white left under the shorter side of every pair, and
// the widows and orphans the page breaks avoided. Tests and `duetto build
// -v` read it; the writer ignores it.
type Report struct {
	Lines          []LineReport
	Pairs          []PairReport
	OrphansAvoided int // rows moved to the next page rather than leave one line at a page foot
	WidowsAvoided  int // sides that carried a line over rather than leave one at a page head
	// TailsCarried counts rows whose shorter side carried its last two
	// lines onto the next page, so that both sides of the row go on there.
	TailsCarried int
}

// LineReport is one line of running text as the line breaker set it.
type LineReport struct {
	Page     int
	Block    string
	Lang     string
	Ratio    float64 // glue adjustment: > 0 stretched, < 0 shrunk, relative to the glue's stretch or shrink
	Badness  float64 // 100·|ratio|³, as TeX
	Hyphen   bool    // ends with a hyphen
	Last     bool    // last line of its paragraph (set at natural spacing)
	Overfull bool
}

// PairReport is the end of one pair (a row of two paragraphs).
type PairReport struct {
	Page  int // where the longer side ends
	Block string
	// Gap is the white under the shorter side, in points, when both sides
	// end on the same page; a side ending a page earlier counts the rest
	// of that page.
	Gap float64
	// Lines is the number of lines of the left and right side.
	Lines [2]int
}

// add appends to r the figures of o, the report of pages laid out apart
// (a section laid out ahead), whose page numbers are off too low.
func (r *Report) add(o *Report, off int) {
	for _, l := range o.Lines {
		l.Page += off
		r.Lines = append(r.Lines, l)
	}
	for _, p := range o.Pairs {
		p.Page += off
		r.Pairs = append(r.Pairs, p)
	}
	r.OrphansAvoided += o.OrphansAvoided
	r.WidowsAvoided += o.WidowsAvoided
	r.TailsCarried += o.TailsCarried
}
