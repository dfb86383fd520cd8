package preflight

import (
	"fmt"

	"github.com/duetto-press/duetto/layout"
)

// CheckPDFX checks what the PDF/X level version (for example
// "PDF/X-1a:2003") asks of the content beyond the print checks: the
// colour of every photo must be CMYK or grey, because PDF/X-1a allows no
// other colour and PDF/X-4 allows RGB only with an RGB output intent,
// which duetto does not write. Text, rules and fills are CMYK already.
// Every finding is an error of check "pdfx".
func CheckPDFX(doc *layout.Document, version string) []Finding {
	var out []Finding
	spaceOf := map[*layout.Image]string{}
	depth := map[*layout.Image]int{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			im, ok := it.(*layout.Image)
			if !ok {
				continue
			}
			space, seen := spaceOf[im]
			if !seen {
				if info, err := im.Info(); err == nil {
					space = info.ColorSpace
					depth[im] = info.Depth
				}
				spaceOf[im] = space
			}
			name := im.Path
			if name == "" {
				name = "the photo"
			}
			if depth[im] > 8 && version == "PDF/X-1a:2003" { // PDF 1.4: 8 bits per component at most
				out = append(out, Finding{Severity: Error, Page: p.Index, Element: im.Block, Check: "pdfx",
					Message: fmt.Sprintf("%s has %d bits per channel: %s (PDF 1.4) allows 8 at most (save it with 8 bits per channel)", name, depth[im], version)})
				continue
			}
			if space == "cmyk" || space == "gray" || space == "" {
				continue
			}
			out = append(out, Finding{Severity: Error, Page: p.Index, Element: im.Block, Check: "pdfx",
				Message: name + " is in " + space + " colour: " + version + " allows CMYK and grey only (convert it to CMYK for the printing condition)"})
		}
	}
	return out
}
