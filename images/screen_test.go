package images

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func TestCMYKToRGB(t *testing.T) {
	tests := []struct {
		name       string
		c, m, y, k uint8
		want       color.RGBA
	}{
		{"paper", 0, 0, 0, 0, color.RGBA{255, 255, 255, 255}},
		{"solid black", 0, 0, 0, 255, color.RGBA{29, 29, 27, 255}},
		{"solid cyan", 255, 0, 0, 0, color.RGBA{0, 158, 224, 255}},
		{"solid magenta", 0, 255, 0, 0, color.RGBA{229, 0, 126, 255}},
		{"solid yellow", 0, 0, 255, 0, color.RGBA{255, 237, 0, 255}},
		{"cyan + magenta", 255, 255, 0, 0, color.RGBA{49, 39, 131, 255}},
		{"half cyan: between paper and cyan", 128, 0, 0, 0, color.RGBA{127, 206, 239, 255}},
		// The Città metropolitana blue, 100/70/0/10: a deep blue, not the
		// naive formula's electric 0/69/230
		// (31/68/144: 255/179/0/26 is 100/70.2/0/10.2).
		{"Turin blue 100/70/0/10", 255, 179, 0, 26, color.RGBA{31, 68, 144, 255}},
		{"60 % black", 0, 0, 0, 153, color.RGBA{119, 119, 118, 255}},
		{"registration", 255, 255, 255, 255, color.RGBA{6, 5, 5, 255}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CMYKToRGB(tt.c, tt.m, tt.y, tt.k); got != tt.want {
				t.Errorf("CMYKToRGB(%d, %d, %d, %d) = %v, want %v", tt.c, tt.m, tt.y, tt.k, got, tt.want)
			}
		})
	}
}

// More ink never makes a colour lighter (by its luma; a single channel
// may grow: yellow has no blue, green a little).
func TestCMYKToRGBMonotone(t *testing.T) {
	for c := 0; c < 256; c += 17 {
		for m := 0; m < 256; m += 17 {
			for y := 0; y < 256; y += 17 {
				for k := 0; k < 256; k += 17 {
					base := CMYKToRGB(uint8(c), uint8(m), uint8(y), uint8(k))
					for i, more := range []color.RGBA{
						CMYKToRGB(uint8(min(c+17, 255)), uint8(m), uint8(y), uint8(k)),
						CMYKToRGB(uint8(c), uint8(m), uint8(y), uint8(min(k+17, 255))),
					} {
						if luma(more) > luma(base)+10000 { // one level of rounding
							t.Fatalf("%d/%d/%d/%d: more of ink %d gives %v, lighter than %v", c, m, y, k, i, more, base)
						}
					}
				}
			}
		}
	}
}

func TestShrink(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 4, 2))
	for x := 0; x < 4; x++ {
		for y := 0; y < 2; y++ {
			src.SetRGBA(x, y, color.RGBA{uint8(100 * (x % 2)), 50, uint8(60 * y), 255})
		}
	}
	got := Shrink(src, 2, 1)
	want := color.RGBA{50, 50, 30, 255}
	for x := 0; x < 2; x++ {
		if c := got.RGBAAt(x, 0); c != want {
			t.Errorf("pixel %d = %v, want %v", x, c, want)
		}
	}
	// A transparent pixel is paper.
	clear := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	if c := Shrink(clear, 1, 1).RGBAAt(0, 0); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("transparent → %v, want white", c)
	}
}

// cmykJPEG is a w×h CMYK JPEG of one colour, written by EncodeCMYK.
func solidCMYKJPEG(t *testing.T, w, h int, c color.CMYK) []byte {
	t.Helper()
	m := image.NewCMYK(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.C, c.M, c.Y, c.K
	}
	var buf bytes.Buffer
	if err := EncodeCMYK(&buf, m, 90); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestConvertForScreen(t *testing.T) {
	var grey, rgb, pngData bytes.Buffer
	if err := jpeg.Encode(&grey, image.NewGray(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&rgb, image.NewRGBA(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&pngData, image.NewRGBA(image.Rect(0, 0, 64, 48))); err != nil {
		t.Fatal(err)
	}
	blue := solidCMYKJPEG(t, 64, 48, color.CMYK{C: 255, M: 179, K: 26})
	tests := []struct {
		name       string
		data       []byte
		maxW, maxH int
		same       bool // returned as given
		space      string
		w, h       int
	}{
		{"CMYK JPEG: RGB", blue, 0, 0, false, "rgb", 64, 48},
		{"CMYK JPEG, shrunk", blue, 32, 32, false, "rgb", 32, 24},
		{"grey JPEG that fits", grey.Bytes(), 64, 48, true, "gray", 64, 48},
		{"grey JPEG, shrunk: still grey", grey.Bytes(), 16, 100, false, "gray", 16, 12},
		{"RGB JPEG that fits", rgb.Bytes(), 100, 100, true, "rgb", 64, 48},
		{"RGB JPEG, shrunk", rgb.Bytes(), 100, 24, false, "rgb", 32, 24},
		{"PNG that fits", pngData.Bytes(), 0, 0, true, "rgb", 64, 48},
		{"PNG, shrunk: a JPEG", pngData.Bytes(), 32, 32, false, "rgb", 32, 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ConvertForScreen("a.jpg", tt.data, tt.maxW, tt.maxH, 80)
			if err != nil {
				t.Fatal(err)
			}
			if same := bytes.Equal(got, tt.data); same != tt.same {
				t.Fatalf("returned as given: %v, want %v", same, tt.same)
			}
			info, err := Inspect("a.jpg", got)
			if err != nil {
				t.Fatal(err)
			}
			if info.ColorSpace != tt.space || info.Width != tt.w || info.Height != tt.h {
				t.Errorf("got %s %d×%d, want %s %d×%d", info.ColorSpace, info.Width, info.Height, tt.space, tt.w, tt.h)
			}
			again, err := ConvertForScreen("a.jpg", tt.data, tt.maxW, tt.maxH, 80)
			if err != nil || !bytes.Equal(again, got) {
				t.Errorf("a second conversion differs (err %v)", err)
			}
		})
	}
	// The colour survives: the Turin blue comes out near CMYKToRGB's.
	got, err := ConvertForScreen("blue.jpg", blue, 0, 0, 90)
	if err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, _ := m.At(10, 10).RGBA()
	want := CMYKToRGB(255, 179, 0, 26)
	if d := absDiff(uint8(r>>8), want.R) + absDiff(uint8(g>>8), want.G) + absDiff(uint8(b>>8), want.B); d > 9 {
		t.Errorf("the blue photo shows %d/%d/%d, want about %v", r>>8, g>>8, b>>8, want)
	}
}

func TestConvertForScreenKeepsOrientation(t *testing.T) {
	jpg := solidCMYKJPEG(t, 40, 20, color.CMYK{K: 128})
	seg := exifSegment(6)
	turned := append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
	got, err := ConvertForScreen("t.jpg", turned, 20, 30, 80)
	if err != nil {
		t.Fatal(err)
	}
	info, err := Inspect("t.jpg", got)
	if err != nil {
		t.Fatal(err)
	}
	// Stored 40×20, shown 20×40: fitted into 20×30 as shown, 15×30.
	if info.Orientation != 6 || info.Width != 15 || info.Height != 30 {
		t.Errorf("got orientation %d, %d×%d shown; want 6, 15×30", info.Orientation, info.Width, info.Height)
	}
}

// luma is Rec. 709 luma, 0 to 255·10000.
func luma(c color.RGBA) int { return 2126*int(c.R) + 7152*int(c.G) + 722*int(c.B) }
