package layout

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"strconv"
	"unicode/utf8"
)

// Digest fingerprints what the page shows: every item in order, with its
// position, font, colour and text, and images by their content. Two
// builds whose page digests match draw the same page; comparing digests
// tells which pages a text edit changed without rendering anything.
func (p *Page) Digest() string {
	h := sha256.New()
	fmt.Fprintf(h, "page %d folio %q\n", p.Index, p.Folio)
	d := digester{h: h, buf: make([]byte, 0, flushAt+flushAt/4)}
	for _, it := range p.Items {
		d.item(it)
	}
	d.flush()
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// digester writes the lines a page's digest hashes, gathered in buf.
// The lines are those fmt wrote once; they are stored in every PDF and
// compared across builds, so they must not change.
type digester struct {
	h   hash.Hash
	buf []byte
	// The colour of the last text run and its text: the runs of a page
	// are mostly in one or two colours.
	color    Color
	colorTxt []byte
	// The last baseline, size, scaling and rotation written, likewise:
	// the runs of a line share the first and the third, and nearly all
	// runs the others.
	y, size, scale, rotate fixedText
}

// fixedText is the last number appendFixed wrote for one field, always
// with the same precision, kept for the next number that is the same.
type fixedText struct {
	x   uint64 // math.Float64bits
	txt []byte // nil until a number is written
}

// append appends x as appendFixed(b, x, prec) does; prec is the field's.
func (t *fixedText) append(b []byte, x float64, prec int) []byte {
	if bits := math.Float64bits(x); t.txt == nil || bits != t.x {
		t.x, t.txt = bits, appendFixed(t.txt[:0], x, prec)
	}
	return append(b, t.txt...)
}

// flushAt is the length of buf past which it is hashed.
const flushAt = 4096

func (d *digester) flush() {
	d.h.Write(d.buf)
	d.buf = d.buf[:0]
}

// item hashes one item's line.
func (d *digester) item(it Item) {
	v, ok := it.(*TextRun)
	if !ok {
		d.flush()
		writeItem(d.h, it)
		return
	}
	// fmt's "text %.3f %.3f %s %.3f %v %q %v %.4f %.3f %v\n".
	b := append(d.buf, "text "...)
	b = appendFixed(b, v.X, 3)
	b = append(b, ' ')
	b = d.y.append(b, v.Y, 3)
	b = append(b, ' ')
	b = append(b, v.Font...)
	b = append(b, ' ')
	b = d.size.append(b, v.Size, 3)
	b = append(b, ' ')
	if d.colorTxt == nil || v.Color != d.color {
		d.color, d.colorTxt = v.Color, appendColor(d.colorTxt[:0], v.Color)
	}
	b = append(b, d.colorTxt...)
	b = append(b, ' ')
	b = appendQuote(b, v.Text)
	b = append(b, " ["...)
	for i, k := range v.Kern {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendShortest(b, k)
	}
	b = append(b, "] "...)
	b = d.scale.append(b, v.ScaleOrOne(), 4)
	b = append(b, ' ')
	b = d.rotate.append(b, v.Rotate, 3)
	b = append(b, ' ')
	b = strconv.AppendBool(b, v.Hyphen)
	b = append(b, '\n')
	d.buf = b
	if len(b) >= flushAt {
		d.flush()
	}
}

// appendQuote appends s as strconv.AppendQuote does. The text of a run
// is nearly always printable and without quotes or backslashes: then it
// goes between the quotes as it is.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < ' ' || c > '~' || c == '"' || c == '\\' {
				return strconv.AppendQuote(b, s)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if w == 1 || !strconv.IsPrint(r) { // w == 1: an invalid byte
			return strconv.AppendQuote(b, s)
		}
		i += w
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendColor appends c as %v formats it (Color.String).
func appendColor(b []byte, c Color) []byte {
	b = append(b, '{')
	for i, x := range [4]float64{c.C, c.M, c.Y, c.K} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendShortest(b, x)
	}
	if c.Spot != "" {
		b = append(b, " spot "...)
		b = strconv.AppendQuote(b, c.Spot)
		b = append(b, ' ')
		b = appendShortest(b, c.Tint)
	}
	return append(b, '}')
}

// appendShortest appends x as %v formats it (strconv's 'g' with the
// shortest precision), integers under a million, zero most of all,
// without strconv's work.
func appendShortest(b []byte, x float64) []byte {
	if x == math.Trunc(x) && math.Abs(x) < 1e6 && !(x == 0 && math.Signbit(x)) {
		return strconv.AppendInt(b, int64(x), 10)
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// pow10 holds 10^prec for the precisions of appendFixed.
var pow10 = [...]float64{1, 10, 100, 1000, 10000}

// appendFixed appends x with prec decimals, as strconv's 'f' format does
// (fmt's %.3f): x rounded to the nearest multiple of 10^-prec, a tie to
// the even one, the sign kept even when the rounded value is zero. For x
// of ordinary size it rounds x·10^prec to an integer itself: the product
// y and its rounding error, exact with a fused multiply-add, tell on which
// side of the half the true product lies.
func appendFixed(b []byte, x float64, prec int) []byte {
	ax := math.Abs(x)
	scale := pow10[prec]
	// Under 2^50 the product's ulp is at most 1/4, so that its fraction
	// and the half are multiples of it; above 2^-900 its error cannot
	// underflow.
	if !(ax < 1<<50/scale) || (ax != 0 && ax < 0x1p-900) {
		return strconv.AppendFloat(b, x, 'f', prec, 64)
	}
	y := ax * scale
	e := math.FMA(ax, scale, -y) // ax·scale − y, exactly
	f := math.Floor(y)
	n := uint64(f)
	switch frac := y - f; { // exact
	case frac > 0.5, frac == 0.5 && (e > 0 || e == 0 && n%2 == 1):
		n++
	}
	if math.Signbit(x) {
		b = append(b, '-')
	}
	p := uint64(scale)
	b = strconv.AppendUint(b, n/p, 10)
	if prec == 0 {
		return b
	}
	b = append(b, '.')
	r := n % p
	for q := p / 10; q > 0; q /= 10 {
		b = append(b, byte('0'+r/q))
		r %= q
	}
	return b
}

// writeItem hashes the line of an item other than a text run.
func writeItem(h hash.Hash, it Item) {
	switch v := it.(type) {
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
}
