package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
)

// MaxSeparationInk is the total area coverage, the sum of the four inks,
// that RGBToCMYK never exceeds: 280 %, in units of 1/255 of one ink at
// full strength. It stays 20 points under the 300 % that preflight
// allows, so that the small errors of JPEG compression cannot push a
// pixel over.
const MaxSeparationInk = 714 // 2.8 × 255

// RGBToCMYK separates a colour into process inks with a simple, fixed
// formula. It is not colour management: it knows neither the RGB space
// of the input nor the press the inks are meant for, and takes neither
// ICC profile nor rendering intent; the values it gives are plausible,
// not a proof. A publication that needs a faithful separation supplies
// photos converted to CMYK for its printing condition (by the printer's
// profile, in an image editor) and duetto embeds them as they are.
//
// With R, G, B and C, M, Y, K all from 0 to 1 (0 to 255 in the image):
//
//  1. K = 1 − max(R, G, B): the grey component of the colour is printed
//     with black alone (full grey-component replacement), so neutral
//     greys are K only, and pure black RGB 0/0/0 is 0/0/0/100.
//  2. C = (1 − R − K) / (1 − K), and likewise M from G and Y from B (all
//     0 when K = 1). This is the exact inverse of the naive conversion
//     R = (1 − C)(1 − K) that image/color and simple viewers use, so a
//     screen preview shows the RGB colour again.
//  3. Total-ink limit: the ink of the lightest channel is 0 by step 2,
//     so the total is at most 2 + K; when it exceeds MaxSeparationInk (dark,
//     saturated colours), C, M and Y are scaled down by the same factor,
//     keeping K, until the total is MaxSeparationInk.
//
// The arithmetic is integer, rounded to nearest, so every machine gives
// the same result.
func RGBToCMYK(r, g, b uint8) color.CMYK {
	k := 255 - int32(max(r, g, b))
	if k == 255 {
		return color.CMYK{K: 255}
	}
	w := 255 - k // 1 − K, in 1/255
	ink := func(v uint8) int32 {
		return ((255-int32(v)-k)*255 + w/2) / w
	}
	c, m, y := ink(r), ink(g), ink(b)
	if cmy := c + m + y; cmy+k > MaxSeparationInk {
		budget := MaxSeparationInk - k
		scale := func(v int32) int32 { return (v*budget + cmy/2) / cmy }
		c, m, y = scale(c), scale(m), scale(y)
		// Rounding each up could leave the total a unit or two over.
		for c+m+y > budget {
			switch max(c, m, y) {
			case c:
				c--
			case m:
				m--
			default:
				y--
			}
		}
	}
	return color.CMYK{C: uint8(c), M: uint8(m), Y: uint8(y), K: uint8(k)}
}

// ToCMYK separates an image into process inks pixel by pixel with
// RGBToCMYK. A pixel that is not opaque is first composited over white
// paper. The result has m's bounds.
func ToCMYK(m image.Image) *image.CMYK {
	b := m.Bounds()
	out := image.NewCMYK(b)
	if src, ok := m.(*image.RGBA); ok && src.Opaque() {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			s := src.Pix[src.PixOffset(b.Min.X, y):]
			d := out.Pix[out.PixOffset(b.Min.X, y):]
			for i := 0; i < 4*b.Dx(); i += 4 {
				c := RGBToCMYK(s[i], s[i+1], s[i+2])
				d[i], d[i+1], d[i+2], d[i+3] = c.C, c.M, c.Y, c.K
			}
		}
		return out
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		d := out.Pix[out.PixOffset(b.Min.X, y):]
		for x := b.Min.X; x < b.Max.X; x++ {
			// Premultiplied components: over white, add the paper
			// that shows through.
			r, g, bl, a := m.At(x, y).RGBA()
			paper := 0xffff - a
			c := RGBToCMYK(uint8((r+paper)>>8), uint8((g+paper)>>8), uint8((bl+paper)>>8))
			i := 4 * (x - b.Min.X)
			d[i], d[i+1], d[i+2], d[i+3] = c.C, c.M, c.Y, c.K
		}
	}
	return out
}

// ConvertToCMYK turns a JPEG or PNG photo in RGB into a CMYK JPEG: it
// decodes it, separates it with ToCMYK (not colour management: an
// embedded ICC profile is ignored, see RGBToCMYK) and encodes it with
// EncodeCMYK at quality. The EXIF orientation, if any, is kept (as the
// only EXIF tag of the new file), so the photo shows the same way up;
// other metadata is dropped. name names the photo in errors.
func ConvertToCMYK(name string, data []byte, quality int) ([]byte, error) {
	info, err := Inspect(name, data) // checks the size before decoding
	if err != nil {
		return nil, err
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrImage, err)
	}
	var out bytes.Buffer
	if err := EncodeCMYK(&out, ToCMYK(m), quality); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	jpg := out.Bytes()
	if info.Orientation == 1 {
		return jpg, nil
	}
	seg := exifSegment(uint16(info.Orientation))
	return append(append(append(make([]byte, 0, len(jpg)+len(seg)), jpg[:2]...), seg...), jpg[2:]...), nil
}

// exifSegment is an APP1 EXIF segment whose TIFF structure holds one tag
// in IFD0, the orientation.
func exifSegment(orientation uint16) []byte {
	be := binary.BigEndian
	tiff := []byte("MM\x00*")
	tiff = be.AppendUint32(tiff, 8) // IFD0 right after the header
	tiff = be.AppendUint16(tiff, 1) // one entry:
	tiff = be.AppendUint16(tiff, 0x0112)
	tiff = be.AppendUint16(tiff, 3) // SHORT
	tiff = be.AppendUint32(tiff, 1) // one value, left-justified in 4 bytes
	tiff = be.AppendUint16(tiff, orientation)
	tiff = be.AppendUint16(tiff, 0)
	tiff = be.AppendUint32(tiff, 0) // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	return append(be.AppendUint16([]byte{0xff, 0xe1}, uint16(len(payload)+2)), payload...)
}
