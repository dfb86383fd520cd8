package content

import (
	"encoding/binary"
	"fmt"
	"io/fs"
)

// PDF/X conformance levels a publication may ask for in `[print] pdfx`.
const (
	// PDFXAuto makes print editions PDF/X-1a:2003 when their content
	// allows it (CMYK and grey photos only), and plain PDF otherwise.
	PDFXAuto = "auto"
	// PDFX1a2003 is PDF/X-1a:2003 (ISO 15930-4): CMYK and spot colour
	// only, fonts embedded, no transparency, PDF 1.4.
	PDFX1a2003 = "PDF/X-1a:2003"
	// PDFX4 is PDF/X-4 (ISO 15930-7), PDF 1.6; it requires the output
	// profile to be embedded.
	PDFX4 = "PDF/X-4"
	// PDFXNone writes no PDF/X keys and no output intent.
	PDFXNone = "none"
)

// What `[print] rgb-images` does with an RGB photo.
const (
	// RGBImagesRefuse embeds RGB photos as they are: with pdfx = "auto"
	// the edition is then plain PDF, and with a PDF/X level asked for by
	// name an RGB photo is an error.
	RGBImagesRefuse = "refuse"
	// RGBImagesConvert separates RGB photos into CMYK as the edition is
	// built (images.ConvertToCMYK: a simple fixed formula, not colour
	// management), so that it can be PDF/X-1a.
	RGBImagesConvert = "convert"
)

// Print is the print-production setup of the `[print]` table: the PDF/X
// conformance and output intent of the print editions, and the creep of
// an imposed saddle-stitched booklet.
type Print struct {
	PDFX string // PDFXAuto (the default), PDFX1a2003, PDFX4 or PDFXNone
	// OutputCondition is the output intent's OutputConditionIdentifier,
	// a characterization in the ICC registry ("FOGRA39" by default).
	OutputCondition string
	// OutputInfo describes the printing condition in words; it defaults
	// to the registry's description of a known OutputCondition.
	OutputInfo string
	// Registered is set when OutputCondition is one of the conditions of
	// the ICC registry that duetto knows.
	Registered bool
	// ICCProfile is the output profile embedded as the intent's
	// DestOutputProfile: a path in FS, "" for none.
	ICCProfile string
	// RGBImages is RGBImagesRefuse (the default) or RGBImagesConvert.
	RGBImages string
	// Creep is how far, in points, the pages of each sheet of an imposed
	// saddle-stitched booklet move toward the spine compared with the
	// sheet outside it.
	Creep float64
	Pos   Pos
}

// outputConditionInfo describes the printing conditions of the ICC
// characterization registry (www.color.org) that are most used in Europe
// and North America; "" for one it does not know.
func outputConditionInfo(id string) string {
	switch id {
	case "FOGRA39":
		return "Coated FOGRA39 (ISO 12647-2:2004)"
	case "FOGRA29":
		return "Uncoated FOGRA29 (ISO 12647-2:2004)"
	case "FOGRA47":
		return "Uncoated FOGRA47 (ISO 12647-2:2004)"
	case "FOGRA51":
		return "PSO Coated v3 (ISO 12647-2:2013, paper type PS1)"
	case "FOGRA52":
		return "PSO Uncoated v3 (ISO 12647-2:2013, paper type PS5)"
	case "CGATS TR 001":
		return "SWOP (Specifications for Web Offset Publications), CGATS TR 001"
	case "CGATS TR 006":
		return "GRACoL, CGATS TR 006"
	}
	return ""
}

func (d *decoder) print(root *table, pub *Publication) {
	p := &pub.Print
	*p = Print{PDFX: PDFXAuto, OutputCondition: "FOGRA39", RGBImages: RGBImagesRefuse}
	t := root.sub("print")
	if t != nil {
		p.Pos = t.pos()
		p.PDFX = t.oneOf("pdfx", PDFXAuto, PDFXAuto, PDFX1a2003, PDFX4, PDFXNone)
		if s, ok := t.str("output-condition"); ok {
			if s == "" {
				t.errorf("output-condition", "", "%s is empty", t.name("output-condition"))
			}
			p.OutputCondition = s
		}
		p.OutputInfo, _ = t.str("output-info")
		p.RGBImages = t.oneOf("rgb-images", RGBImagesRefuse, RGBImagesRefuse, RGBImagesConvert)
		if s, ok := t.str("icc-profile"); ok {
			p.ICCProfile = t.resolvePath("icc-profile", s)
			if p.ICCProfile != "" {
				if err := checkICC(pub.FS, p.ICCProfile); err != nil {
					t.errorf("icc-profile", "give the output profile of the printing condition, e.g. the one your printer supplies", "%s: %v", t.name("icc-profile"), err)
				}
			}
		}
		if v, ok := t.length("creep"); ok {
			if v < 0 || v > 72/25.4 {
				t.errorf("creep", `creep is a fraction of a millimetre per sheet, e.g. "0.1mm"`, "%s must be between 0 and 1mm", t.name("creep"))
			}
			p.Creep = v
		}
		t.done()
	}
	known := outputConditionInfo(p.OutputCondition)
	p.Registered = known != ""
	if p.OutputInfo == "" {
		p.OutputInfo = known
	}
	switch {
	case p.PDFX == PDFX4 && p.ICCProfile == "":
		d.errorf(root.src, p.posOr(root), "add icc-profile = \"profiles/your-printer.icc\" to [print]", "PDF/X-4 needs the output profile: `print.icc-profile` is missing")
	case p.OutputInfo == "" && p.ICCProfile == "" && p.PDFX != PDFXNone:
		d.errorf(root.src, p.posOr(root), "describe the condition with output-info, or embed its profile with icc-profile", "output condition %q is not one duetto knows", p.OutputCondition)
	}
}

// posOr is the position of the [print] table, or of root when the
// publication has none.
func (p *Print) posOr(root *table) Pos {
	if p.Pos.File != "" {
		return p.Pos
	}
	return root.pos()
}

// checkICC checks that name in fsys is an ICC output profile for CMYK:
// the header's size, its "acsp" signature, device class "prtr" and data
// colour space "CMYK" (ICC.1:2010, 7.2).
func checkICC(fsys fs.FS, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("cannot read %q: %w", name, err)
	}
	return CheckICCProfile(data)
}

// CheckICCProfile checks that data is an ICC output profile for CMYK, the
// kind a PDF/X output intent with a CMYK printing condition embeds.
func CheckICCProfile(data []byte) error {
	if len(data) < 132 || string(data[36:40]) != "acsp" {
		return fmt.Errorf("not an ICC profile")
	}
	if n := binary.BigEndian.Uint32(data); int64(n) != int64(len(data)) {
		return fmt.Errorf("the ICC header gives %d bytes, the file has %d", n, len(data))
	}
	if class := string(data[12:16]); class != "prtr" {
		return fmt.Errorf("an ICC profile of class %q, not an output (prtr) profile", class)
	}
	if space := string(data[16:20]); space != "CMYK" {
		return fmt.Errorf("an output profile for %q, not CMYK", space)
	}
	return nil
}
