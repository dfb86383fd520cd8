// Package images inspects the photographs of a publication — format,
// pixel size, colour space, EXIF orientation — from their headers,
// without decoding pixels, and fits them into frames. It also separates
// RGB pictures into process inks with a simple fixed formula (RGBToCMYK,
// not colour management) and writes CMYK JPEGs (EncodeCMYK), which
// image/jpeg cannot; for screen editions it goes the other way, showing
// process inks in sRGB as they look on paper (CMYKToRGB, a soft proof)
// and making photos RGB JPEGs of screen resolution (ConvertForScreen).
package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // DecodeConfig reads JPEG headers
	_ "image/png"  // and PNG headers
	"path"
	"strings"
)

// Info describes an image file.
type Info struct {
	Path        string
	Format      string // "jpeg" or "png"
	Width       int    // pixels as displayed, that is after EXIF orientation
	Height      int
	ColorSpace  string // "rgb", "gray" or "cmyk"
	Depth       int    // bits per colour component: 8, or 16 for a 16-bit PNG (fewer for a paletted or 1-bit PNG)
	Orientation int    // EXIF orientation 1 to 8; 1 when absent
	// HeaderLen is, for a JPEG, the length of its headers: the bytes up to
	// and including the length of its first scan header, which is what a
	// decoder reads to know the image (0 for a PNG).
	HeaderLen int
}

// MaxPixels is the largest number of pixels an image may have. Inspect
// checks it from the header, before anything decodes the pixels, so that
// a small file announcing a huge image (a decompression bomb) is refused
// at once.
const MaxPixels = 100_000_000

// ErrImage is wrapped by every error of Inspect: the file is not an image
// the PDF writer can embed.
var ErrImage = errors.New("bad image")

// Inspect reads an image's headers; name names it in messages (a file
// path). The format is told by the content, not by the name's extension:
// a PNG named .jpg is a PNG. The file must be complete: a JPEG must reach
// its end-of-image marker and a PNG its IEND chunk, found by walking the
// segments or chunks without decoding them.
func Inspect(name string, data []byte) (Info, error) {
	fail := func(format string, args ...any) (Info, error) {
		return Info{}, fmt.Errorf("%s: %w: %s", name, ErrImage, fmt.Sprintf(format, args...))
	}
	if len(data) == 0 {
		return fail("the file is empty")
	}
	format := Format(data)
	var h header
	var err error
	switch format {
	case "jpeg":
		h, err = scanJPEG(data)
	case "png":
		h, err = scanPNG(data)
	default:
		return fail("not a JPEG or PNG image%s", otherFormat(data))
	}
	corrupt := func(err error) (Info, error) {
		return fail("corrupt or truncated %s%s: %v", strings.ToUpper(format), nameDisagrees(name, format), err)
	}
	if err != nil {
		return corrupt(err)
	}
	if h.width <= 0 || h.height <= 0 {
		return fail("the image is %d×%d pixels", h.width, h.height)
	}
	if int64(h.width)*int64(h.height) > MaxPixels {
		return fail("%d×%d pixels is more than the %d million allowed", h.width, h.height, MaxPixels/1_000_000)
	}
	if err := checkConfig(data, &h); err != nil {
		return corrupt(err)
	}
	if h.interlaced {
		return fail("an interlaced PNG, which the PDF writer cannot embed; save it without interlacing")
	}
	info := Info{Path: name, Format: format, Width: h.width, Height: h.height, ColorSpace: h.colorSpace, Depth: h.depth, Orientation: 1, HeaderLen: h.headerLen}
	if h.orientation >= 1 && h.orientation <= 8 {
		info.Orientation = h.orientation
	}
	if info.Orientation >= 5 { // turned a quarter: displayed width is stored height
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// Format tells an image file's format from its first bytes: "jpeg",
// "png", or "" for anything else.
func Format(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	}
	return ""
}

// otherFormat names, for a message, a well-known format data is in.
func otherFormat(data []byte) string {
	for _, f := range []struct{ prefix, name string }{
		{"GIF8", "GIF"}, {"II*\x00", "TIFF"}, {"MM\x00*", "TIFF"}, {"%PDF", "PDF"},
		{"<svg", "SVG"}, {"<?xml", "XML (SVG?)"}, {"BM", "BMP"}, {"8BPS", "Photoshop"},
	} {
		if bytes.HasPrefix(data, []byte(f.prefix)) {
			return " (it is " + f.name + "; convert it to JPEG or PNG)"
		}
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return " (it is WebP; convert it to JPEG or PNG)"
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		return " (it is HEIF/AVIF; convert it to JPEG or PNG)"
	}
	return ""
}

// nameDisagrees notes, for a message, that the file's extension says
// another format than its content.
func nameDisagrees(name, format string) string {
	ext := strings.ToLower(path.Ext(name))
	named := map[string]string{".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".png": "png"}[ext]
	if named == "" || named == format {
		return ""
	}
	return fmt.Sprintf(" (the content is %s although the name ends in %s)", strings.ToUpper(format), ext)
}

// header is what the scanners read.
type header struct {
	width, height int
	colorSpace    string
	orientation   int // 0 when absent
	interlaced    bool
	depth         int // bits per component
	headerLen     int // JPEG: up to the first scan header's length
}

// checkConfig has image.DecodeConfig read the header too, as the
// decoders will, and takes the PNG colour space from it.
func checkConfig(data []byte, h *header) error {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if cfg.Width != h.width || cfg.Height != h.height {
		return fmt.Errorf("the header says %d×%d pixels, the decoder %d×%d", h.width, h.height, cfg.Width, cfg.Height)
	}
	if h.colorSpace == "" {
		switch cfg.ColorModel {
		case color.GrayModel, color.Gray16Model:
			h.colorSpace = "gray"
		case color.CMYKModel:
			h.colorSpace = "cmyk"
		default:
			h.colorSpace = "rgb"
		}
	}
	return nil
}

// scanJPEG walks a JPEG's marker segments from the start of image to the
// end of image, skipping over entropy-coded data, and reads the frame
// header (size, components) and the EXIF orientation.
func scanJPEG(data []byte) (header, error) {
	var h header
	sawFrame := false
	i := 2 // after SOI
	for {
		// Markers may be preceded by fill bytes 0xff.
		for i+1 < len(data) && data[i] == 0xff && data[i+1] == 0xff {
			i++
		}
		if i+2 > len(data) {
			return h, errors.New("the data ends before the end-of-image marker")
		}
		if data[i] != 0xff {
			return h, fmt.Errorf("no marker at byte %d", i)
		}
		marker := data[i+1]
		if marker == 0xd9 { // EOI
			if !sawFrame {
				return h, errors.New("no frame header")
			}
			return h, nil
		}
		if marker == 0x01 || marker >= 0xd0 && marker <= 0xd7 { // no length
			i += 2
			continue
		}
		if i+4 > len(data) {
			return h, errors.New("the data ends inside a segment header")
		}
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		end := i + 2 + size
		if size < 2 || end > len(data) {
			return h, fmt.Errorf("the data ends inside a segment of %d bytes", size)
		}
		seg := data[i+4 : end]
		switch {
		case isSOF(marker) && !sawFrame:
			if len(seg) < 6 {
				return h, errors.New("short frame header")
			}
			sawFrame = true
			h.depth = int(seg[0])
			h.height = int(binary.BigEndian.Uint16(seg[1:]))
			h.width = int(binary.BigEndian.Uint16(seg[3:]))
			switch seg[5] {
			case 1:
				h.colorSpace = "gray"
			case 3:
				h.colorSpace = "rgb"
			case 4:
				h.colorSpace = "cmyk"
			default:
				return h, fmt.Errorf("%d colour components", seg[5])
			}
		case marker == 0xe1 && h.orientation == 0 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")):
			h.orientation = exifOrientation(seg[6:])
		case marker == 0xda: // start of scan: entropy-coded data up to the next marker
			if h.headerLen == 0 {
				h.headerLen = i + 4
			}
			// The headers are read. A file that ends with the end-of-image
			// marker is complete: entropy-coded data never holds 0xff 0xd9,
			// and a truncated file ends inside it. Walking the data to the
			// marker was a twentieth of a build; files with bytes after the
			// marker, or without one, are still walked, to say what is wrong.
			if sawFrame && bytes.HasSuffix(data, []byte{0xff, 0xd9}) {
				return h, nil
			}
			next, ok := nextMarker(data, end)
			if !ok {
				return h, errors.New("the data ends inside the image data")
			}
			i = next
			continue
		}
		i = end
	}
}

// isSOF reports whether marker starts a frame (SOF0 to SOF15, less DHT,
// JPG and DAC).
func isSOF(marker byte) bool {
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc
}

// nextMarker finds the marker after entropy-coded data starting at i:
// there, 0xff is followed by 0x00 (a stuffed byte) or a restart marker.
func nextMarker(data []byte, i int) (int, bool) {
	for {
		j := bytes.IndexByte(data[i:], 0xff)
		if j < 0 || i+j+1 >= len(data) {
			return 0, false
		}
		i += j
		switch b := data[i+1]; {
		case b == 0x00 || b >= 0xd0 && b <= 0xd7:
			i += 2
		case b == 0xff:
			i++
		default:
			return i, true
		}
	}
}

// exifOrientation reads tag 0x0112 of IFD0 of a TIFF structure; 0 when
// there is none or the structure is broken.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 0
	}
	ifd := int64(bo.Uint32(tiff[4:]))
	if ifd+2 > int64(len(tiff)) {
		return 0
	}
	n := int64(bo.Uint16(tiff[ifd:]))
	for k := range n {
		e := ifd + 2 + 12*k
		if e+12 > int64(len(tiff)) {
			return 0
		}
		// Tag, type SHORT (3), count 1, value in the first two bytes.
		if bo.Uint16(tiff[e:]) == 0x0112 && bo.Uint16(tiff[e+2:]) == 3 {
			return int(bo.Uint16(tiff[e+8:]))
		}
	}
	return 0
}

// scanPNG walks a PNG's chunks from the signature to IEND, without
// decompressing them, and reads the header and the EXIF orientation of
// an eXIf chunk.
func scanPNG(data []byte) (header, error) {
	var h header
	i := 8
	for n := 0; ; n++ {
		if i+8 > len(data) {
			return h, errors.New("the data ends before the IEND chunk")
		}
		size := int64(binary.BigEndian.Uint32(data[i:]))
		kind := string(data[i+4 : i+8])
		if size > int64(len(data)-i-12) {
			return h, fmt.Errorf("the data ends inside the %q chunk", kind)
		}
		chunk := data[i+8 : i+8+int(size)]
		switch {
		case n == 0 && (kind != "IHDR" || size != 13):
			return h, errors.New("the first chunk is not the header")
		case kind == "IHDR":
			h.width = int(binary.BigEndian.Uint32(chunk))
			h.height = int(binary.BigEndian.Uint32(chunk[4:]))
			h.interlaced = chunk[12] != 0
			h.depth = int(chunk[8])
		case kind == "eXIf" && h.orientation == 0:
			h.orientation = exifOrientation(chunk)
		case kind == "IEND":
			return h, nil
		}
		i += 12 + int(size)
	}
}

// Fit is how an image fills a frame.
type Fit int

// The ways an image can fill a frame.
const (
	Cover   Fit = iota // fill the frame, centred, cropping what overflows
	Contain            // the whole image inside the frame, centred
)

// Rect is a rectangle in points: top-left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// Place computes where to paint the image so that it fits frame by mode:
// the painted rectangle, centred on the frame (for Cover it extends past
// the frame on one axis, and the painter clips it), and the effective
// resolution there in pixels per inch, the lower of the two axes (frame
// units are points, 72 to the inch). The axis the image fits exactly is
// painted at exactly the frame's position and size. A degenerate image or
// frame gives the frame and 0.
func Place(info Info, frame Rect, mode Fit) (painted Rect, ppi float64) {
	if info.Width <= 0 || info.Height <= 0 || frame.W <= 0 || frame.H <= 0 {
		return frame, 0
	}
	iw, ih := float64(info.Width), float64(info.Height)
	// Compare the aspect ratios exactly: the image is relatively wider
	// than the frame when iw/ih > W/H.
	wider := iw*frame.H > ih*frame.W
	fitWidth := wider == (mode == Contain) // the image's width is the frame's
	painted = frame
	if fitWidth {
		painted.H = ih * frame.W / iw
		painted.Y = frame.Y + (frame.H-painted.H)/2
		return painted, 72 * iw / frame.W
	}
	painted.W = iw * frame.H / ih
	painted.X = frame.X + (frame.W-painted.W)/2
	return painted, 72 * ih / frame.H
}
