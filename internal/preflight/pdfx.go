package preflight

import (
	"github.com/duetto-press/duetto/images"
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
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			im, ok := it.(*layout.Image)
			if !ok {
				continue
			}
			space, seen := spaceOf[im]
			if !seen {
				if info, err := images.Inspect(im.Path, im.Data); err == nil {
					space = info.ColorSpace
				}
				spaceOf[im] = space
			}
			if space == "cmyk" || space == "gray" || space == "" {
				continue
			}
			name := im.Path
			if name == "" {
				name = "the photo"
			}
			out = append(out, Finding{Severity: Error, Page: p.Index, Element: im.Block, Check: "pdfx",
				Message: name + " is in " + space + " colour: " + version + " allows CMYK and grey only (convert it to CMYK for the printing condition)"})
		}
	}
	return out
}
