package layout

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// Digest fingerprints what the page shows: every item in order, with its
// position, font, colour and text, and images by their content. Two
// builds whose page digests match draw the same page; comparing digests
// tells which pages a text edit changed without rendering anything.
func (p *Page) Digest() string {
	h := sha256.New()
	fmt.Fprintf(h, "page %d folio %q\n", p.Index, p.Folio)
	for _, it := range p.Items {
		writeItem(h, it)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func writeItem(h hash.Hash, it Item) {
	switch v := it.(type) {
	case *TextRun:
		fmt.Fprintf(h, "text %.3f %.3f %s %.3f %v %q %v %.4f %.3f %v\n", v.X, v.Y, v.Font, v.Size, v.Color, v.Text, v.Kern, v.ScaleOrOne(), v.Rotate, v.Hyphen)
	case *Image:
		sum := sha256.Sum256(v.Data)
		fmt.Fprintf(h, "image %s %x %v %v\n", v.Path, sum[:8], v.Frame, v.Clip)
	case *Rule:
		fmt.Fprintf(h, "rule %v\n", *v)
	case *Fill:
		fmt.Fprintf(h, "fill %v\n", *v)
	default:
		fmt.Fprintf(h, "%T %+v\n", it, it)
	}
}
