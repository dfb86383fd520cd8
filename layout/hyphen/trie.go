package hyphen

import (
	"unicode/utf8"
)

// trie holds the patterns of one language as Liang's pattern trie (Liang
// 1983, chapter 4): a path from the root spells the letters of a pattern
// ('.' for a word edge), and the node it ends at holds the pattern's
// inter-letter values. It is built once by New, in a few slices, and is
// read-only after that.
//
// The letters are numbered by class, 1 and up, in increasing order of
// rune (alphabet); a rune no pattern has is class 0, at which
// every walk stops. The nodes are numbered breadth first with the
// children of each node in increasing order of class, so that the
// children of node k are the nodes first[k] to first[k+1]-1.
type trie struct {
	ascii [utf8.RuneSelf]uint16 // class of each ASCII rune
	other map[rune]uint16       // class of the other runes; nil when the patterns are ASCII
	// root is the child of the root for each class (0: none), so that
	// the first step of a walk, which has the most children to choose
	// from, is an index.
	root  []int32
	first []int32  // first child of each node; one more entry than the nodes
	class []uint16 // class of the letter that leads to each node
	// value is, for each node, 1 + the offset in values of its
	// pattern's values (one more than the pattern's letters, the depth
	// of the node), or 0 when no pattern ends there.
	value  []int32
	values []uint8
}

// classOf returns the class of r, 0 when no pattern has it.
func (t *trie) classOf(r rune) uint16 {
	if r < utf8.RuneSelf {
		if r < 0 {
			return 0
		}
		return t.ascii[r]
	}
	return t.other[r] // a nil map reads as 0
}

// child returns the child of node by class c, or -1.
func (t *trie) child(node int32, c uint16) int32 {
	if node == 0 {
		if int(c) < len(t.root) {
			if k := t.root[c]; k != 0 {
				return k
			}
		}
		return -1
	}
	for k := t.first[node]; k < t.first[node+1]; k++ {
		if x := t.class[k]; x >= c {
			if x == c {
				return k
			}
			break
		}
	}
	return -1
}
