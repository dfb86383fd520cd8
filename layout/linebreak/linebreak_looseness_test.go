package linebreak

import (
	"errors"
	"reflect"
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

// BreakEach must give, for every looseness, what Break gives for it.
func TestBreakEachIsBreakForEachLooseness(t *testing.T) {
	text := "the quick brown fox jumps over the lazy dog while the five boxing wizards jump quickly and a wizard's job is to vex chumps quickly in fog"
	loose := []int{1, 2, -1, -2, 3}
	for _, width := range []float64{150, 230, 300, 420} {
		for _, unforced := range []bool{false, true} {
			p := DefaultParams()
			p.Unforced = unforced
			got, errs := BreakEach(words(text), constant(width), p, loose)
			for k, l := range loose {
				q := p
				q.Looseness = l
				want, err := Break(words(text), constant(width), q)
				if !reflect.DeepEqual(got[k], want) || !errors.Is(errs[k], err) && (errs[k] == nil) != (err == nil) {
					t.Errorf("width %v, unforced %v, looseness %d: BreakEach = %+v, %v; Break = %+v, %v", width, unforced, l, got[k], errs[k], want, err)
				}
			}
		}
	}
	if _, errs := BreakEach(words(text), constant(200), DefaultParams(), []int{0}); !errors.Is(errs[0], ErrInvalid) {
		t.Errorf("looseness 0: err = %v, want ErrInvalid", errs[0])
	}
}
