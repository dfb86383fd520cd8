package linebreak

import "testing"

// A paragraph beside a photo: its first lines are narrower.
func TestLinesNarrowBesidePhotoThenWiden(t *testing.T) {
	text := "aa bbb cc dddd ee fff gg hhhh ii jjj kk llll mm nnn oo pppp qq rrr ss tttt uu vvv"
	nodes := words(text)
	widths := func(n int) float64 {
		if n < 4 {
			return 80
		}
		return 200
	}
	p := DefaultParams()
	p.Tolerance = 10000
	res, err := Break(nodes, widths, p)
	if err != nil {
		t.Fatal(err)
	}
	for i, ln := range res.Lines {
		want := widths(i)
		if ln.Width != want {
			t.Errorf("line %d set to %v, want %v", i, ln.Width, want)
		}
		if ln.Natural > want+ln.Width*0 && ln.Ratio < -1 {
			t.Errorf("line %d overfull", i)
		}
	}
	if len(res.Lines) < 6 {
		t.Errorf("%d lines; want at least 4 narrow and 2 wide", len(res.Lines))
	}
}
