package linebreak

import (
	"strings"
	"testing"
)

func TestLoosenessChangesTheLineCount(t *testing.T) {
	// 26 words, 72 letters of 10 pt, spaces 10 pt that stretch by 10 and
	// shrink by 9: 970 pt natural. At 220 pt the optimum is 5 lines; the
	// words also fall into 4 tight lines and 6 loose ones.
	var nodes []Node
	for i, w := range strings.Fields("aa bbb cc dddd ee fff gg hhhh ii jjj kk llll mm nnn oo pppp qq rrr ss tttt uu vvv ww xxx yy zzzz") {
		if i > 0 {
			nodes = append(nodes, Glue(10, 10, 9))
		}
		nodes = append(nodes, Box(float64(10*len(w))))
	}
	nodes = Finish(nodes)
	p := DefaultParams()
	p.Tolerance = 10000
	base, err := Break(nodes, constant(220), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Lines) != 5 {
		t.Fatalf("optimum has %d lines, want 5", len(base.Lines))
	}
	for _, l := range []int{-1, 1} {
		p.Looseness = l
		res, err := Break(nodes, constant(220), p)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(res.Lines), len(base.Lines)+l; got != want {
			t.Errorf("looseness %+d: %d lines, want %d", l, got, want)
		}
		for _, ln := range res.Lines {
			if ln.Overfull || ln.Ratio < -1 {
				t.Errorf("looseness %+d: line %+v does not fit", l, ln)
			}
		}
	}
}
