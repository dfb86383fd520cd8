package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

func TestRGBToCMYK(t *testing.T) {
	tests := []struct {
		name    string
		r, g, b uint8
		want    color.CMYK
	}{
		{"white paper", 255, 255, 255, color.CMYK{}},
		{"black: K only", 0, 0, 0, color.CMYK{K: 255}},
		{"mid grey: K only", 128, 128, 128, color.CMYK{K: 127}},
		{"light grey: K only", 230, 230, 230, color.CMYK{K: 25}},
		{"red", 255, 0, 0, color.CMYK{M: 255, Y: 255}},
		{"green", 0, 255, 0, color.CMYK{C: 255, Y: 255}},
		{"blue", 0, 0, 255, color.CMYK{C: 255, M: 255}},
		{"cyan", 0, 255, 255, color.CMYK{C: 255}},
		{"yellow", 255, 255, 0, color.CMYK{Y: 255}},
		{"orange", 255, 128, 0, color.CMYK{M: 127, Y: 255}},
		{"dark blue: grey in K", 0, 0, 128, color.CMYK{C: 255, M: 255, K: 127}},
		// 255 + 255 + 0 + 153 = 663 ≤ 714: no limit.
		{"dark red", 102, 0, 0, color.CMYK{M: 255, Y: 255, K: 153}},
		// Unlimited 0/255/255/204 is 714 exactly.
		{"darker red, at the limit", 51, 0, 0, color.CMYK{M: 255, Y: 255, K: 204}},
		// Unlimited 0/255/255/230 = 300 %: C, M, Y scaled to 714 − 230.
		{"near-black red, limited", 25, 0, 0, color.CMYK{M: 242, Y: 242, K: 230}},
		// Unlimited 255/255/0/245: scaled to 469 between C and M.
		{"near-black blue, limited", 0, 0, 10, color.CMYK{C: 234, M: 235, K: 245}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RGBToCMYK(tt.r, tt.g, tt.b); got != tt.want {
				t.Errorf("RGBToCMYK(%d, %d, %d) = %v, want %v", tt.r, tt.g, tt.b, got, tt.want)
			}
		})
	}
}

// Over the whole RGB cube (every third level): the total ink stays
// within the limit, neutrals are black alone, the lightest ink is 0 and
// what is not limited converts back to the colour by image/color's naive
// formula.
func TestRGBToCMYKProperties(t *testing.T) {
	limited := 0
	for r := 0; r < 256; r += 3 {
		for g := 0; g < 256; g += 3 {
			for b := 0; b < 256; b += 3 {
				c := RGBToCMYK(uint8(r), uint8(g), uint8(b))
				total := int(c.C) + int(c.M) + int(c.Y) + int(c.K)
				if total > MaxSeparationInk {
					t.Fatalf("%d/%d/%d → %v: %d%% ink", r, g, b, c, total*100/255)
				}
				if r == g && g == b && (c.C != 0 || c.M != 0 || c.Y != 0) {
					t.Fatalf("grey %d → %v, want black alone", r, c)
				}
				if min(c.C, c.M, c.Y) != 0 {
					t.Fatalf("%d/%d/%d → %v: all three inks", r, g, b, c)
				}
				if total == MaxSeparationInk { // limited, or just at the limit
					limited++
					continue
				}
				rr, gg, bb := color.CMYKToRGB(c.C, c.M, c.Y, c.K)
				if absDiff(rr, uint8(r)) > 1 || absDiff(gg, uint8(g)) > 1 || absDiff(bb, uint8(b)) > 1 {
					t.Fatalf("%d/%d/%d → %v → %d/%d/%d", r, g, b, c, rr, gg, bb)
				}
			}
		}
	}
	if limited == 0 {
		t.Error("no colour reached the ink limit")
	}
}

func TestToCMYK(t *testing.T) {
	colours := []color.NRGBA{
		{0, 0, 0, 255}, {255, 255, 255, 255}, {200, 30, 40, 255}, {10, 120, 230, 255},
		{0, 0, 0, 0},   // transparent: white paper
		{0, 0, 0, 128}, // half-transparent black: a mid grey
		{255, 0, 0, 255},
	}
	want := []color.CMYK{
		{K: 255}, {}, RGBToCMYK(200, 30, 40), RGBToCMYK(10, 120, 230),
		{}, {K: 128}, {M: 255, Y: 255},
	}
	nrgba := image.NewNRGBA(image.Rect(3, 2, 3+len(colours), 3))
	opaque := image.NewRGBA(nrgba.Rect)
	for i, c := range colours {
		nrgba.SetNRGBA(3+i, 2, c)
		opaque.Set(3+i, 2, color.NRGBA{c.R, c.G, c.B, 255})
	}
	for _, tt := range []struct {
		name string
		img  image.Image
		want func(i int) color.CMYK
	}{
		{"NRGBA with transparency", nrgba, func(i int) color.CMYK { return want[i] }},
		{"opaque RGBA", opaque, func(i int) color.CMYK {
			c := colours[i]
			return RGBToCMYK(c.R, c.G, c.B)
		}},
	} {
		got := ToCMYK(tt.img)
		if got.Bounds() != tt.img.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", tt.name, got.Bounds(), tt.img.Bounds())
		}
		for i := range colours {
			if g := got.CMYKAt(3+i, 2); g != tt.want(i) {
				t.Errorf("%s: pixel %d (%v) → %v, want %v", tt.name, i, colours[i], g, tt.want(i))
			}
		}
	}
}

func TestConvertToCMYK(t *testing.T) {
	// A picture 40×30 as stored: red on the left half, blue on the right.
	stored := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			c := color.RGBA{255, 0, 0, 255}
			if x >= 20 {
				c = color.RGBA{0, 0, 255, 255}
			}
			stored.SetRGBA(x, y, c)
		}
	}
	translucent := image.NewNRGBA(image.Rect(0, 0, 16, 16)) // all transparent
	jpg := encodeJPEG(t, stored)
	tests := []struct {
		name        string
		data        []byte
		info        Info // of the result
		left, right color.CMYK
	}{
		{"RGB JPEG", jpg, Info{Path: "p", Format: "jpeg", Width: 40, Height: 30, ColorSpace: "cmyk", Depth: 8, Orientation: 1},
			color.CMYK{M: 255, Y: 255}, color.CMYK{C: 255, M: 255}},
		{"turned JPEG keeps its orientation", withAPP1(jpg, exif(binary.LittleEndian, 6)), Info{Path: "p", Format: "jpeg", Width: 30, Height: 40, ColorSpace: "cmyk", Depth: 8, Orientation: 6},
			color.CMYK{M: 255, Y: 255}, color.CMYK{C: 255, M: 255}},
		{"RGB PNG", encodePNG(t, stored), Info{Path: "p", Format: "jpeg", Width: 40, Height: 30, ColorSpace: "cmyk", Depth: 8, Orientation: 1},
			color.CMYK{M: 255, Y: 255}, color.CMYK{C: 255, M: 255}},
		{"transparent PNG: white paper", encodePNG(t, translucent), Info{Path: "p", Format: "jpeg", Width: 16, Height: 16, ColorSpace: "cmyk", Depth: 8, Orientation: 1},
			color.CMYK{}, color.CMYK{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := ConvertToCMYK("p", tt.data, 90)
			if err != nil {
				t.Fatal(err)
			}
			info, err := Inspect("p", out)
			info.HeaderLen = 0 // tested with Inspect
			if err != nil || info != tt.info {
				t.Fatalf("Inspect: %+v, %v; want %+v", info, err, tt.info)
			}
			dec, err := jpeg.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			m := dec.(*image.CMYK) // as stored, not turned
			w := m.Bounds().Dx()
			for _, p := range []struct {
				x    int
				want color.CMYK
			}{{w / 8, tt.left}, {w - 1 - w/8, tt.right}} {
				got := m.CMYKAt(p.x, 5)
				if d := max(absDiff(got.C, p.want.C), absDiff(got.M, p.want.M), absDiff(got.Y, p.want.Y), absDiff(got.K, p.want.K)); d > 8 {
					t.Errorf("pixel %d,5: %v, want about %v", p.x, got, p.want)
				}
			}
		})
	}
	if _, err := ConvertToCMYK("broken.jpg", jpg[:len(jpg)/2], 90); !errors.Is(err, ErrImage) {
		t.Errorf("a truncated JPEG: %v, want ErrImage", err)
	}
}
