package linebreak

import (
	"errors"
	"reflect"
	"testing"
)

func TestEmergencyStretchRescuesALooseParagraph(t *testing.T) {
	// Two long words in a line that fits one: each line is very loose.
	nodes := words("aaaaaaa bbbbbbb ccccccc")
	p := DefaultParams()
	p.EmergencyStretch = 200
	res, err := Break(nodes, constant(120), p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pass != PassEmergency {
		t.Errorf("pass = %d, want 3 (emergency stretch)", res.Pass)
	}
	for _, ln := range res.Lines {
		if ln.Overfull {
			t.Errorf("line %+v is overfull", ln)
		}
	}
}

func TestOverfullBoxIsReportedNotFatal(t *testing.T) {
	nodes := Finish([]Node{Box(30), Glue(10, 5, 3), Box(500), Glue(10, 5, 3), Box(30)})
	res, err := Break(nodes, constant(100), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if res.Pass != PassForced {
		t.Errorf("pass = %d, want 4 (forced)", res.Pass)
	}
	over := 0
	for _, ln := range res.Lines {
		if ln.Overfull {
			over++
		}
	}
	if over != 1 {
		t.Errorf("%d overfull lines, want 1: %+v", over, res.Lines)
	}
}

func TestUnforcedLeavesOutTheForcedPass(t *testing.T) {
	overfull := Finish([]Node{Box(30), Glue(10, 5, 3), Box(500), Glue(10, 5, 3), Box(30)})
	tests := []struct {
		name      string
		nodes     []Node
		width     float64
		looseness int
		wantErr   bool
	}{
		{"overfull", overfull, 100, 0, true},
		{"looseness out of reach", words("aaa bbb ccc ddd"), 110, -3, true},
		{"fits", words("aaa bbb ccc ddd eee fff ggg"), 110, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultParams()
			p.Looseness = tt.looseness
			forced, err := Break(tt.nodes, constant(tt.width), p)
			if err != nil {
				t.Fatal(err)
			}
			p.Unforced = true
			res, err := Break(tt.nodes, constant(tt.width), p)
			if tt.wantErr {
				if !errors.Is(err, ErrNoFit) || forced.Pass != PassForced {
					t.Errorf("err = %v (forced pass %d), want ErrNoFit where only the forced pass breaks", err, forced.Pass)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(res, forced) {
				t.Errorf("unforced = %+v, %v; want %+v", res, err, forced)
			}
		})
	}
}
