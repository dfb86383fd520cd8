package layout

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
)

// Digest fingerprints what the page shows: every item in order, with its
// position, font, colour and text, and images by their content. Two
// builds whose page digests match draw the same page; comparing digests
// tells which pages a text edit changed without rendering anything.
func (p *Page) Digest() string {
	h := sha256.New()
	fmt.Fprintf(h, "page %d folio %q\n", p.Index, p.Folio)
	var buf []byte
	for _, it := range p.Items {
		buf = writeItem(h, it, buf[:0])
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// writeItem hashes one item's line; buf is scratch space, returned for
// reuse.
func writeItem(h hash.Hash, it Item, buf []byte) []byte {
	switch v := it.(type) {
	case *TextRun:
		// fmt's "text %.3f %.3f %s %.3f %v %q %v %.4f %.3f %v\n", written
		// with strconv: text runs are most of a page.
		b := append(buf, "text "...)
		b = strconv.AppendFloat(b, v.X, 'f', 3, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, v.Y, 'f', 3, 64)
		b = append(b, ' ')
		b = append(b, v.Font...)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, v.Size, 'f', 3, 64)
		b = append(b, " {"...)
		for i, c := range [4]float64{v.Color.C, v.Color.M, v.Color.Y, v.Color.K} {
			if i > 0 {
				b = append(b, ' ')
			}
			b = strconv.AppendFloat(b, c, 'g', -1, 64)
		}
		if v.Color.Spot != "" { // as Color.String
			b = append(b, " spot "...)
			b = strconv.AppendQuote(b, v.Color.Spot)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, v.Color.Tint, 'g', -1, 64)
		}
		b = append(b, "} "...)
		b = strconv.AppendQuote(b, v.Text)
		b = append(b, " ["...)
		for i, k := range v.Kern {
			if i > 0 {
				b = append(b, ' ')
			}
			b = strconv.AppendFloat(b, k, 'g', -1, 64)
		}
		b = append(b, "] "...)
		b = strconv.AppendFloat(b, v.ScaleOrOne(), 'f', 4, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, v.Rotate, 'f', 3, 64)
		b = append(b, ' ')
		b = strconv.AppendBool(b, v.Hyphen)
		b = append(b, '\n')
		h.Write(b)
		return b
	case *Image:
		sum := v.Sum()
		fmt.Fprintf(h, "image %s %x %v %v\n", v.Path, sum[:8], v.Frame, v.Clip)
	case *Rule:
		fmt.Fprintf(h, "rule %v\n", *v)
	case *Fill:
		fmt.Fprintf(h, "fill %v\n", *v)
	default:
		fmt.Fprintf(h, "%T %+v\n", it, it)
	}
	return buf
}
