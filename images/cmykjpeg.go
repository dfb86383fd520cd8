package images

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"io"
)

// This file is a baseline JPEG encoder (ITU-T T.81) for CMYK images,
// which Go's image/jpeg cannot write. It writes one interleaved scan of
// four full-resolution components (no subsampling), one quantization
// table scaled from the luminance table of T.81 Annex K.1, and the
// standard luminance Huffman tables of Annex K.3 for every component.
//
// The samples are stored inverted, 255 meaning no ink, with an Adobe APP14
// segment whose transform is 0 (no colour transform: the components are
// C, M, Y and K). That is the convention of Photoshop's CMYK JPEGs, and
// the one the rest of duetto's tool chain assumes: image/jpeg inverts the
// samples of such a file back when it decodes it to an image.CMYK, and
// fpdf embeds a CMYK JPEG with /Decode [1 0 1 0 1 0 1 0], which has the
// PDF reader invert them too.
//
// All arithmetic is integer, so the output is the same bytes for the same
// image and quality on every machine.

// EncodeCMYK writes m to w as a baseline CMYK JPEG at the given quality,
// from 1 (smallest file) to 100 (least loss), on the scale of
// image/jpeg's Options.Quality.
func EncodeCMYK(w io.Writer, m *image.CMYK, quality int) error {
	b := m.Bounds()
	if b.Empty() {
		return errors.New("images: encoding a CMYK JPEG: the image is empty")
	}
	if b.Dx() > 0xffff || b.Dy() > 0xffff {
		return fmt.Errorf("images: encoding a CMYK JPEG: %d×%d pixels is larger than JPEG's 65535×65535", b.Dx(), b.Dy())
	}
	if quality < 1 || quality > 100 {
		return fmt.Errorf("images: encoding a CMYK JPEG: quality %d is not between 1 and 100", quality)
	}
	e := &jpegEncoder{
		w:     bufio.NewWriter(w),
		quant: scaledQuant(quality),
		dc:    newHuffTable(dcBits[:], dcValues[:]),
		ac:    newHuffTable(acBits[:], acValues[:]),
		dct:   newDCTMatrix(),
	}
	for i, q := range e.quant {
		e.qdiv[i] = int64(q) << 24
	}
	e.writeHeaders(b.Dx(), b.Dy())
	e.writeScan(m)
	e.write([]byte{0xff, 0xd9}) // EOI
	if e.err != nil {
		return fmt.Errorf("images: encoding a CMYK JPEG: %w", e.err)
	}
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("images: encoding a CMYK JPEG: %w", err)
	}
	return nil
}

// jpegEncoder holds the state of one EncodeCMYK call.
type jpegEncoder struct {
	w     *bufio.Writer
	err   error     // the first write error
	quant [64]int32 // quantization table, natural (row-major) order
	qdiv  [64]int64 // its divisors for fdct's output: quant · 2²⁴
	dc    huffTable
	ac    huffTable
	dct   *dctMatrix
	bits  uint32 // pending bits of the entropy-coded data, right-aligned
	nbits uint   // how many
}

func (e *jpegEncoder) write(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

func (e *jpegEncoder) writeByte(c byte) {
	if e.err == nil {
		e.err = e.w.WriteByte(c)
	}
}

// segment writes a marker segment: the marker and its length, which
// counts itself and the payload.
func (e *jpegEncoder) segment(marker byte, payload []byte) {
	e.write([]byte{0xff, marker, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)})
	e.write(payload)
}

// Component identifiers in the frame and scan headers.
var componentIDs = [4]byte{'C', 'M', 'Y', 'K'}

// writeHeaders writes everything before the entropy-coded data.
func (e *jpegEncoder) writeHeaders(width, height int) {
	e.write([]byte{0xff, 0xd8}) // SOI
	// APP14 "Adobe": version 100, flags 0 and 0, transform 0 (CMYK).
	e.segment(0xee, []byte{'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0})
	// DQT: table 0, 8-bit precision, in zig-zag order.
	dqt := make([]byte, 0, 65)
	dqt = append(dqt, 0x00)
	for _, n := range zigzag() {
		dqt = append(dqt, byte(e.quant[n]))
	}
	e.segment(0xdb, dqt)
	// SOF0: 8-bit samples, the size, four components, each sampled 1×1
	// and quantized with table 0.
	sof := []byte{8, byte(height >> 8), byte(height), byte(width >> 8), byte(width), 4}
	for _, id := range componentIDs {
		sof = append(sof, id, 0x11, 0)
	}
	e.segment(0xc0, sof)
	// DHT: DC table 0 and AC table 0.
	dht := append([]byte{0x00}, dcBits[:]...)
	dht = append(dht, dcValues[:]...)
	dht = append(dht, 0x10)
	dht = append(dht, acBits[:]...)
	dht = append(dht, acValues[:]...)
	e.segment(0xc4, dht)
	// SOS: the four components with Huffman tables 0/0, spectral
	// selection 0 to 63, no successive approximation.
	sos := []byte{4}
	for _, id := range componentIDs {
		sos = append(sos, id, 0x00)
	}
	sos = append(sos, 0, 63, 0)
	e.segment(0xda, sos)
}

// writeScan writes the entropy-coded data: the 8×8 blocks left to right,
// top to bottom, each MCU holding one block of C, M, Y and K. Blocks over
// the right or bottom edge repeat the last column or row of pixels.
func (e *jpegEncoder) writeScan(m *image.CMYK) {
	b := m.Bounds()
	var pred [4]int32 // the previous DC coefficient of each component
	var blk, coef [64]int32
	var freq [64]int64
	zz := zigzag()
	for by := b.Min.Y; by < b.Max.Y; by += 8 {
		for bx := b.Min.X; bx < b.Max.X; bx += 8 {
			for c := range 4 {
				for y := range 8 {
					sy := min(by+y, b.Max.Y-1)
					row := m.Pix[m.PixOffset(b.Min.X, sy):]
					for x := range 8 {
						sx := min(bx+x, b.Max.X-1) - b.Min.X
						// Stored inverted (255 is no ink), level-shifted.
						blk[8*y+x] = 255 - int32(row[4*sx+c]) - 128
					}
				}
				fdct(e.dct, &blk, &freq)
				for i, f := range freq {
					coef[i] = divRound(f, e.qdiv[i])
				}
				e.writeBlock(&coef, &zz, &pred[c])
				if e.err != nil {
					return
				}
			}
		}
	}
	// Pad the last byte with 1 bits (T.81 F.1.2.3).
	if e.nbits > 0 {
		e.emit(1<<(8-e.nbits)-1, 8-e.nbits)
	}
}

// writeBlock Huffman-codes one quantized block (natural order): the DC
// coefficient as the difference from the previous block's, then the AC
// coefficients in zig-zag order as runs of zeros and values (F.1.2).
func (e *jpegEncoder) writeBlock(coef *[64]int32, zz *[64]int, pred *int32) {
	dc := coef[0]
	diff := dc - *pred
	*pred = dc
	size := bitLength(diff)
	e.emitHuff(e.dc, byte(size))
	e.emitValue(diff, size)
	run := 0
	for k := 1; k < 64; k++ {
		v := coef[zz[k]]
		if v == 0 {
			run++
			continue
		}
		for run > 15 {
			e.emitHuff(e.ac, 0xf0) // ZRL: sixteen zeros
			run -= 16
		}
		size := bitLength(v)
		e.emitHuff(e.ac, byte(run<<4|size))
		e.emitValue(v, size)
		run = 0
	}
	if run > 0 {
		e.emitHuff(e.ac, 0x00) // EOB
	}
}

// emitHuff writes the Huffman code of symbol s.
func (e *jpegEncoder) emitHuff(t huffTable, s byte) {
	c := t[s]
	e.emit(uint32(c.code), uint(c.size))
}

// emitValue writes the size low bits of v, a negative v as v−1 in two's
// complement (F.1.2.1).
func (e *jpegEncoder) emitValue(v int32, size int) {
	if size == 0 {
		return
	}
	if v < 0 {
		v--
	}
	e.emit(uint32(v)&(1<<size-1), uint(size))
}

// emit appends the n low bits of bits to the entropy-coded data, writing
// out whole bytes and stuffing a zero byte after every 0xff (F.1.2.3).
func (e *jpegEncoder) emit(bits uint32, n uint) {
	e.bits = e.bits<<n | bits
	e.nbits += n
	for e.nbits >= 8 {
		c := byte(e.bits >> (e.nbits - 8))
		e.writeByte(c)
		if c == 0xff {
			e.writeByte(0)
		}
		e.nbits -= 8
	}
	e.bits &= 1<<e.nbits - 1
}

// bitLength is the number of bits of |v|: the category of a coefficient
// (T.81 Tables F.1 and F.2). Coefficients of 8-bit samples have at most
// 11 bits.
func bitLength(v int32) int {
	if v < 0 {
		v = -v
	}
	n := 0
	for v > 0 {
		n++
		v >>= 1
	}
	return n
}

// divRound divides, rounding half away from zero.
func divRound(n, d int64) int32 {
	if n < 0 {
		return int32(-((-n + d/2) / d))
	}
	return int32((n + d/2) / d)
}

// cosTable[k] is cos(kπ/16)/2 in units of 2⁻¹², for k from 0 to 8.
var cosTable = [9]int64{2048, 2009, 1892, 1703, 1448, 1138, 784, 400, 0}

// dctCoefficient is C(u)/2 · cos((2x+1)uπ/16) in units of 2⁻¹², with
// C(0) = 1/√2 and C(u) = 1 otherwise: the forward DCT of T.81 A.3.3 is
// F(v,u) = Σy Σx dctCoefficient(v,y) · dctCoefficient(u,x) · f(y,x).
func dctCoefficient(u, x int) int64 {
	if u == 0 {
		return cosTable[4] // C(0)/2 = cos(4π/16)/2
	}
	k := (2*x + 1) * u % 32 // cos has period 32 in units of π/16
	if k > 16 {
		k = 32 - k // cos(−a) = cos(a)
	}
	if k > 8 {
		return -cosTable[16-k] // cos(π − a) = −cos(a)
	}
	return cosTable[k]
}

// dctMatrix holds dctCoefficient(u, x) at [u][x].
type dctMatrix [8][8]int64

func newDCTMatrix() *dctMatrix {
	var t dctMatrix
	for u := range 8 {
		for x := range 8 {
			t[u][x] = dctCoefficient(u, x)
		}
	}
	return &t
}

// fdct computes the forward DCT of a block of level-shifted samples
// (natural order) into out, in units of 2⁻²⁴ (|F| ≤ 1024 · 2²⁴ < 2³⁵),
// by rows and then columns, each an 8-point transform.
func fdct(t *dctMatrix, in *[64]int32, out *[64]int64) {
	var rows [64]int64 // rows[8y+u]: the transform of row y
	var v [8]int64
	for y := range 8 {
		for x := range 8 {
			v[x] = int64(in[8*y+x])
		}
		dct8(t, &v)
		copy(rows[8*y:8*y+8], v[:])
	}
	for u := range 8 {
		for y := range 8 {
			v[y] = rows[8*y+u]
		}
		dct8(t, &v)
		for k := range 8 {
			out[8*k+u] = v[k]
		}
	}
}

// dct8 replaces v by its 8-point transform, v'[u] = Σx t[u][x]·v[x]. As
// t[u][7−x] = (−1)ᵘ·t[u][x], the even outputs need only the sums
// v[x] + v[7−x] and the odd ones the differences: half the products.
func dct8(t *dctMatrix, v *[8]int64) {
	var s, d [4]int64
	for x := range 4 {
		s[x], d[x] = v[x]+v[7-x], v[x]-v[7-x]
	}
	for u := 0; u < 8; u += 2 {
		v[u] = t[u][0]*s[0] + t[u][1]*s[1] + t[u][2]*s[2] + t[u][3]*s[3]
		v[u+1] = t[u+1][0]*d[0] + t[u+1][1]*d[1] + t[u+1][2]*d[2] + t[u+1][3]*d[3]
	}
}

// zigzag returns, for each position in the zig-zag sequence of T.81
// Figure 5, the index of the coefficient in natural (row-major) order:
// the anti-diagonals of the block, walked alternately up and down.
func zigzag() [64]int {
	var zz [64]int
	i := 0
	for d := range 15 { // d = row + column
		lo, hi := max(0, d-7), min(d, 7)
		for j := lo; j <= hi; j++ {
			row := j // odd diagonals run down: row grows
			if d%2 == 0 {
				row = d - j // even ones run up
			}
			zz[i] = 8*row + (d - row)
			i++
		}
	}
	return zz
}

// baseQuant is the luminance quantization table of T.81 Table K.1, in
// natural order.
var baseQuant = [64]int32{
	16, 11, 10, 16, 24, 40, 51, 61,
	12, 12, 14, 19, 26, 58, 60, 55,
	14, 13, 16, 24, 40, 57, 69, 56,
	14, 17, 22, 29, 51, 87, 80, 62,
	18, 22, 37, 56, 68, 109, 103, 77,
	24, 35, 55, 64, 81, 104, 113, 92,
	49, 64, 78, 87, 103, 121, 120, 101,
	72, 92, 95, 98, 112, 100, 103, 99,
}

// scaledQuant scales baseQuant for a quality from 1 to 100 as the
// Independent JPEG Group's software does (and image/jpeg): quality 50 is
// the table itself, 100 all ones, below 50 coarser by 50/quality.
func scaledQuant(quality int) [64]int32 {
	scale := int32(200 - 2*quality)
	if quality < 50 {
		scale = int32(5000 / quality)
	}
	var q [64]int32
	for i, b := range baseQuant {
		q[i] = min(max((b*scale+50)/100, 1), 255)
	}
	return q
}

// The Huffman tables of T.81 Annex K.3.1 (Table K.3) and K.3.2 (Table
// K.5), for luminance DC and AC coefficients: the number of codes of each
// length from 1 to 16 bits, then the symbols in order of their codes.
var (
	dcBits   = [16]byte{0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}
	dcValues = [12]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	acBits   = [16]byte{0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d}
	acValues = [162]byte{
		0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12,
		0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
		0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08,
		0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
		0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16,
		0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
		0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
		0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
		0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
		0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
		0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79,
		0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
		0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98,
		0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
		0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6,
		0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
		0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4,
		0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
		0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
		0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
		0xf9, 0xfa,
	}
)

// huffCode is a Huffman code: its size low bits of code.
type huffCode struct {
	code uint16
	size uint8
}

// huffTable maps a symbol to its code; size 0 for symbols not coded.
type huffTable [256]huffCode

// newHuffTable derives the codes from a table's code lengths and symbols
// (T.81 Annex C): codes of one length are consecutive, and moving to the
// next length appends a zero bit.
func newHuffTable(bits, values []byte) huffTable {
	var t huffTable
	code, k := uint16(0), 0
	for size := 1; size <= 16; size++ {
		for range bits[size-1] {
			t[values[k]] = huffCode{code: code, size: uint8(size)}
			code++
			k++
		}
		code <<= 1
	}
	return t
}
