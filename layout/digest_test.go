package layout

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// lineHash collects what writeItem hashes.
type lineHash struct{ bytes.Buffer }

func (*lineHash) Sum(b []byte) []byte { return b }
func (*lineHash) Size() int           { return 0 }
func (*lineHash) BlockSize() int      { return 1 }

// The digest of a text run is written without fmt; it must be the line
// fmt wrote, or every earlier PDF's digests would change.
func TestTextRunDigestLineIsFmts(t *testing.T) {
	runs := []*TextRun{
		{X: 56.6929, Y: 100.5, Font: "sans-regular", Size: 11.5, Color: Black, Text: "Torino,", Kern: []float64{0, -15.5, 0, 1e-7, -0}},
		{X: -0.0004, Y: 1e21, Font: "sans-bold", Size: 9, Color: Color{C: 1, M: 0.7, Y: 0, K: 0.1}, Text: "“città” \x00\t✓", Scale: 0.98, Rotate: 90, Hyphen: true},
		{X: math.Inf(1), Y: math.NaN(), Text: "", Kern: []float64{1e-5, 123456789, 1.5e300}},
		{X: 10, Y: 20, Font: "serif-italic", Size: 8, Color: Color{C: 0.3, M: 0.12, K: 0.05, Spot: "PANTONE 2945 C", Tint: 0.4}, Text: "spot"},
	}
	for _, v := range runs {
		var got lineHash
		d := digester{h: &got}
		d.item(v)
		d.flush()
		want := fmt.Sprintf("text %.3f %.3f %s %.3f %v %q %v %.4f %.3f %v\n", v.X, v.Y, v.Font, v.Size, v.Color, v.Text, v.Kern, v.ScaleOrOne(), v.Rotate, v.Hyphen)
		if got.String() != want {
			t.Errorf("digest line\n got %q\nwant %q", got.String(), want)
		}
	}
}

func TestImageSumFollowsItsData(t *testing.T) {
	data := []byte("a photo")
	other := []byte("another photo")
	im := &Image{Data: data, sum: sha256.Sum256(data), sumOf: &data[0]}
	if im.Sum() != sha256.Sum256(data) {
		t.Error("the handed-over sum is not the data's")
	}
	im.Data = other // replaced, as a separation into CMYK does
	if im.Sum() != sha256.Sum256(other) {
		t.Error("the sum did not follow the new data")
	}
	if (&Image{}).Sum() != sha256.Sum256(nil) {
		t.Error("the sum of no data")
	}
}

// fmtDigest is Page.Digest as it was first written, with fmt: the digests
// earlier PDFs carry.
func fmtDigest(p *Page) string {
	h := sha256.New()
	fmt.Fprintf(h, "page %d folio %q\n", p.Index, p.Folio)
	for _, it := range p.Items {
		switch v := it.(type) {
		case *TextRun:
			fmt.Fprintf(h, "text %.3f %.3f %s %.3f %v %q %v %.4f %.3f %v\n", v.X, v.Y, v.Font, v.Size, v.Color, v.Text, v.Kern, v.ScaleOrOne(), v.Rotate, v.Hyphen)
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
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// TestDigestIsFmts: every page of every edition of the examples and of a
// generated book has the digest fmt gave it.
func TestDigestIsFmts(t *testing.T) {
	for _, name := range []string{"brochure", "vetreria", "gen-60"} {
		pub := loadPub(t, name)
		res := mustResources(t, pub)
		for _, lang := range []string{"", pub.Languages[0], pub.Languages[1]} {
			doc, err := LayoutEdition(pub, res, lang)
			if err != nil {
				t.Fatal(err)
			}
			for i := range doc.Pages {
				if got, want := doc.Pages[i].Digest(), fmtDigest(&doc.Pages[i]); got != want {
					t.Errorf("%s %q page %d: digest %s, fmt's %s", name, lang, i+1, got, want)
				}
			}
		}
	}
}

// TestAppendFixedIsStrconvs: appendFixed writes what strconv's 'f' format
// writes, at ties (exact and off by an ulp), signed zeros, the ends of its
// fast range and past them, and at random.
func TestAppendFixedIsStrconvs(t *testing.T) {
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.0005, 0.0015, 0.0025, 1.0005, 2.0005, 0.00049999999999999995,
		-0.0004, -0.0005, -0.0006, 56.6929, 100.5, 1e-7, 5e-324, 0x1p-900, 0x1p-901, 1e9, 1 << 50 / 1000.0, 1<<50/1000.0 + 1, 1 << 50 / 10000.0, 1e21,
		math.Inf(1), math.Inf(-1), math.NaN(), 123456.78951, 0.12345, 0.98765, 228.1889763779527, 228.18897637795277}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		k := r.Int64N(2e9) - 1e9
		switch r.IntN(4) {
		case 0: // a tie of 3 or 4 decimals, and its neighbours
			x := float64(k) / 20000
			xs = append(xs, x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1)))
		case 1: // a value of a few decimals
			xs = append(xs, float64(k)/1000, float64(k)/10000)
		case 2: // any bits
			xs = append(xs, math.Float64frombits(r.Uint64()))
		default: // a coordinate
			xs = append(xs, (r.Float64()-0.5)*2000)
		}
	}
	for _, x := range xs {
		for _, prec := range []int{3, 4} {
			if got, want := string(appendFixed(nil, x, prec)), strconv.FormatFloat(x, 'f', prec, 64); got != want {
				t.Fatalf("appendFixed(%v (%#x), %d) = %s, strconv %s", x, math.Float64bits(x), prec, got, want)
			}
		}
		if got, want := string(appendShortest(nil, x)), fmt.Sprint(x); got != want {
			t.Fatalf("appendShortest(%v) = %s, fmt %s", x, got, want)
		}
	}
}

// TestAppendQuoteIsStrconvs: appendQuote writes what strconv.AppendQuote
// writes, for texts it passes through and texts it hands over.
func TestAppendQuoteIsStrconvs(t *testing.T) {
	for _, s := range []string{
		"", "a", "Torino,", "città", "l’Agricoltura", "“socio-economico”", "~ !", "a\"b", `a\b`, "\x7f", "\x1f", "\t",
		"\u00a0", "a\u00adb", "\u200b", "\ufffd", "\xff", "é\xe9", "\xe2\x80", "𝔞", "\U0010ffff", "\u2028", "x\x00",
	} {
		if got, want := string(appendQuote([]byte("<"), s)), string(strconv.AppendQuote([]byte("<"), s)); got != want {
			t.Errorf("appendQuote(%q) = %s, strconv %s", s, got, want)
		}
	}
}
