// Package linebreak breaks paragraphs into lines the way TeX does.
//
// # The model
//
// A paragraph is a list of nodes (Knuth & Plass, "Breaking Paragraphs into
// Lines", Software—Practice and Experience 11, 1981, §2):
//
//   - a box is material of fixed width that cannot be broken or stretched:
//     a word, or a piece of a word between two hyphenation points;
//   - glue is white space of a natural width that may stretch or shrink:
//     the space between words;
//   - a penalty is a place where a break may happen at a cost; a flagged
//     penalty is a hyphenation point, and when the line breaks there the
//     penalty's width (the hyphen) is added to the line.
//
// A line may break at a penalty below Infinity, or at glue that follows a
// box. Glue and penalties at the start of a line vanish (they are
// "discardable"). When a line is set to its width w, all its glue grows
// or shrinks by the same ratio r of its stretch or shrink: natural width +
// r·stretch = w. The badness of the line is 100|r|³ (§2, eq. 4), and a line
// that would need to shrink more than its glue allows (r < −1) is
// infeasible.
//
// Break chooses, among all feasible sets of breaks, the one with the least
// total demerits (Knuth–Plass total fit; knuthplass.go).
package linebreak

// Kind is the kind of a node.
type Kind uint8

// The kinds of nodes.
const (
	KindBox Kind = iota
	KindGlue
	KindPenalty
)

// Node is one item of a paragraph. It is a flat struct so that a paragraph
// is a single []Node allocation.
type Node struct {
	Width   float64 // natural width in points; for a penalty, the width added if the line breaks there (a hyphen)
	Stretch float64 // glue only
	Shrink  float64 // glue only
	Penalty float64 // penalty only: >= Infinity forbids a break, <= -Infinity forces one
	// BoundedStretch (glue only) is stretch that grows with the line's
	// ratio up to ratio 1 and no further: the letter spacing and glyph
	// scaling of the word before a space, which have a limit. Beyond
	// ratio 1 only Stretch grows, so a line with few spaces and long
	// words is judged by how wide its spaces really get.
	BoundedStretch float64
	Kind           Kind // after the floats, beside Flagged: a node is 48 bytes, not 56
	Flagged        bool // penalty only: a hyphenation break
}

// Infinity is the penalty that forbids a break; -Infinity forces one.
const Infinity = 10000
