package linebreak

import (
	"math"
	"testing"
)

// TestLoosePassComesBeforeEmergencyStretch: "aaaa bbbb" in a line of 100
// is 90 wide with 5 of stretch, a ratio of 2 (badness 800): beyond TeX's
// tolerance of 200, within a loose tolerance of 1000. The loose pass finds
// the breaks by their true badness before emergency stretch is tried.
func TestLoosePassComesBeforeEmergencyStretch(t *testing.T) {
	nodes := words("aaaa bbbb cccc dddd")
	p := DefaultParams()
	p.LooseTolerance = 1000
	p.EmergencyStretch = 50
	res, err := Break(nodes, constant(100), p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pass != PassLoose {
		t.Fatalf("pass = %d, want %d (loose)", res.Pass, PassLoose)
	}
	if r := res.Lines[0].Ratio; math.Abs(r-2) > 1e-9 {
		t.Errorf("first line ratio = %v, want 2", r)
	}
	// Without the loose pass, emergency stretch finds the same lines.
	p.LooseTolerance = 0
	res, err = Break(nodes, constant(100), p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pass != PassEmergency {
		t.Errorf("pass = %d, want %d (emergency)", res.Pass, PassEmergency)
	}
}
