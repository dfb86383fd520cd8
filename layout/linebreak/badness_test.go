package linebreak

import (
	"math"
	"testing"
)

// TestBadnessIsTeXsCappedCube pins Badness to 100|r|³ capped at 10000 as
// math.Min computes it, bit for bit, across the cap, at the infinities,
// signed zeros and NaN, and infinite below −1.
func TestBadnessIsTeXsCappedCube(t *testing.T) {
	for _, r := range []float64{0, math.Copysign(0, -1), 0.1, 0.5, 1, 1.26, 4.6, 4.641588833612779, 4.7, 1e10, math.Inf(1), -0.5, -1, -1.0000001, math.Inf(-1), math.NaN()} {
		want := math.Min(100*math.Abs(r*r*r), 10000)
		if r < -1 {
			want = math.Inf(1)
		}
		got := Badness(r)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("Badness(%v) = %v, want %v", r, got, want)
		}
	}
}
