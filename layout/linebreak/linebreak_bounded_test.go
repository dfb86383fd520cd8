package linebreak

import (
	"math"
	"testing"
)

// TestBoundedStretchStopsAtRatioOne: a line of two 50-point words and a
// space of 10 ± 5/3 that also carries 10 points of bounded stretch (the
// letters of the word before it). Up to ratio 1 both stretch together;
// beyond it the bounded stretch stays at 10 and the space alone takes the
// rest, so the line is judged by how wide its space really gets.
func TestBoundedStretchStopsAtRatioOne(t *testing.T) {
	tests := []struct {
		width, ratio float64
	}{
		{120, 10.0 / 15}, // 10 short: 10/15 of all the stretch
		{125, 1},         // 15 short: exactly all of it
		{140, 4},         // 30 short: the bounded 10, then 20 from a stretch of 5
	}
	for _, tt := range tests {
		nodes := Finish([]Node{Box(50), WordGlue(10, 5, 10, 3), Box(50), Penalty(0, -Infinity, false), Box(10)})
		p := DefaultParams()
		p.LooseTolerance = 9999
		res, err := Break(nodes, constant(tt.width), p)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Lines) != 2 {
			t.Fatalf("width %v: %d lines, want 2", tt.width, len(res.Lines))
		}
		if r := res.Lines[0].Ratio; math.Abs(r-tt.ratio) > 1e-9 {
			t.Errorf("width %v: ratio %v, want %v", tt.width, r, tt.ratio)
		}
		if b := res.Lines[0].Badness; math.Abs(b-badness(tt.ratio)) > 1e-6 {
			t.Errorf("width %v: badness %v, want %v", tt.width, b, badness(tt.ratio))
		}
	}
}
