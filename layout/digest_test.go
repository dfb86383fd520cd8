package layout

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"testing"
)

// lineHash collects what writeItem hashes.
type lineHash struct{ bytes.Buffer }

func (*lineHash) Sum(b []byte) []byte { return b }
func (*lineHash) Size() int           { return 0 }
func (*lineHash) BlockSize() int      { return 1 }

// The digest of a text run is written with strconv; it must be the line
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
		writeItem(&got, v, nil)
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
