package layout

import (
	"fmt"
	"testing"
)

// TestColorFormatting pins how colours print in page digests: a process
// colour as the four numbers %v always printed for it (so digests of
// pages without spot colours stay as they were), a spot colour with its
// ink and tint after them.
func TestColorFormatting(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"process", Color{C: 1, M: 0.7, K: 0.1}, "{1 0.7 0 0.1}"},
		{"black", Black, "{0 0 0 1}"},
		{"process in a fill", Fill{Rect: Rect{X: -8.5, W: 10, H: 20}, Color: Color{C: 1, M: 0.7, K: 0.1}}, "{{-8.5 0 10 20} {1 0.7 0 0.1}}"},
		{"process in a rule", Rule{X1: 1, Y1: 2, X2: 3, Y2: 4, Width: 0.25, Color: Black}, "{1 2 3 4 0.25 {0 0 0 1}}"},
		{"spot", Color{C: 0.4, M: 0.18, K: 0.056, Spot: "PANTONE 2945 C", Tint: 0.4}, `{0.4 0.18 0 0.056 spot "PANTONE 2945 C" 0.4}`},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf("%v", tt.v); got != tt.want {
			t.Errorf("%s: %%v = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestDigestOfSpotColour: a spot colour and its process fallback draw
// different plates, so their pages digest differently.
func TestDigestOfSpotColour(t *testing.T) {
	fallback := Color{C: 1, M: 0.45, K: 0.14}
	spot := fallback
	spot.Spot, spot.Tint = "PANTONE 2945 C", 1
	page := func(c Color) *Page {
		return &Page{Index: 1, Items: []Item{&Fill{Rect: Rect{W: 10, H: 10}, Color: c}, &Rule{X2: 10, Width: 1, Color: c}}}
	}
	if page(fallback).Digest() == page(spot).Digest() {
		t.Error("a page in a spot ink digests as the page in its CMYK fallback")
	}
}
