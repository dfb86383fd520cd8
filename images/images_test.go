package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"strings"
	"testing"
)

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
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

func rgba(w, h int) image.Image { return image.NewRGBA(image.Rect(0, 0, w, h)) }
func gray(w, h int) image.Image { return image.NewGray(image.Rect(0, 0, w, h)) }

// exif is a TIFF structure whose IFD0 holds one tag, the orientation.
func exif(order binary.AppendByteOrder, orientation uint16) []byte {
	b := []byte("MM\x00*")
	if order == binary.LittleEndian {
		b = []byte("II*\x00")
	}
	b = order.AppendUint32(b, 8)           // IFD0 offset
	b = order.AppendUint16(b, 1)           // one entry
	b = order.AppendUint16(b, 0x0112)      // Orientation
	b = order.AppendUint16(b, 3)           // SHORT
	b = order.AppendUint32(b, 1)           // count
	b = order.AppendUint16(b, orientation) // value, padded to 4 bytes
	b = order.AppendUint16(b, 0)
	return order.AppendUint32(b, 0) // no next IFD
}

// withAPP1 inserts an EXIF APP1 segment after a JPEG's SOI marker.
func withAPP1(jpg []byte, tiff []byte) []byte {
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := binary.BigEndian.AppendUint16([]byte{0xff, 0xe1}, uint16(len(payload)+2))
	return bytes.Join([][]byte{jpg[:2], seg, payload, jpg[2:]}, nil)
}

// pngChunk encodes a PNG chunk with its CRC.
func pngChunk(kind string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(append(b, kind...), data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

// withChunk inserts a chunk after a PNG's header chunk (33 bytes in).
func withChunk(p []byte, kind string, data []byte) []byte {
	return bytes.Join([][]byte{p[:33], pngChunk(kind, data), p[33:]}, nil)
}

// withHeader rewrites a PNG's IHDR chunk with a valid CRC.
func withHeader(p []byte, edit func(ihdr []byte)) []byte {
	out := bytes.Clone(p)
	edit(out[16:29])
	binary.BigEndian.PutUint32(out[29:], crc32.ChecksumIEEE(out[12:29]))
	return out
}

// cmykJPEG is a minimal baseline JPEG with four components: a frame
// header, an empty scan and the end of image. Nothing in it decodes, but
// its headers are what a CMYK file's are.
func cmykJPEG(w, h int) []byte {
	sof := []byte{0xff, 0xc0, 0, 20, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 4}
	for id := byte(1); id <= 4; id++ {
		sof = append(sof, id, 0x11, 0)
	}
	sos := []byte{0xff, 0xda, 0, 14, 4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0}
	return bytes.Join([][]byte{{0xff, 0xd8}, sof, sos, {0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56}, {0xff, 0xd9}}, nil)
}

func TestInspect(t *testing.T) {
	jpg := encodeJPEG(t, rgba(40, 30))
	grayPNG := encodePNG(t, gray(5, 7))
	tests := []struct {
		name        string
		data        []byte
		want        Info
		orientation int
	}{
		{"photo.jpg", jpg, Info{Format: "jpeg", Width: 40, Height: 30, ColorSpace: "rgb", Depth: 8, Orientation: 1}, 1},
		{"gray.jpg", encodeJPEG(t, gray(12, 8)), Info{Format: "jpeg", Width: 12, Height: 8, ColorSpace: "gray", Depth: 8, Orientation: 1}, 1},
		{"cmyk.jpg", cmykJPEG(300, 200), Info{Format: "jpeg", Width: 300, Height: 200, ColorSpace: "cmyk", Depth: 8, Orientation: 1}, 1},
		{"trailing-bytes.jpg", append(bytes.Clone(jpg), "camera notes"...), Info{Format: "jpeg", Width: 40, Height: 30, ColorSpace: "rgb", Depth: 8, Orientation: 1}, 1},
		{"turned-right.jpg", withAPP1(jpg, exif(binary.BigEndian, 6)), Info{Format: "jpeg", Width: 30, Height: 40, ColorSpace: "rgb", Depth: 8, Orientation: 6}, 6},
		{"turned-left.jpg", withAPP1(jpg, exif(binary.LittleEndian, 8)), Info{Format: "jpeg", Width: 30, Height: 40, ColorSpace: "rgb", Depth: 8, Orientation: 8}, 8},
		{"upside-down.jpg", withAPP1(jpg, exif(binary.BigEndian, 3)), Info{Format: "jpeg", Width: 40, Height: 30, ColorSpace: "rgb", Depth: 8, Orientation: 3}, 3},
		{"bad-orientation.jpg", withAPP1(jpg, exif(binary.BigEndian, 42)), Info{Format: "jpeg", Width: 40, Height: 30, ColorSpace: "rgb", Depth: 8, Orientation: 1}, 1},
		{"broken-exif.jpg", withAPP1(jpg, []byte("MM\x00*\xff\xff\xff\xff")), Info{Format: "jpeg", Width: 40, Height: 30, ColorSpace: "rgb", Depth: 8, Orientation: 1}, 1},
		{"gray.png", grayPNG, Info{Format: "png", Width: 5, Height: 7, ColorSpace: "gray", Depth: 8, Orientation: 1}, 1},
		{"rgba.png", encodePNG(t, rgba(3, 2)), Info{Format: "png", Width: 3, Height: 2, ColorSpace: "rgb", Depth: 8, Orientation: 1}, 1},
		{"palette.png", encodePNG(t, image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.White})), Info{Format: "png", Width: 4, Height: 4, ColorSpace: "rgb", Depth: 1, Orientation: 1}, 1},
		{"gray16.png", encodePNG(t, image.NewGray16(image.Rect(0, 0, 2, 2))), Info{Format: "png", Width: 2, Height: 2, ColorSpace: "gray", Depth: 16, Orientation: 1}, 1},
		{"png-named.jpg", grayPNG, Info{Format: "png", Width: 5, Height: 7, ColorSpace: "gray", Depth: 8, Orientation: 1}, 1},
		{"turned.png", withChunk(grayPNG, "eXIf", exif(binary.BigEndian, 5)), Info{Format: "png", Width: 7, Height: 5, ColorSpace: "gray", Depth: 8, Orientation: 5}, 5},
	}
	for _, tt := range tests {
		got, err := Inspect(tt.name, tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		tt.want.Path = tt.name
		if got.Format == "jpeg" { // HeaderLen has a test of its own
			if got.HeaderLen < 4 || got.HeaderLen > len(tt.data) || tt.data[got.HeaderLen-4] != 0xff || tt.data[got.HeaderLen-3] != 0xda {
				t.Errorf("%s: HeaderLen %d does not end with the first scan header's length", tt.name, got.HeaderLen)
			}
			got.HeaderLen = 0
		}
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestInspectRefusesBadFiles(t *testing.T) {
	jpg := encodeJPEG(t, rgba(40, 30))
	pngData := encodePNG(t, gray(400, 300))
	huge := withHeader(encodePNG(t, gray(1, 1)), func(ihdr []byte) {
		binary.BigEndian.PutUint32(ihdr[0:], 20000) // 400 million pixels
		binary.BigEndian.PutUint32(ihdr[4:], 20000)
	})
	tests := []struct {
		name string
		data []byte
		says string
	}{
		{"empty.jpg", nil, "the file is empty"},
		{"text.jpg", []byte("hello, not an image"), "not a JPEG or PNG image"},
		{"anim.jpg", []byte("GIF89a\x01\x00\x01\x00"), "it is GIF"},
		{"photo.webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), "it is WebP"},
		{"half.jpg", jpg[:len(jpg)/2], "corrupt or truncated JPEG"},
		{"no-end.jpg", jpg[:len(jpg)-2], "ends inside the image data"},
		{"header-only.jpg", jpg[:200], "corrupt or truncated JPEG"},
		{"soi-only.jpg", jpg[:3], "corrupt or truncated JPEG"},
		{"header-only.png", pngData[:20], "corrupt or truncated PNG"},
		{"no-iend.png", pngData[:len(pngData)-12], "before the IEND chunk"},
		{"truncated-body.png", pngData[:60], "inside the \"IDAT\" chunk"},
		{"cut.jpg", pngData[:60], "the content is PNG although the name ends in .jpg"},
		{"bomb.png", huge, "more than the 100 million allowed"},
		{"interlaced.png", withHeader(pngData, func(ihdr []byte) { ihdr[12] = 1 }), "interlaced"},
	}
	for _, tt := range tests {
		_, err := Inspect(tt.name, tt.data)
		if !errors.Is(err, ErrImage) {
			t.Errorf("%s: error = %v, want ErrImage", tt.name, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, tt.name+": ") || !strings.Contains(msg, tt.says) {
			t.Errorf("%s: error %q should start with the file name and say %q", tt.name, msg, tt.says)
		}
	}
}

func TestFormatIsToldByContent(t *testing.T) {
	tests := []struct {
		data []byte
		want string
	}{
		{encodeJPEG(t, rgba(2, 2)), "jpeg"},
		{encodePNG(t, rgba(2, 2)), "png"},
		{[]byte("GIF89a"), ""},
		{[]byte{0xff, 0xd8}, ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := Format(tt.data); got != tt.want {
			t.Errorf("Format(% x…) = %q, want %q", tt.data[:min(len(tt.data), 4)], got, tt.want)
		}
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
		{"1181 px over 100 mm is 300 ppi", Info{Width: 1181, Height: 1181}, Rect{0, 0, 100 * mm, 100 * mm}, Cover, Rect{0, 0, 100 * mm, 100 * mm}, 1181 / (100 / 25.4)},
		{"same proportions: the frame exactly", Info{Width: 3000, Height: 2000}, Rect{10, 20, 150, 100}, Contain, Rect{10, 20, 150, 100}, 1440},
		{"landscape covers portrait: sides cropped", Info{Width: 200, Height: 100}, Rect{0, 0, 50, 100}, Cover, Rect{-75, 0, 200, 100}, 72},
		{"landscape in portrait: bands above and below", Info{Width: 200, Height: 100}, Rect{0, 0, 50, 100}, Contain, Rect{0, 37.5, 50, 25}, 288},
		{"portrait covers landscape: top and bottom cropped", Info{Width: 1000, Height: 1500}, Rect{10, 10, 200, 100}, Cover, Rect{10, -90, 200, 300}, 360},
		{"portrait in landscape: bands left and right", Info{Width: 1000, Height: 1500}, Rect{10, 10, 200, 100}, Contain, Rect{76.66666666666667, 10, 66.66666666666667, 100}, 1080},
		{"cover photo: 2000 px over 168 mm", Info{Width: 2600, Height: 2000}, Rect{0, 0, 216 * mm, 168 * mm}, Cover, Rect{-1.2 * mm, 0, 218.4 * mm, 168 * mm}, 2000 / (168 / 25.4)},
		{"empty frame", Info{Width: 10, Height: 10}, Rect{1, 2, 0, 5}, Cover, Rect{1, 2, 0, 5}, 0},
		{"empty image", Info{}, Rect{1, 2, 3, 4}, Contain, Rect{1, 2, 3, 4}, 0},
	}
	for _, tt := range tests {
		p, ppi := Place(tt.info, tt.frame, tt.mode)
		if !near(p.X, tt.painted.X) || !near(p.Y, tt.painted.Y) || !near(p.W, tt.painted.W) || !near(p.H, tt.painted.H) {
			t.Errorf("%s: painted %+v, want %+v", tt.name, p, tt.painted)
		}
		if !near(ppi, tt.ppi) {
			t.Errorf("%s: ppi %v, want %v", tt.name, ppi, tt.ppi)
		}
	}
	if _, ppi := Place(Info{Width: 1181, Height: 1181}, Rect{0, 0, 100 * mm, 100 * mm}, Cover); math.Round(ppi) != 300 {
		t.Errorf("1181 px over 100 mm: %v ppi, want 300 when rounded", ppi)
	}
	// The axis the image fits is the frame's own, bit for bit.
	frame := Rect{X: 56.69, Y: 68.03, W: 114.09, H: 204.09}
	if p, _ := Place(Info{Width: 640, Height: 1600}, frame, Cover); p.X != frame.X || p.W != frame.W {
		t.Errorf("cover: painted %+v does not keep the frame's width exactly: %+v", p, frame)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*max(1, math.Abs(b)) }

// HeaderLen is where a JPEG's headers end: after the length of its first
// scan header, before the entropy-coded data, whatever segments (EXIF,
// comments, quantisation and Huffman tables) come before.
func TestHeaderLenEndsAtTheFirstScanHeader(t *testing.T) {
	base := encodeJPEG(t, image.NewRGBA(image.Rect(0, 0, 40, 30)))
	withComment := append([]byte{0xff, 0xd8, 0xff, 0xfe, 0x00, 0x07, 'h', 'e', 'l', 'l', 'o'}, base[2:]...)
	for _, tt := range []struct {
		name  string
		data  []byte
		extra int // bytes before the scan more than in base
	}{
		{"plain", base, 0},
		{"a comment first", withComment, 9},
	} {
		info, err := Inspect(tt.name, tt.data)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := Inspect("base", base)
		if info.HeaderLen != plain.HeaderLen+tt.extra {
			t.Errorf("%s: HeaderLen %d, want %d", tt.name, info.HeaderLen, plain.HeaderLen+tt.extra)
		}
		h := info.HeaderLen
		if h < 4 || tt.data[h-4] != 0xff || tt.data[h-3] != 0xda {
			t.Errorf("%s: HeaderLen %d is not after a start-of-scan marker and its length", tt.name, h)
		}
	}
	png, _ := Inspect("p.png", encodePNG(t, image.NewRGBA(image.Rect(0, 0, 4, 3))))
	if png.HeaderLen != 0 {
		t.Errorf("PNG: HeaderLen %d, want 0", png.HeaderLen)
	}
}
