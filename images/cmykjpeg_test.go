package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math"
	"testing"
)

// cmykImage makes a w×h CMYK image whose pixels are f(x, y).
func cmykImage(w, h int, f func(x, y int) color.CMYK) *image.CMYK {
	m := image.NewCMYK(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetCMYK(x, y, f(x, y))
		}
	}
	return m
}

func flat(c color.CMYK) func(x, y int) color.CMYK { return func(int, int) color.CMYK { return c } }

// gradient runs each ink across the image in a different direction.
func gradient(w, h int) func(x, y int) color.CMYK {
	return func(x, y int) color.CMYK {
		return color.CMYK{
			C: uint8(255 * x / max(w-1, 1)),
			M: uint8(255 * y / max(h-1, 1)),
			Y: uint8(255 * (x + y) / max(w+h-2, 1)),
			K: uint8(255 - 255*x/max(w-1, 1)),
		}
	}
}

func encodeCMYK(t *testing.T, m *image.CMYK, quality int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeCMYK(&buf, m, quality); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inkError is the largest and the mean difference, in 1/255, between the
// inks of two CMYK images of the same bounds.
func inkError(a, b *image.CMYK) (maxErr int, mean float64) {
	sum := 0
	for y := a.Rect.Min.Y; y < a.Rect.Max.Y; y++ {
		pa, pb := a.Pix[a.PixOffset(a.Rect.Min.X, y):], b.Pix[b.PixOffset(b.Rect.Min.X, y):]
		for i := range 4 * a.Rect.Dx() {
			d := int(pa[i]) - int(pb[i])
			if d < 0 {
				d = -d
			}
			maxErr, sum = max(maxErr, d), sum+d
		}
	}
	return maxErr, float64(sum) / float64(4*a.Rect.Dx()*a.Rect.Dy())
}

func TestEncodeCMYKRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		img     *image.CMYK
		quality int
		maxErr  int     // largest difference of one ink, 1/255
		meanErr float64 // mean difference
	}{
		{"white", cmykImage(16, 16, flat(color.CMYK{})), 90, 0, 0},
		{"solid black", cmykImage(16, 16, flat(color.CMYK{K: 255})), 90, 0, 0},
		{"rich black", cmykImage(16, 16, flat(color.CMYK{C: 153, M: 102, Y: 102, K: 255})), 90, 0, 0},
		{"a blue", cmykImage(24, 8, flat(color.CMYK{C: 255, M: 153, K: 26})), 75, 0, 0},
		{"one pixel", cmykImage(1, 1, flat(color.CMYK{C: 10, M: 20, Y: 30, K: 40})), 90, 1, 0.5},
		{"odd size, edges repeated", cmykImage(17, 9, gradient(17, 9)), 90, 2, 0.5},
		{"gradient, quality 100", cmykImage(64, 48, gradient(64, 48)), 100, 1, 0.05},
		{"gradient, quality 90", cmykImage(64, 48, gradient(64, 48)), 90, 3, 0.4},
		{"gradient, quality 50", cmykImage(64, 48, gradient(64, 48)), 50, 5, 1.5},
		{"hard edges, quality 90", cmykImage(40, 40, func(x, y int) color.CMYK {
			if (x/5+y/5)%2 == 0 {
				return color.CMYK{C: 255, Y: 255}
			}
			return color.CMYK{M: 200, K: 100}
		}), 90, 20, 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encodeCMYK(t, tt.img, tt.quality)
			dec, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("image/jpeg cannot decode it: %v", err)
			}
			got, ok := dec.(*image.CMYK)
			if !ok {
				t.Fatalf("image/jpeg decodes it as %T, want *image.CMYK", dec)
			}
			if got.Bounds() != tt.img.Bounds() {
				t.Fatalf("bounds %v, want %v", got.Bounds(), tt.img.Bounds())
			}
			maxErr, mean := inkError(got, tt.img)
			if maxErr > tt.maxErr || mean > tt.meanErr {
				t.Errorf("ink error: largest %d, mean %.2f; want at most %d, %.2f", maxErr, mean, tt.maxErr, tt.meanErr)
			}
			t.Logf("ink error: largest %d, mean %.2f", maxErr, mean)
		})
	}
}

// On a grey picture, printed in black alone, the encoder loses about what
// image/jpeg loses on the same picture as a grey JPEG of the same quality,
// and the file is about as large: the same quantization, and next to
// nothing for the three empty inks.
func TestEncodeCMYKAgreesWithImageJPEG(t *testing.T) {
	const w, h = 96, 64
	grey := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := 128 + 100*math.Sin(float64(x)/7)*math.Cos(float64(y)/5)
			if (x/16+y/16)%3 == 0 {
				v = 30
			}
			grey.SetGray(x, y, color.Gray{Y: uint8(v)})
		}
	}
	k := cmykImage(w, h, func(x, y int) color.CMYK { return color.CMYK{K: 255 - grey.GrayAt(x, y).Y} })
	for _, quality := range []int{50, 75, 90} {
		var ref bytes.Buffer
		if err := jpeg.Encode(&ref, grey, &jpeg.Options{Quality: quality}); err != nil {
			t.Fatal(err)
		}
		refSize := ref.Len()
		refDec, err := jpeg.Decode(&ref)
		if err != nil {
			t.Fatal(err)
		}
		refErr := 0
		for i, v := range refDec.(*image.Gray).Pix {
			refErr += absDiff(v, grey.Pix[i])
		}
		ours := encodeCMYK(t, k, quality)
		dec, err := jpeg.Decode(bytes.NewReader(ours))
		if err != nil {
			t.Fatal(err)
		}
		ourErr := 0
		for i := range w * h {
			ourErr += absDiff(dec.(*image.CMYK).Pix[4*i+3], k.Pix[4*i+3])
		}
		if r := float64(ourErr) / float64(refErr); r < 0.8 || r > 1.25 {
			t.Errorf("quality %d: error %d, image/jpeg's %d", quality, ourErr, refErr)
		}
		if r := float64(len(ours)) / float64(refSize); r < 0.8 || r > 1.5 {
			t.Errorf("quality %d: %d bytes, image/jpeg's %d", quality, len(ours), refSize)
		}
		t.Logf("quality %d: error %d vs %d, %d vs %d bytes", quality, ourErr, refErr, len(ours), refSize)
	}
}

// An image whose bounds do not start at 0,0 encodes as its pixels.
func TestEncodeCMYKSubImage(t *testing.T) {
	whole := cmykImage(40, 30, gradient(40, 30))
	sub := whole.SubImage(image.Rect(11, 5, 30, 22)).(*image.CMYK)
	dec, err := jpeg.Decode(bytes.NewReader(encodeCMYK(t, sub, 100)))
	if err != nil {
		t.Fatal(err)
	}
	got := dec.(*image.CMYK)
	if got.Bounds().Size() != sub.Bounds().Size() {
		t.Fatalf("size %v, want %v", got.Bounds().Size(), sub.Bounds().Size())
	}
	for y := range 17 {
		for x := range 19 {
			a, b := got.CMYKAt(x, y), sub.CMYKAt(11+x, 5+y)
			if d := max(absDiff(a.C, b.C), absDiff(a.M, b.M), absDiff(a.Y, b.Y), absDiff(a.K, b.K)); d > 3 {
				t.Fatalf("pixel %d,%d: %v, want %v", x, y, a, b)
			}
		}
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// The file is the segments EncodeCMYK documents, in order, and the
// samples are stored inverted as the Adobe convention has them.
func TestEncodeCMYKMarkers(t *testing.T) {
	data := encodeCMYK(t, cmykImage(20, 10, flat(color.CMYK{K: 255})), 90)
	if !bytes.HasPrefix(data, []byte{0xff, 0xd8}) || !bytes.HasSuffix(data, []byte{0xff, 0xd9}) {
		t.Fatalf("the file does not run from SOI to EOI")
	}
	type segment struct {
		marker  byte
		payload []byte
	}
	var segs []segment
	i := 2
	for data[i+1] != 0xda {
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		segs = append(segs, segment{data[i+1], data[i+4 : i+2+n]})
		i += 2 + n
	}
	n := int(binary.BigEndian.Uint16(data[i+2:]))
	segs = append(segs, segment{0xda, data[i+4 : i+2+n]})

	want := []struct {
		marker  byte
		payload []byte // nil: checked below
	}{
		{0xee, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00")}, // APP14, transform 0
		{0xdb, nil},
		{0xc0, []byte{8, 0, 10, 0, 20, 4, 'C', 0x11, 0, 'M', 0x11, 0, 'Y', 0x11, 0, 'K', 0x11, 0}},
		{0xc4, nil},
		{0xda, []byte{4, 'C', 0, 'M', 0, 'Y', 0, 'K', 0, 0, 63, 0}},
	}
	if len(segs) != len(want) {
		t.Fatalf("%d segments before the scan, want %d", len(segs), len(want))
	}
	for k, w := range want {
		if segs[k].marker != w.marker || w.payload != nil && !bytes.Equal(segs[k].payload, w.payload) {
			t.Errorf("segment %d: marker %#x payload % x; want %#x % x", k, segs[k].marker, segs[k].payload, w.marker, w.payload)
		}
	}
	if dqt := segs[1].payload; len(dqt) != 65 || dqt[0] != 0 {
		t.Errorf("DQT: % x, want table 0 of 64 8-bit values", dqt)
	}
	if dht := segs[3].payload; len(dht) != 2*17+12+162 || dht[0] != 0x00 || dht[17+12] != 0x10 {
		t.Errorf("DHT: %d bytes, want the DC and AC tables 0", len(dht))
	}
	info, err := Inspect("k.jpg", data)
	if err != nil || info.ColorSpace != "cmyk" || info.Width != 20 || info.Height != 10 {
		t.Errorf("Inspect: %+v, %v", info, err)
	}

	// That the samples are stored inverted, 255 for no ink, is what the
	// round trip shows: image/jpeg inverts a CMYK file with an Adobe
	// transform of 0 as it decodes it.
}

func TestEncodeCMYKIsDeterministic(t *testing.T) {
	m := cmykImage(45, 37, gradient(45, 37))
	a, b := encodeCMYK(t, m, 85), encodeCMYK(t, m, 85)
	if !bytes.Equal(a, b) {
		t.Fatal("two encodings of the same image differ")
	}
	if c := encodeCMYK(t, m, 84); bytes.Equal(a, c) {
		t.Error("quality 84 gives the bytes of quality 85")
	}
	// Integer arithmetic only: the same bytes on every machine.
	sum := sha256.Sum256(a)
	if got, want := hex.EncodeToString(sum[:8]), goldenCMYKJPEG; got != want {
		t.Errorf("sha256 %s…, want %s… (if the encoder was changed on purpose, update goldenCMYKJPEG)", got, want)
	}
}

const goldenCMYKJPEG = "36454b79fcb0ddd7"

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestEncodeCMYKErrors(t *testing.T) {
	small := cmykImage(4, 4, flat(color.CMYK{}))
	tests := []struct {
		name    string
		w       func() *bytes.Buffer
		img     *image.CMYK
		quality int
		want    string
	}{
		{"quality 0", nil, small, 0, "quality 0 is not between 1 and 100"},
		{"quality 101", nil, small, 101, "quality 101 is not between 1 and 100"},
		{"empty", nil, image.NewCMYK(image.Rect(0, 0, 0, 5)), 90, "the image is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := EncodeCMYK(&buf, tt.img, tt.quality)
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tt.want)) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	big := cmykImage(300, 300, gradient(300, 300))
	if err := EncodeCMYK(failWriter{}, big, 90); err == nil || !bytes.Contains([]byte(err.Error()), []byte("disk full")) {
		t.Errorf("a failing writer: %v", err)
	}
}

func TestZigzag(t *testing.T) {
	// T.81 Figure 5: the natural index of each position in the sequence.
	want := [64]int{
		0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
		12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
		35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
		58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
	}
	zz := zigzag()
	if zz != want {
		t.Errorf("zigzag() = %v, want %v", zz, want)
	}
	seen := map[int]bool{}
	for _, n := range zz {
		seen[n] = true
	}
	if len(seen) != 64 {
		t.Errorf("the sequence visits %d coefficients, want 64", len(seen))
	}
}

// The integer DCT matches T.81's definition computed in floating point.
func TestFDCT(t *testing.T) {
	for u := range 8 {
		for x := range 8 {
			cu := 1.0
			if u == 0 {
				cu = 1 / math.Sqrt2
			}
			want := cu / 2 * math.Cos(float64(2*x+1)*float64(u)*math.Pi/16) * 4096
			if got := float64(dctCoefficient(u, x)); math.Abs(got-want) > 0.5 {
				t.Errorf("dctCoefficient(%d, %d) = %v, want %.2f", u, x, got, want)
			}
		}
	}
	blocks := map[string]func(x, y int) int32{
		"flat -128":  func(x, y int) int32 { return -128 },
		"flat 127":   func(x, y int) int32 { return 127 },
		"ramp":       func(x, y int) int32 { return int32(32*x - 128) },
		"checker":    func(x, y int) int32 { return int32(255*((x+y)%2) - 128) },
		"arbitrary":  func(x, y int) int32 { return int32((x*37+y*91+x*y*13)%256 - 128) },
		"diagonal":   func(x, y int) int32 { return int32(16*(x+y) - 112) },
		"one corner": func(x, y int) int32 { return map[bool]int32{true: 127, false: -128}[x == 0 && y == 0] },
	}
	dct := newDCTMatrix()
	for name, f := range blocks {
		var in [64]int32
		var out [64]int64
		for y := range 8 {
			for x := range 8 {
				in[8*y+x] = f(x, y)
			}
		}
		fdct(dct, &in, &out)
		for v := range 8 {
			for u := range 8 {
				var s float64
				for y := range 8 {
					for x := range 8 {
						s += float64(in[8*y+x]) * math.Cos(float64(2*x+1)*float64(u)*math.Pi/16) * math.Cos(float64(2*y+1)*float64(v)*math.Pi/16)
					}
				}
				cu, cv := 1.0, 1.0
				if u == 0 {
					cu = 1 / math.Sqrt2
				}
				if v == 0 {
					cv = 1 / math.Sqrt2
				}
				want := cu * cv / 4 * s
				if got := float64(out[8*v+u]) / (1 << 24); math.Abs(got-want) > 0.5 {
					t.Errorf("%s: F(%d,%d) = %v, want %.2f", name, v, u, got, want)
				}
			}
		}
	}
}

// The tables are T.81's: every AC symbol once (EOB, ZRL, 16 runs × 10
// sizes), and a complete prefix code of the right lengths.
func TestHuffmanTables(t *testing.T) {
	for _, tt := range []struct {
		name   string
		bits   []byte
		values []byte
		want   map[byte]bool
	}{
		{"DC", dcBits[:], dcValues[:], func() map[byte]bool {
			m := map[byte]bool{}
			for s := range 12 {
				m[byte(s)] = true
			}
			return m
		}()},
		{"AC", acBits[:], acValues[:], func() map[byte]bool {
			m := map[byte]bool{0x00: true, 0xf0: true}
			for run := range 16 {
				for size := 1; size <= 10; size++ {
					m[byte(run<<4|size)] = true
				}
			}
			return m
		}()},
	} {
		total := 0
		for _, n := range tt.bits {
			total += int(n)
		}
		if total != len(tt.values) || len(tt.values) != len(tt.want) {
			t.Errorf("%s: %d codes, %d symbols, want %d", tt.name, total, len(tt.values), len(tt.want))
		}
		for _, v := range tt.values {
			if !tt.want[v] {
				t.Errorf("%s: unexpected symbol %#x", tt.name, v)
			}
			delete(tt.want, v)
		}
		if len(tt.want) > 0 {
			t.Errorf("%s: symbols missing: %v", tt.name, tt.want)
		}
		table := newHuffTable(tt.bits, tt.values)
		// No code is a prefix of another, and none is all ones.
		codes := []huffCode{}
		for _, v := range tt.values {
			c := table[v]
			if c.size == 0 || c.code == 1<<c.size-1 {
				t.Errorf("%s: symbol %#x has code %0*b", tt.name, v, c.size, c.code)
			}
			for _, o := range codes {
				short, long := o, c
				if short.size > long.size {
					short, long = long, short
				}
				if long.code>>(long.size-short.size) == short.code {
					t.Errorf("%s: %0*b is a prefix of %0*b", tt.name, short.size, short.code, long.size, long.code)
				}
			}
			codes = append(codes, c)
		}
	}
}

func TestScaledQuant(t *testing.T) {
	for _, tt := range []struct {
		quality     int
		first, last int32 // entries 0 and 63, natural order
	}{
		{50, 16, 99},
		{100, 1, 1},
		{90, 3, 20},
		{1, 255, 255},
		{25, 32, 198},
	} {
		q := scaledQuant(tt.quality)
		if q[0] != tt.first || q[63] != tt.last {
			t.Errorf("quality %d: q[0] = %d, q[63] = %d; want %d, %d", tt.quality, q[0], q[63], tt.first, tt.last)
		}
		for i, v := range q {
			if v < 1 || v > 255 {
				t.Errorf("quality %d: q[%d] = %d", tt.quality, i, v)
			}
		}
	}
}

func BenchmarkEncodeCMYK(b *testing.B) {
	m := cmykImage(1000, 1000, gradient(1000, 1000))
	b.SetBytes(int64(len(m.Pix)))
	for b.Loop() {
		if err := EncodeCMYK(io.Discard, m, 85); err != nil {
			b.Fatal(err)
		}
	}
}
