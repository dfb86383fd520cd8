package hyphen

import (
	"errors"
	"fmt"
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

// trieBuilder grows a trie one pattern at a time, as linked lists of
// siblings kept in increasing order of class; build then lays it out
// breadth first. The pattern files list their patterns in alphabetical
// order, or nearly: a pattern shares its first letters with the one
// before, whose path is kept, and its other letters are new last
// children, so a pattern costs the letters it adds.
type trieBuilder struct {
	t       trie
	classes int
	// The nodes under construction, node 0 the root.
	child, last, next []int32 // first child, last child and next sibling; 0 for none
	class             []uint16
	value             []int32 // as in trie
	// The letters of the pattern being added, and of the one before with
	// the nodes on its path (path[d] at depth d).
	letters, prev []uint16
	path          []int32
	vals          []uint8
}

// newTrieBuilder returns a builder for patterns made of the letters of
// alphabet, which are numbered in increasing order; sizeHint is the
// number of nodes expected.
func newTrieBuilder(alphabet []rune, sizeHint int) (*trieBuilder, error) {
	if len(alphabet) > 1<<16-1 {
		return nil, errTooManyLetters
	}
	b := &trieBuilder{
		classes: len(alphabet),
		child:   make([]int32, 1, sizeHint+1),
		last:    make([]int32, 1, sizeHint+1),
		next:    make([]int32, 1, sizeHint+1),
		class:   make([]uint16, 1, sizeHint+1),
		value:   make([]int32, 1, sizeHint+1),
		path:    []int32{0},
	}
	for i, r := range alphabet {
		if r >= 0 && r < utf8.RuneSelf {
			b.t.ascii[r] = uint16(i + 1)
			continue
		}
		if b.t.other == nil {
			b.t.other = map[rune]uint16{}
		}
		b.t.other[r] = uint16(i + 1)
	}
	b.t.values = make([]uint8, 0, sizeHint+sizeHint/4)
	return b, nil
}

var errTooManyLetters = errors.New("the patterns have more than 65535 letters")

// add adds one pattern, such as "a3p2n": letters with a value (a digit)
// before, between or after them. As in TeX, a digit is '0' to '9' and
// any other rune is a letter; of two values in a row the second counts,
// and of two patterns with the same letters the one added last.
func (b *trieBuilder) add(p []byte) error {
	b.letters, b.vals = b.letters[:0], append(b.vals[:0], 0)
	for i := 0; i < len(p); {
		c := p[i]
		if c >= '0' && c <= '9' {
			b.vals[len(b.vals)-1] = c - '0'
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(p[i:])
		}
		i += size
		cl := b.t.classOf(r)
		if cl == 0 {
			return fmt.Errorf("%q is not in the alphabet of the patterns", r)
		}
		b.letters = append(b.letters, cl)
		b.vals = append(b.vals, 0)
	}
	d := 0
	for d < len(b.letters) && d < len(b.prev) && b.letters[d] == b.prev[d] {
		d++
	}
	b.path = b.path[:d+1]
	node := b.path[d]
	for _, cl := range b.letters[d:] {
		node = b.childFor(node, cl)
		b.path = append(b.path, node)
	}
	b.prev = append(b.prev[:0], b.letters...)
	b.value[node] = int32(len(b.t.values)) + 1
	b.t.values = append(b.t.values, b.vals...)
	return nil
}

// childFor returns the child of node by class cl, made if need be.
func (b *trieBuilder) childFor(node int32, cl uint16) int32 {
	prev, k := int32(0), int32(0)
	if l := b.last[node]; l == 0 || b.class[l] < cl {
		prev = l // the new child comes last: the usual case
	} else {
		k = b.child[node]
		for k != 0 && b.class[k] < cl {
			prev, k = k, b.next[k]
		}
		if k != 0 && b.class[k] == cl {
			return k
		}
	}
	n := int32(len(b.child))
	b.child = append(b.child, 0)
	b.last = append(b.last, 0)
	b.next = append(b.next, k)
	b.class = append(b.class, cl)
	b.value = append(b.value, 0)
	if prev == 0 {
		b.child[node] = n
	} else {
		b.next[prev] = n
	}
	if k == 0 {
		b.last[node] = n
	}
	return n
}

// build lays the trie out breadth first and returns it.
func (b *trieBuilder) build() *trie {
	t := &b.t
	n := len(b.child)
	t.first = make([]int32, n+1)
	t.class = make([]uint16, n)
	t.value = make([]int32, n)
	// order[k] is the builder's node that becomes node k.
	order := make([]int32, 1, n)
	next := int32(1)
	for k := 0; k < len(order); k++ {
		old := order[k]
		t.first[k] = next
		t.class[k] = b.class[old]
		t.value[k] = b.value[old]
		for c := b.child[old]; c != 0; c = b.next[c] {
			order = append(order, c)
			next++
		}
	}
	t.first[n] = next
	t.root = make([]int32, b.classes+1)
	for k := t.first[0]; k < t.first[1]; k++ {
		t.root[t.class[k]] = k
	}
	return t
}
