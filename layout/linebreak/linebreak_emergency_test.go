package linebreak

import "testing"

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
