package linebreak

import "testing"

// A paragraph whose every word may be hyphenated: no more than two
// hyphenated lines follow each other.
func TestNoMoreThanTwoHyphenatedLinesInARow(t *testing.T) {
	var nodes []Node
	for i := 0; i < 40; i++ {
		if i > 0 {
			nodes = append(nodes, Glue(10, 5, 3))
		}
		nodes = append(nodes, Box(30), Penalty(10, 50, true), Box(40))
	}
	nodes = Finish(nodes)
	p := DefaultParams()
	p.Tolerance = 10000
	res, err := Break(nodes, constant(125), p)
	if err != nil {
		t.Fatal(err)
	}
	run := 0
	hyph := 0
	for _, ln := range res.Lines {
		if ln.Hyphenated {
			run++
			hyph++
		} else {
			run = 0
		}
		if run > 2 {
			t.Fatalf("three hyphenated lines in a row: %+v", res.Lines)
		}
	}
	if hyph == 0 {
		t.Error("no hyphenated line at all: the test does not exercise the limit")
	}
}

func TestFirstPassAvoidsHyphens(t *testing.T) {
	// Fits well without hyphenation: pass 1 must win.
	nodes := Finish([]Node{Box(40), Penalty(10, 50, true), Box(40), Glue(10, 20, 3), Box(40), Glue(10, 20, 3), Box(40)})
	res, err := Break(nodes, constant(140), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if res.Pass != PassFirst {
		t.Errorf("pass = %d, want 1", res.Pass)
	}
	for _, ln := range res.Lines {
		if ln.Hyphenated {
			t.Error("hyphenated a line that fits without")
		}
	}
}

func FuzzBreak(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8}, 100.0)
	f.Add([]byte{200, 0, 13, 255, 9}, 5.0)
	f.Fuzz(func(t *testing.T, data []byte, width float64) {
		if !(width > 0) || width > 1e6 {
			return
		}
		var nodes []Node
		for i, b := range data {
			switch b % 3 {
			case 0:
				nodes = append(nodes, Box(float64(b)))
			case 1:
				nodes = append(nodes, Glue(float64(b%20), float64(b%7), float64(b%5)))
			default:
				nodes = append(nodes, Penalty(float64(b%10), float64(int(b)*80-10000), i%2 == 0))
			}
		}
		nodes = Finish(nodes)
		res, err := Break(nodes, constant(width), DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Lines) == 0 {
			t.Fatal("no lines")
		}
		if res.Lines[len(res.Lines)-1].End != len(nodes)-1 {
			t.Fatalf("last line ends at %d, want %d", res.Lines[len(res.Lines)-1].End, len(nodes)-1)
		}
	})
}
