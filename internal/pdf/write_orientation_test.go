package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/duetto-press/duetto/internal/testenv"
	"github.com/duetto-press/duetto/layout"
)

// halfRedHalfBlue is a 40×20 JPEG, red on its left half and blue on its
// right, carrying the given EXIF orientation.
func halfRedHalfBlue(t *testing.T, orientation byte) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			c := color.RGBA{220, 20, 20, 255}
			if x >= 20 {
				c = color.RGBA{20, 20, 220, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	jpg := buf.Bytes()
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := append([]byte{0xff, 0xe1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
	out := append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
	return out
}

// TestImagesShowUpright places a photo stored sideways (EXIF orientation
// 6 or 8, as phones write them) into its displayed frame and checks the
// rendered page: the stored left half must show at the top (6) or the
// bottom (8) of the frame.
func TestImagesShowUpright(t *testing.T) {
	tests := []struct {
		orientation byte
		top, bottom string
	}{
		{6, "red", "blue"},
		{8, "blue", "red"},
		{3, "", ""}, // turned 180°: left/right swap, checked below
	}
	for _, tt := range tests {
		frame := layout.Rect{X: 50, Y: 50, W: 50, H: 100}
		if tt.orientation == 3 {
			frame = layout.Rect{X: 50, Y: 50, W: 100, H: 50}
		}
		doc := &layout.Document{Trim: layout.Size{W: 200, H: 200}, Meta: layout.Meta{Date: 0}, Pages: []layout.Page{{Index: 1, Items: []layout.Item{
			&layout.Image{Data: halfRedHalfBlue(t, tt.orientation), Frame: frame, Clip: frame, Block: "photo", Orientation: int(tt.orientation)},
		}}}}
		var buf bytes.Buffer
		if err := Write(&buf, doc, Options{}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		pdfName := filepath.Join(dir, "o.pdf")
		if err := os.WriteFile(pdfName, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(testenv.Tool(t, "pdftoppm"), "-r", "72", "-png", "-singlefile", pdfName, filepath.Join(dir, "o")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		f, err := os.Open(filepath.Join(dir, "o.png"))
		if err != nil {
			t.Fatal(err)
		}
		page, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		name := func(x, y int) string {
			r, _, b, _ := page.At(x, y).RGBA()
			switch {
			case r > 2*b:
				return "red"
			case b > 2*r:
				return "blue"
			}
			return "other"
		}
		if tt.orientation == 3 {
			if l, r := name(60, 75), name(140, 75); l != "blue" || r != "red" {
				t.Errorf("orientation 3: left %s, right %s; want blue, red", l, r)
			}
			continue
		}
		if top, bottom := name(75, 60), name(75, 140); top != tt.top || bottom != tt.bottom {
			t.Errorf("orientation %d: top %s, bottom %s; want %s, %s", tt.orientation, top, bottom, tt.top, tt.bottom)
		}
	}
}
