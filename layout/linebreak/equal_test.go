package linebreak

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The tests of this file require Break and BreakEach, with a fresh
// Breaker and with one that has broken other paragraphs before, to give
// exactly the results of the reference implementation (reference_test.go)
// and to ask for the same line widths in the same order.

// testCase is a paragraph to break, decoded from bytes by decodeCase.
type testCase struct {
	nodes []Node
	p     Params
	loose []int // for BreakEach
	width func(line int) float64
}

// decodeCase turns data into a paragraph, parameters and widths. The
// first four bytes choose the parameters and widths, each further byte a
// node: a box, glue, a hyphenation point, a penalty (forced or forbidding
// ones among them) or a negative kern.
func decodeCase(data []byte) testCase {
	var head [4]byte
	copy(head[:], data)
	data = data[min(len(data), 4):]
	p := DefaultParams()
	if head[0]&1 != 0 {
		p.Pretolerance = -1
	}
	p.Unforced = head[0]&2 != 0
	if head[0]&4 != 0 {
		p.LooseTolerance = 9999
	}
	if head[0]&8 != 0 {
		p.EmergencyStretch = 20
	}
	p.MaxConsecutiveHyphens = int(head[0]>>4) & 3
	if head[0]&64 != 0 {
		p.Tolerance = 10000
	}
	p.Looseness = int(head[1]%5) - 2
	loose := []int{p.Looseness}
	if p.Looseness == 0 {
		loose = []int{1, 2}
	}
	if head[1]&128 != 0 {
		loose = []int{-1, -2, 1}
	}
	w := 40 + 2*float64(head[2])
	narrow := int(head[3] % 8)
	invalid := head[3] >= 240 // a width that is not a width, from line narrow+1 on
	width := func(line int) float64 {
		switch {
		case invalid && line > narrow:
			return 0
		case line < narrow:
			return 0.6 * w
		}
		return w
	}
	var nodes []Node
	for _, b := range data {
		v := float64(b >> 3)
		switch b % 8 {
		case 0, 1, 2:
			nodes = append(nodes, Box(2*v+1))
		case 3, 4:
			nodes = append(nodes, WordGlue(3+float64(b>>5), 1.5+float64(b>>6), float64(b>>5&1)*0.7, 1))
		case 5:
			nodes = append(nodes, Penalty(2, 50, true))
		case 6:
			nodes = append(nodes, Penalty(float64(b>>7), v*700-10000, b>>7 == 1))
		default:
			if b&8 != 0 {
				nodes = append(nodes, Box(-v/4))
			} else {
				nodes = append(nodes, Glue(v, 0, v/8))
			}
		}
	}
	if len(data)%7 != 3 { // some paragraphs without TeX's end
		nodes = Finish(nodes)
	}
	return testCase{nodes: nodes, p: p, loose: loose, width: width}
}

// recorded returns widths that note the lines they are asked for in asked.
func recorded(widths Widths, asked *[]int) Widths {
	return func(line int) float64 {
		*asked = append(*asked, line)
		return widths(line)
	}
}

// show prints results exactly: %v prints the shortest decimal that reads
// back as the same float64, -0 and NaN included.
func show(res any, err any, asked []int) string {
	return fmt.Sprintf("%#v\nerr %v\nwidths asked %v", res, err, asked)
}

// differ breaks c with the reference and with b, a fresh Breaker and the
// package functions, and describes the first difference ("" if none).
func differ(b *Breaker, c testCase) string {
	var asked []int
	res, err := refBreak(c.nodes, recorded(c.width, &asked), c.p)
	want := show(res, err, asked)
	for _, try := range []struct {
		name   string
		break_ func([]Node, Widths, Params) (Result, error)
	}{
		{"reused Breaker", b.Break},
		{"fresh Breaker", new(Breaker).Break},
		{"Break", Break},
	} {
		asked = nil
		res, err := try.break_(c.nodes, recorded(c.width, &asked), c.p)
		if got := show(res, err, asked); got != want {
			return fmt.Sprintf("%s of %d nodes, %+v:\n%s\nthe reference:\n%s", try.name, len(c.nodes), c.p, got, want)
		}
	}
	asked = nil
	ress, errs := refBreakEach(c.nodes, recorded(c.width, &asked), c.p, c.loose)
	want = show(ress, errs, asked)
	for _, try := range []struct {
		name string
		each func([]Node, Widths, Params, []int) ([]Result, []error)
	}{
		{"reused Breaker", b.BreakEach},
		{"fresh Breaker", new(Breaker).BreakEach},
		{"BreakEach", BreakEach},
	} {
		asked = nil
		ress, errs := try.each(c.nodes, recorded(c.width, &asked), c.p, c.loose)
		if got := show(ress, errs, asked); got != want {
			return fmt.Sprintf("%s of %d nodes, %+v, loose %v:\n%s\nthe reference:\n%s", try.name, len(c.nodes), c.p, c.loose, got, want)
		}
	}
	return ""
}

// textLike returns the bytes of a paragraph of n words of one to three
// syllables, each syllable a box and a hyphenation point between them,
// with now and then a penalty or a kern, for decodeCase.
func textLike(r *rand.Rand, n int) []byte {
	data := []byte{byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256))}
	for range n {
		for s := range 1 + r.IntN(3) {
			if s > 0 {
				data = append(data, 5)
			}
			data = append(data, byte(8*(1+r.IntN(8))+r.IntN(3)))
			if r.IntN(20) == 0 {
				data = append(data, byte(8*r.IntN(32)+7))
			}
		}
		if r.IntN(30) == 0 {
			data = append(data, byte(8*r.IntN(32)+6))
		}
		data = append(data, byte(8*r.IntN(32)+3+r.IntN(2)))
	}
	return data
}

func TestBreakMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var b Breaker // reused for every paragraph, long and short
	for _, tt := range []struct {
		name       string
		cases      int
		words, raw int // words of textLike, or bytes of raw data
	}{
		{"short paragraphs", 400, 12, 0},
		{"long paragraphs", 50, 150, 0},
		{"very long paragraph", 1, 1000, 0},
		{"raw bytes", 400, 0, 60},
	} {
		for range tt.cases {
			var data []byte
			if tt.raw > 0 {
				data = make([]byte, r.IntN(tt.raw))
				for k := range data {
					data[k] = byte(r.IntN(256))
				}
			} else {
				data = textLike(r, 1+r.IntN(tt.words))
			}
			if d := differ(&b, decodeCase(data)); d != "" {
				t.Fatalf("%s: data %v: %s", tt.name, data, d)
			}
		}
	}
}

// FuzzBreakMatchesReference breaks arbitrary paragraphs with the package
// and with the reference implementation and requires the same results.
func FuzzBreakMatchesReference(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 5, 30} {
		f.Add(textLike(r, n))
	}
	f.Add([]byte{255, 255, 0, 241, 1, 3, 2, 5, 1, 6, 246, 254, 7, 15})
	f.Fuzz(func(t *testing.T, data []byte) {
		var b Breaker
		// Leave b's memory full of another paragraph first.
		other := decodeCase(append(data[min(len(data), 4):], data[:min(len(data), 4)]...))
		b.Break(other.nodes, other.width, other.p)
		if d := differ(&b, decodeCase(data)); d != "" {
			t.Fatal(d)
		}
	})
}

func TestBreakMatchesReferenceAtTheEdges(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	var b Breaker
	for _, tt := range []struct {
		name string
		node Node
	}{
		{"NaN width", Box(nan)},
		{"infinite width", Box(-inf)},
		{"negative width", Box(-30)},
		{"NaN stretch", Glue(1, nan, 0)},
		{"negative stretch", Glue(1, -1, 0)},
		{"infinite stretch", Glue(1, inf, 0)},
		{"largest stretch", Glue(1, math.MaxFloat64, 0)},
		{"infinite shrink", Glue(1, 1, inf)},
		{"negative shrink", Glue(1, 1, -1)},
		{"NaN bounded stretch", WordGlue(1, 1, nan, 0)},
		{"infinite bounded stretch", WordGlue(1, 1, inf, 0)},
		{"NaN penalty", Penalty(0, nan, false)},
		{"infinite penalty", Penalty(0, inf, false)},
		{"infinitely negative penalty", Penalty(0, -inf, true)},
		{"huge widths", Box(1e300)},
		{"tiny widths", Box(1e-310)},
		{"unknown kind", Node{Kind: 7, Width: 5}},
	} {
		for _, width := range []float64{1e-300, 50, 1e300} {
			for _, at := range []int{0, 7, 30} {
				c := decodeCase(textLike(rand.New(rand.NewPCG(uint64(at), 5)), 20))
				c.nodes = slices.Insert(c.nodes, min(at, len(c.nodes)), tt.node)
				c.width = func(int) float64 { return width }
				if d := differ(&b, c); d != "" {
					t.Fatalf("%s at %d, width %v: %s", tt.name, at, width, d)
				}
			}
		}
	}
}
