// Package images inspects the photographs of a publication — format,
// pixel size, colour space, EXIF orientation — from their headers, without
// decoding pixels, and fits them into frames.
package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // register the decoders DecodeConfig uses
	_ "image/png"
	"strings"
)

// Info describes an image file.
type Info struct {
	Path        string
	Format      string // "jpeg" or "png"
	Width       int    // pixels as displayed (after EXIF orientation)
	Height      int
	ColorSpace  string // "rgb", "gray" or "cmyk"
	Orientation int    // EXIF orientation 1..8; 1 when absent
}

// MaxPixels is the largest image accepted, checked from the header before
// any decoding, so that a decompression bomb is refused at once.
const MaxPixels = 100_000_000

// ErrImage is wrapped by every error about an image's content.
var ErrImage = errors.New("bad image")

// Inspect reads an image's header. name is used in messages; the format is
// found from the content, not the extension.
func Inspect(name string, data []byte) (Info, error) {
	if len(data) == 0 {
		return Info{}, fmt.Errorf("%s: %w: the file is empty", name, ErrImage)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		kind := Format(data)
		if kind == "" {
			return Info{}, fmt.Errorf("%s: %w: not a JPEG or PNG file", name, ErrImage)
		}
		return Info{}, fmt.Errorf("%s: %w: corrupt or truncated %s: %v", name, ErrImage, strings.ToUpper(kind), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("%s: %w: %d×%d pixels", name, ErrImage, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return Info{}, fmt.Errorf("%s: %w: %d×%d pixels is more than the %d allowed", name, ErrImage, cfg.Width, cfg.Height, MaxPixels)
	}
	info := Info{Path: name, Format: format, Width: cfg.Width, Height: cfg.Height, ColorSpace: colorSpace(cfg), Orientation: 1}
	if format == "jpeg" {
		if o := jpegOrientation(data); o >= 1 && o <= 8 {
			info.Orientation = o
		}
		if info.Orientation >= 5 { // rotated a quarter turn
			info.Width, info.Height = info.Height, info.Width
		}
	}
	tail := data[len(data)-min(len(data), 64):]
	if format == "jpeg" && !bytes.Contains(tail, []byte{0xff, 0xd9}) {
		return Info{}, fmt.Errorf("%s: %w: truncated JPEG (no end-of-image marker)", name, ErrImage)
	}
	if format == "png" && !bytes.Contains(tail, []byte("IEND")) {
		return Info{}, fmt.Errorf("%s: %w: corrupt or truncated PNG (no IEND chunk)", name, ErrImage)
	}
	return info, nil
}

// Format tells an image file's format from its first bytes: "jpeg",
// "png", or "" for anything else.
func Format(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8}):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG")):
		return "png"
	}
	return ""
}

func colorSpace(cfg image.Config) string {
	m := cfg.ColorModel
	switch {
	case m == nil:
		return "rgb"
	case m == color.GrayModel || m == color.Gray16Model:
		return "gray"
	case m == color.CMYKModel:
		return "cmyk"
	}
	return "rgb"
}

// jpegOrientation reads the EXIF orientation from a JPEG's APP1 segment;
// 0 when there is none.
func jpegOrientation(data []byte) int {
	i := 2
	for i+4 <= len(data) && data[i] == 0xff {
		marker := data[i+1]
		if marker == 0xda || marker == 0xd9 { // start of scan: no more metadata
			return 0
		}
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		if size < 2 || i+2+size > len(data) {
			return 0
		}
		seg := data[i+4 : i+2+size]
		if marker == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return exifOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 0
}

// exifOrientation reads tag 0x0112 of IFD0 of a TIFF structure.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(tiff[4:]))
	if off+2 > len(tiff) {
		return 0
	}
	n := int(bo.Uint16(tiff[off:]))
	for k := 0; k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > len(tiff) {
			return 0
		}
		if bo.Uint16(tiff[e:]) == 0x0112 {
			return int(bo.Uint16(tiff[e+8:]))
		}
	}
	return 0
}

// Fit is how an image fills a frame.
type Fit int

// Fits.
const (
	Cover   Fit = iota // fill the frame, crop the overflow, centred
	Contain            // the whole image inside the frame, centred
)

// Rect is a rectangle in points: top-left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Place computes where to paint the image so it fits frame by mode, and
// its effective resolution there in pixels per inch (the lower of the two
// axes; frame units are points).
func Place(info Info, frame Rect, mode Fit) (painted Rect, ppi float64) {
	if info.Width <= 0 || info.Height <= 0 || frame.W <= 0 || frame.H <= 0 {
		return frame, 0
	}
	sx, sy := frame.W/float64(info.Width), frame.H/float64(info.Height)
	s := max(sx, sy)
	if mode == Contain {
		s = min(sx, sy)
	}
	w, h := float64(info.Width)*s, float64(info.Height)*s
	painted = Rect{X: frame.X + (frame.W-w)/2, Y: frame.Y + (frame.H-h)/2, W: w, H: h}
	return painted, 72 / s
}
