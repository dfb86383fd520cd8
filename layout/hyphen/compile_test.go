package hyphen

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"
)

// The compiler of the pattern files (go generate, and the tests).

// parseTeX is the compiler of the pattern files: New reads what it made,
// written by go generate (TestCompiledPatternsCurrent), and only the tests
// call it. It reads a hyph-utf8 .tex file: the patterns inside \patterns{…},
// into a trie, and the words inside \hyphenation{…}; '%' starts a comment
// that runs to the end of the line. It makes a few allocations whatever
// the number of patterns: one copy of the file without its comments, and
// the slices of the trie.
func parseTeX(name string, src []byte) (*trie, []string, error) {
	text := make([]byte, 0, len(src))
	for len(src) > 0 {
		i := bytes.IndexByte(src, '%')
		if i < 0 {
			text = append(text, src...)
			break
		}
		text = append(text, src[:i]...)
		src = src[i:]
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			break
		}
		src = src[j:] // the line end stays
	}
	pats, err := block(name, text, `\patterns{`)
	if err != nil {
		return nil, nil, err
	}
	b, err := newTrieBuilder(alphabet(pats), len(pats)/2)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	count := 0
	for f := range fields(pats) {
		if err := b.add(f); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		count++
	}
	if count == 0 {
		return nil, nil, fmt.Errorf("%s: no patterns", name)
	}
	excs, err := block(name, text, `\hyphenation{`)
	if err != nil {
		return nil, nil, err
	}
	var exceptions []string
	for f := range fields(excs) {
		exceptions = append(exceptions, string(f))
	}
	return b.build(), exceptions, nil
}

// alphabet returns the runes of text other than white space and ASCII
// digits, in increasing order.
func alphabet(text []byte) []rune {
	var ascii [utf8.RuneSelf]bool
	var other []rune
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			ascii[c] = true
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if !unicode.IsSpace(r) && !slices.Contains(other, r) {
			other = append(other, r)
		}
	}
	var out []rune
	for c, ok := range ascii {
		if ok && asciiSpace[c] == 0 && (c < '0' || c > '9') {
			out = append(out, rune(c))
		}
	}
	slices.Sort(other)
	return append(out, other...)
}

// block returns the text between the first cmd (a command and its '{')
// and the next '}', nil when there is no cmd.
func block(name string, text []byte, cmd string) ([]byte, error) {
	i := bytes.Index(text, []byte(cmd))
	if i < 0 {
		return nil, nil
	}
	rest := text[i+len(cmd):]
	j := bytes.IndexByte(rest, '}')
	if j < 0 {
		return nil, fmt.Errorf("%s: %s is not closed", name, cmd)
	}
	return rest[:j], nil
}

// fields yields the runs of text between white space (as unicode.IsSpace
// has it), in order, without copying them.
func fields(text []byte) func(yield func([]byte) bool) {
	return func(yield func([]byte) bool) {
		start := -1
		for i := 0; i < len(text); {
			c := text[i]
			size, space := 1, asciiSpace[c] != 0
			if c >= utf8.RuneSelf {
				var r rune
				r, size = utf8.DecodeRune(text[i:])
				space = unicode.IsSpace(r)
			}
			switch {
			case space && start >= 0:
				if !yield(text[start:i]) {
					return
				}
				start = -1
			case !space && start < 0:
				start = i
			}
			i += size
		}
		if start >= 0 {
			yield(text[start:])
		}
	}
}

// asciiSpace marks the ASCII runes unicode.IsSpace reports.
var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

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

// appendTrieFile appends the compiled form of t and exceptions to b.
func appendTrieFile(b []byte, t *trie, exceptions []string) []byte {
	alphabet := t.alphabet()
	b = append(b, trieMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(alphabet)))
	for _, r := range alphabet {
		b = binary.LittleEndian.AppendUint32(b, uint32(r))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.class)))
	for _, v := range t.first {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	for _, v := range t.class {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	for _, v := range t.value {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.values)))
	b = append(b, t.values...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(exceptions)))
	for _, e := range exceptions {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e)))
		b = append(b, e...)
	}
	return b
}

// alphabet returns the runes of t's classes, class 1 first.
func (t *trie) alphabet() []rune {
	n := len(t.other)
	for _, c := range t.ascii {
		if c != 0 {
			n++
		}
	}
	out := make([]rune, n)
	for r, c := range t.ascii {
		if c != 0 {
			out[c-1] = rune(r)
		}
	}
	for r, c := range t.other {
		out[c-1] = r
	}
	return out
}
