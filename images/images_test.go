package images

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"testing"
)

func encodeJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withOrientation inserts an EXIF APP1 segment with the given orientation
// after a JPEG's SOI marker.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(o >> 8), byte(o), 0, 0, 0, 0, 0, 0}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xff, 0xe1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func TestInspect(t *testing.T) {
	jpg := encodeJPEG(t, 40, 30)
	gray := encodePNG(t, image.NewGray(image.Rect(0, 0, 5, 7)))
	tests := []struct {
		name       string
		data       []byte
		w, h       int
		format     string
		colorSpace string
	}{
		{"photo.jpg", jpg, 40, 30, "jpeg", "rgb"},
		{"rotated.jpg", withOrientation(jpg, 6), 30, 40, "jpeg", "rgb"},
		{"gray.png", gray, 5, 7, "png", "gray"},
		{"png-named.jpg", gray, 5, 7, "png", "gray"},
	}
	for _, tt := range tests {
		info, err := Inspect(tt.name, tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if info.Width != tt.w || info.Height != tt.h || info.Format != tt.format || info.ColorSpace != tt.colorSpace {
			t.Errorf("%s: got %+v", tt.name, info)
		}
	}
}

func TestInspectRefusesBadFiles(t *testing.T) {
	jpg := encodeJPEG(t, 40, 30)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty.jpg", nil},
		{"text.jpg", []byte("hello, not an image")},
		{"truncated.jpg", jpg[:len(jpg)/2]},
		{"header-only.png", encodePNG(t, image.NewRGBA(image.Rect(0, 0, 3, 3)))[:20]},
		{"truncated-body.png", encodePNG(t, image.NewGray(image.Rect(0, 0, 400, 300)))[:60]}, // header reads fine
	}
	for _, tt := range tests {
		if _, err := Inspect(tt.name, tt.data); !errors.Is(err, ErrImage) {
			t.Errorf("%s: error = %v, want ErrImage", tt.name, err)
		}
	}
}

func TestInspectRefusesDecompressionBombs(t *testing.T) {
	// A PNG header announcing 20000×20000 pixels: refused from the header.
	img := image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.Black})
	data := encodePNG(t, img)
	// Patch width and height in the IHDR chunk (offsets 16 and 20).
	copy(data[16:], []byte{0, 0, 0x4e, 0x20})
	copy(data[20:], []byte{0, 0, 0x4e, 0x20})
	if _, err := Inspect("bomb.png", data); !errors.Is(err, ErrImage) {
		t.Errorf("error = %v, want ErrImage", err)
	}
}

func TestPlace(t *testing.T) {
	const mm = 72 / 25.4
	tests := []struct {
		name    string
		info    Info
		frame   Rect
		mode    Fit
		painted Rect
		ppi     float64
	}{
		{"300 ppi exactly", Info{Width: 1181, Height: 1181}, Rect{0, 0, 100 * mm, 100 * mm}, Cover, Rect{0, 0, 100 * mm, 100 * mm}, 299.97},
		{"landscape covers portrait: crop sides", Info{Width: 200, Height: 100}, Rect{0, 0, 50, 100}, Cover, Rect{-75, 0, 200, 100}, 72},
		{"landscape contained in portrait: bands", Info{Width: 200, Height: 100}, Rect{0, 0, 50, 100}, Contain, Rect{0, 37.5, 50, 25}, 288},
	}
	for _, tt := range tests {
		p, ppi := Place(tt.info, tt.frame, tt.mode)
		if !near(p.X, tt.painted.X) || !near(p.Y, tt.painted.Y) || !near(p.W, tt.painted.W) || !near(p.H, tt.painted.H) {
			t.Errorf("%s: painted %+v, want %+v", tt.name, p, tt.painted)
		}
		if math.Abs(ppi-tt.ppi) > 0.01 {
			t.Errorf("%s: ppi %v, want %v", tt.name, ppi, tt.ppi)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
