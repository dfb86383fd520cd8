package images

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
)

// This file holds the way back from print to screen: the colour a CMYK
// value shows on paper, approximated in sRGB, and the conversion of a
// CMYK photo into an RGB JPEG of screen resolution.

// inkRGB are the sRGB colours of the eight overprints of cyan, magenta
// and yellow at full strength — paper, C, M, Y, C+M, C+Y, M+Y, C+M+Y,
// indexed by the bits c<<2 | m<<1 | y — as coated offset paper (FOGRA39)
// shows them, rounded; and blackRGB that of solid black. They are the
// approximate values that brand manuals publish for these solids, not a
// measurement, and CMYKToRGB is no ICC conversion.
var inkRGB = [8][3]int64{
	0b000: {255, 255, 255}, // paper
	0b001: {255, 237, 0},   // yellow
	0b010: {229, 0, 126},   // magenta
	0b011: {227, 6, 19},    // magenta + yellow: red
	0b100: {0, 158, 224},   // cyan
	0b101: {0, 150, 64},    // cyan + yellow: green
	0b110: {49, 39, 131},   // cyan + magenta: blue-violet
	0b111: {50, 45, 45},    // all three: a dark brown-grey
}

var blackRGB = [3]int64{29, 29, 27}

// CMYKToRGB is the colour that process inks c, m, y, k (0 to 255 of full
// strength) show on coated paper, approximated in sRGB: a soft proof on
// screen, used for the screen editions of a publication. It is not colour
// management (no ICC profile, no rendering intent), but it keeps the
// look of the print far better than the naive R = (1 − C)(1 − K), which
// turns a printed blue such as 100/70/0/10 into an electric 0/69/230
// instead of the 31/68/144 it looks like on paper:
//
//  1. Cyan, magenta and yellow are interpolated between the sRGB colours
//     of their eight solid overprints (paper, C, M, Y, C+M, C+Y, M+Y,
//     C+M+Y; see inkRGB), each weighted by the fraction of the area it
//     covers when the three screens are laid over each other at random
//     (Demichel's weights, as in the Neugebauer model of halftone
//     colour): for example C+M covers c·m·(1 − y).
//  2. Black is a filter over the result: each channel is multiplied by
//     1 − k·(1 − b), where b is that channel of solid black (29/29/27)
//     over 255.
//
// Paper is 255/255/255 and 0/0/0/100 is 29/29/27. The arithmetic is
// integer, rounded to nearest once, so every machine gives the same
// result.
func CMYKToRGB(c, m, y, k uint8) color.RGBA {
	ci, mi, yi, ki := int64(c), int64(m), int64(y), int64(k)
	// The weighted sum of step 1, in 1/255³, nested as trilinear
	// interpolation (the same sum, with fewer multiplications): along
	// yellow, then magenta, then cyan.
	lerp := func(a, b, t int64) int64 { return a*(255-t) + b*t }
	var out [3]uint8
	for ch := 0; ch < 3; ch++ {
		p := func(corner int) int64 { return inkRGB[corner][ch] }
		v := lerp(
			lerp(lerp(p(0b000), p(0b001), yi), lerp(p(0b010), p(0b011), yi), mi),
			lerp(lerp(p(0b100), p(0b101), yi), lerp(p(0b110), p(0b111), yi), mi),
			ci)
		// Step 2, then one rounding: v·filter is in 1/255⁵.
		filter := 255*255 - ki*(255-blackRGB[ch])
		const unit = 255 * 255 * 255 * 255 * 255
		out[ch] = uint8((v*filter + unit/2) / unit)
	}
	return color.RGBA{R: out[0], G: out[1], B: out[2], A: 255}
}

// ToRGB converts a CMYK image to RGB pixel by pixel with CMYKToRGB.
func ToRGB(m *image.CMYK) *image.RGBA {
	b := m.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		s := m.Pix[m.PixOffset(b.Min.X, y):]
		d := out.Pix[out.PixOffset(b.Min.X, y):]
		for i := 0; i < 4*b.Dx(); i += 4 {
			c := CMYKToRGB(s[i], s[i+1], s[i+2], s[i+3])
			d[i], d[i+1], d[i+2], d[i+3] = c.R, c.G, c.B, 255
		}
	}
	return out
}

// Shrink scales an image down to w×h pixels by averaging, for each pixel
// of the result, the source pixels whose centres fall in it (a box
// filter, in integers, so every machine gives the same result). w and h
// must be at least 1 and at most the image's size. The result is opaque
// RGBA, composited over white where the source is not.
func Shrink(m image.Image, w, h int) *image.RGBA {
	b := m.Bounds()
	src, ok := m.(*image.RGBA)
	if !ok || !src.Opaque() {
		src = image.NewRGBA(b)
		draw.Draw(src, b, image.White, image.Point{}, draw.Src)
		draw.Draw(src, b, m, b.Min, draw.Over)
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	boxShrink(out.Pix, src.Pix[src.PixOffset(b.Min.X, b.Min.Y):], src.Stride, b.Dx(), b.Dy(), w, h)
	return out
}

// shrinkCMYK is Shrink for a CMYK image, averaging the inks.
func shrinkCMYK(m *image.CMYK, w, h int) *image.CMYK {
	b := m.Bounds()
	out := image.NewCMYK(image.Rect(0, 0, w, h))
	boxShrink(out.Pix, m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, b.Dx(), b.Dy(), w, h)
	return out
}

// boxShrink averages pixels of four bytes: src, sw×sh with stride, into
// dst, w×h and packed. Each byte of a destination pixel is the rounded
// mean of that byte over the source pixels whose centres fall in it.
func boxShrink(dst, src []uint8, stride, sw, sh, w, h int) {
	for oy := 0; oy < h; oy++ {
		y0, y1 := oy*sh/h, (oy+1)*sh/h
		for ox := 0; ox < w; ox++ {
			x0, x1 := ox*sw/w, (ox+1)*sw/w
			var sum [4]int
			for y := y0; y < y1; y++ {
				row := src[y*stride+4*x0 : y*stride+4*x1]
				for i := 0; i < len(row); i += 4 {
					sum[0] += int(row[i])
					sum[1] += int(row[i+1])
					sum[2] += int(row[i+2])
					sum[3] += int(row[i+3])
				}
			}
			n := (x1 - x0) * (y1 - y0)
			d := dst[4*(oy*w+ox):]
			for ch := range sum {
				d[ch] = uint8((sum[ch] + n/2) / n)
			}
		}
	}
}

// ConvertForScreen makes a photo fit for a screen edition: a CMYK JPEG is
// turned into an RGB JPEG (ToRGB: a soft proof, not colour management),
// and a photo of any colour space larger than maxW×maxH pixels (as it is
// shown, after its EXIF orientation) is scaled down to fit them, keeping
// its proportions (Shrink), and written as a JPEG too: RGB, or grey for a
// grey JPEG. JPEGs are written by image/jpeg at quality.
// The EXIF orientation is kept, other metadata dropped. A photo that
// needs neither is returned as it is; so is a PNG that need not shrink.
// maxW or maxH ≤ 0 means no limit. name names the photo in errors.
func ConvertForScreen(name string, data []byte, maxW, maxH, quality int) ([]byte, error) {
	info, err := Inspect(name, data) // checks the size before decoding
	if err != nil {
		return nil, err
	}
	sw, sh := info.Width, info.Height // as shown
	if info.Orientation >= 5 {        // turned a quarter: the pixels as stored
		sw, sh = sh, sw
		maxW, maxH = maxH, maxW
	}
	w, h := fitWithin(sw, sh, maxW, maxH)
	if info.ColorSpace != "cmyk" && w == sw && h == sh {
		return data, nil
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrImage, err)
	}
	var out image.Image
	switch v := m.(type) {
	case *image.CMYK:
		out = ToRGB(shrinkCMYK(v, w, h))
	case *image.Gray:
		out = shrinkGray(v, w, h)
	default:
		out = Shrink(m, w, h)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	jpg := buf.Bytes()
	if info.Orientation == 1 {
		return jpg, nil
	}
	seg := exifSegment(uint16(info.Orientation))
	return append(append(append(make([]byte, 0, len(jpg)+len(seg)), jpg[:2]...), seg...), jpg[2:]...), nil
}

// fitWithin is the size of a w×h image scaled down, keeping its
// proportions, to fit maxW×maxH; w×h when it fits already.
func fitWithin(w, h, maxW, maxH int) (int, int) {
	if maxW <= 0 || maxH <= 0 || (w <= maxW && h <= maxH) {
		return w, h
	}
	// Scale by the tighter of the two limits: maxW/w or maxH/h.
	if maxW*h <= maxH*w {
		return maxW, max(1, (h*maxW+w/2)/w)
	}
	return max(1, (w*maxH+h/2)/h), maxH
}

// shrinkGray is Shrink for a grey image, keeping it grey.
func shrinkGray(m *image.Gray, w, h int) *image.Gray {
	rgb := Shrink(m, w, h)
	out := image.NewGray(rgb.Bounds())
	for i := range out.Pix {
		out.Pix[i] = rgb.Pix[4*i]
	}
	return out
}
