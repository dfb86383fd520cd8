// Package preflight checks a laid-out document the way a print shop's
// preflight does, before any PDF is written: image resolution, text in the
// safe area, colour areas that reach the bleed, total ink, hairlines.
// It reads the display list only.
package preflight

import (
	"fmt"
	"math"

	"github.com/duetto-press/duetto/layout"
)

// Severity says whether a finding stops a print build.
type Severity string

// Severities.
const (
	Error   Severity = "error"   // the PDF is not fit to print; the build fails
	Warning Severity = "warning" // worth a look; the build goes on
)

// Finding is one problem on one page.
type Finding struct {
	Severity Severity `json:"severity"`
	Page     int      `json:"page"`
	Element  string   `json:"element,omitempty"` // block id, or what the item is
	Check    string   `json:"check"`
	Message  string   `json:"message"`
}

func (f Finding) String() string {
	el := ""
	if f.Element != "" {
		el = " " + f.Element
	}
	return fmt.Sprintf("page %d%s: %s: %s (%s)", f.Page, el, f.Severity, f.Message, f.Check)
}

// Limits are the thresholds of the checks.
type Limits struct {
	MinPPI     float64 // below: error
	GoodPPI    float64 // below: warning
	SafeMargin float64 // text keeps this far inside the trim, points
	MaxInk     float64 // total area coverage, 0..4 (3 = 300 %)
	MinRule    float64 // thinnest printable line, points
}

// DefaultLimits are common offset-print values: 300 ppi (150 at the
// least), 5 mm safe area, 300 % total ink, 0.25 pt hairlines.
func DefaultLimits() Limits {
	return Limits{MinPPI: 150, GoodPPI: 300, SafeMargin: 5 * 72 / 25.4, MaxInk: 3, MinRule: 0.25}
}

// ScreenLimits are the limits of a screen edition, which is never
// printed: no resolution, ink or hairline limit, and text may come as
// near the edge as it likes as long as it stays on the page. A screen
// edition has no bleed (Document.Bleed is 0), so nothing is checked
// against one; and it is no PDF/X file, so CheckPDFX does not apply.
func ScreenLimits() Limits {
	return Limits{MinPPI: 0, GoodPPI: 0, SafeMargin: 0, MaxInk: math.Inf(1), MinRule: 0}
}

// Check runs every check on doc.
func Check(doc *layout.Document, lim Limits) []Finding {
	var out []Finding
	add := func(sev Severity, page int, el, check, format string, args ...any) {
		out = append(out, Finding{Severity: sev, Page: page, Element: el, Check: check, Message: fmt.Sprintf(format, args...)})
	}
	w, h, b := doc.Trim.W, doc.Trim.H, doc.Bleed
	ppiOf := map[*layout.Image]float64{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			switch v := it.(type) {
			case *layout.TextRun:
				r := v.Bounds()
				if r.X < lim.SafeMargin || r.Y < lim.SafeMargin || r.X+r.W > w-lim.SafeMargin || r.Y+r.H > h-lim.SafeMargin {
					if lim.SafeMargin > 0 {
						add(Error, p.Index, v.Block, "safe-area", "text %q lies within %.0f mm of the trim edge", v.Text, lim.SafeMargin*25.4/72)
					} else {
						add(Error, p.Index, v.Block, "safe-area", "text %q runs off the page", v.Text)
					}
				}
				if ink := inkOf(v.Color); ink > lim.MaxInk+1e-9 {
					add(Error, p.Index, v.Block, "total-ink", "text %q in %.0f %% total ink (at most %.0f %%)", v.Text, ink*100, lim.MaxInk*100)
				}
			case *layout.Fill:
				if ink := inkOf(v.Color); ink > lim.MaxInk+1e-9 {
					add(Error, p.Index, "colour area", "total-ink", "%.0f %% total ink (at most %.0f %%)", ink*100, lim.MaxInk*100)
				}
				if edge := shortOfBleed(v.Rect, w, h, b); edge != "" {
					add(Error, p.Index, "colour area", "bleed", "reaches the %s trim edge but not the bleed", edge)
				}
			case *layout.Image:
				if edge := shortOfBleed(v.Clip, w, h, b); edge != "" {
					add(Error, p.Index, v.Block, "bleed", "the photo reaches the %s trim edge but not the bleed", edge)
				}
				ppi, ok := ppiOf[v]
				if !ok {
					ppi = imagePPI(v)
					ppiOf[v] = ppi
				}
				switch {
				case ppi <= 0:
				case ppi < lim.MinPPI:
					add(Error, p.Index, v.Block, "resolution", "the photo has %.0f ppi at its printed size (at least %.0f; %.0f for good print)", ppi, lim.MinPPI, lim.GoodPPI)
				case ppi < lim.GoodPPI:
					add(Warning, p.Index, v.Block, "resolution", "the photo has %.0f ppi at its printed size (%.0f for good print)", ppi, lim.GoodPPI)
				}
			case *layout.Rule:
				if v.Width < lim.MinRule {
					add(Warning, p.Index, "rule", "hairline", "a %.2f pt line may not print (at least %.2f pt)", v.Width, lim.MinRule)
				}
			}
		}
	}
	return out
}

// Errors reports whether any finding is an error.
func Errors(findings []Finding) bool {
	for _, f := range findings {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// inkOf is the total ink of c, 0..4. A spot colour counts as its CMYK
// fallback at its tint (what layout.Color holds): the limit is the
// press's, and a spot ink is usually printed alone.
func inkOf(c layout.Color) float64 { return c.C + c.M + c.Y + c.K }

// shortOfBleed names the trim edge that r touches without running on
// into the bleed, or "".
func shortOfBleed(r layout.Rect, w, h, bleed float64) string {
	const near = 0.5 // points
	if bleed <= near {
		return ""
	}
	switch {
	case math.Abs(r.X) < near:
		return "left"
	case math.Abs(r.Y) < near:
		return "top"
	case math.Abs(r.X+r.W-w) < near:
		return "right"
	case math.Abs(r.Y+r.H-h) < near:
		return "bottom"
	}
	return ""
}

// imagePPI is the effective resolution of an image where it is painted:
// its pixels over the painted size (the frame it is fitted to, before
// clipping), the lower of the two axes.
func imagePPI(im *layout.Image) float64 {
	info, err := im.Info()
	if err != nil || im.Frame.W <= 0 || im.Frame.H <= 0 {
		return 0
	}
	return math.Min(float64(info.Width)/(im.Frame.W/72), float64(info.Height)/(im.Frame.H/72))
}
