package layout

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/fonts"
	"github.com/duetto-press/duetto/layout/hyphen"
)

// TestAddPieceIsAddPieces requires the walk of a word in one style to
// make the nodes and fragments the general walk makes, for
// breaks inside the word, at its ends, beyond them and repeated.
func TestAddPieceIsAddPieces(t *testing.T) {
	face, err := fonts.Builtin("LiberationSans-Regular")
	if err != nil {
		t.Fatal(err)
	}
	ts := &textStyle{fontKey: "sans-regular", face: face, size: 10}
	hy := func(pos ...int) []hyphen.Break {
		var out []hyphen.Break
		for _, p := range pos {
			out = append(out, hyphen.Break{Pos: p, Hyphen: true})
		}
		return out
	}
	tests := []struct {
		word   string
		breaks []hyphen.Break
	}{
		{"", nil},
		{"a", nil},
		{"a", hy(0, 1)},
		{"Wavy", nil},
		{"AVATAR", hy(1, 3, 5)},
		{"città", hy(3)},
		{"città", hy(5, 7)},
		{"perché", hy(-1, 0, 2, 2, 4, 6)},
		{"dell’Acqua", []hyphen.Break{{Pos: 5}, {Pos: 7, Hyphen: true}}},
		{"125/2014", []hyphen.Break{{Pos: 4, Discouraged: true}}},
		{"socio-economico", []hyphen.Break{{Pos: 6}, {Pos: 6, Hyphen: true}, {Pos: 8, Hyphen: true}}},
		{"𝔞é𝔟ç", hy(1, 2, 3)},
	}
	for _, align := range []content.Align{content.Left, content.Justify} {
		st := &content.Style{Align: align}
		for _, tt := range tests {
			one := &paragraph{style: st}
			one.addPiece(styledText{tt.word, ts}, tt.breaks)
			all := &paragraph{style: st}
			all.addPieces([]styledText{{tt.word, ts}}, tt.breaks)
			if !slices.Equal(one.nodes, all.nodes) || !slices.Equal(one.frags, all.frags) {
				t.Errorf("%v %q at %v: addPiece makes\n%v\n%v\naddPieces\n%v\n%v", align, tt.word, tt.breaks,
					one.nodes, one.frags, all.nodes, all.frags)
			}
		}
	}
}

// TestBoxFlexCountsEveryGap requires a justified box's flexibility to
// count all its letter gaps, also past the most a fragment records.
func TestBoxFlexCountsEveryGap(t *testing.T) {
	face, err := fonts.Builtin("LiberationSans-Regular")
	if err != nil {
		t.Fatal(err)
	}
	ts := &textStyle{fontKey: "sans-regular", face: face, size: 10}
	for _, tt := range []struct {
		word string
		join bool
	}{
		{"a", false},
		{"a", true},
		{"città", false},
		{strings.Repeat("a", maxGaps), false},
		{strings.Repeat("a", maxGaps), true},
		{strings.Repeat("è", maxGaps+2), true},
	} {
		p := &paragraph{style: &content.Style{Align: content.Justify}}
		p.addBox(textFragment(tt.word, tt.word), ts, -1, tt.join)
		gaps := utf8.RuneCountInString(tt.word) - 1
		if tt.join {
			gaps++
		}
		w := p.nodes[0].Width
		want := flex{
			stretch: float64(gaps)*letterStretch*ts.size + glyphScale*w,
			shrink:  float64(gaps)*letterShrink*ts.size + glyphScale*w,
		}
		if got := p.boxFlex(0); got != want {
			t.Errorf("%d runes, join %v: boxFlex = %v, want %v (%d gaps)", utf8.RuneCountInString(tt.word), tt.join, got, want, gaps)
		}
	}
}
