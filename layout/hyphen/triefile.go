package hyphen

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf8"
)

// This file writes and reads a language's trie and exceptions as a
// compiled pattern file (patterns/*.trie), which New reads instead of
// parsing the TeX file: building the trie of the British English patterns
// from their TeX source takes a millisecond or two, reading it from the
// compiled file a tenth of that. The compiled files are made from the TeX
// files by `go generate` (TestCompiledPatternsCurrent -update-patterns),
// and that test fails when one is not what the TeX file gives.
//
// The format, every number a little-endian uint32:
//
//	magic      "duetto hyphenation trie 1\n"
//	alphabet   count, then the runes of classes 1, 2, …
//	nodes      count n, then first (n+1 entries), class (n, as uint32),
//	           value (n)
//	values     count, then the bytes
//	exceptions count, then each as its length and its bytes
//
// The TeX files stay the source, with their licences; the compiled files
// are derived from them and embedded with them.

const trieMagic = "duetto hyphenation trie 1\n"

// errBadTrieFile is wrapped by the errors of a compiled file that cannot
// be read.
var errBadTrieFile = errors.New("bad compiled pattern file")

// trieReader reads the numbers of a compiled file in turn; the first
// error sticks, and later reads return zero.
type trieReader struct {
	data []byte
	err  error
}

func (r *trieReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: "+format, append([]any{errBadTrieFile}, args...)...)
	}
	r.data = nil
}

func (r *trieReader) uint32() uint32 {
	if len(r.data) < 4 {
		r.fail("it ends early")
		return 0
	}
	v := binary.LittleEndian.Uint32(r.data)
	r.data = r.data[4:]
	return v
}

// count reads a count of items of size bytes each and checks that the
// file holds them.
func (r *trieReader) count(size int) int {
	n := int(r.uint32())
	if r.err == nil && (n < 0 || n > len(r.data)/size) {
		r.fail("a count of %d is more than the file holds", n)
		return 0
	}
	return n
}

func (r *trieReader) bytes(n int) []byte {
	if len(r.data) < n {
		r.fail("it ends early")
		return nil
	}
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}

// readTrieFile reads a compiled file. It checks what the walks of Breaks
// rely on — classes in range, children numbered after their parent in
// order, values within the values — so that a damaged file is an error,
// never a panic or a wrong read.
func readTrieFile(data []byte) (*trie, []string, error) {
	if len(data) < len(trieMagic) || string(data[:len(trieMagic)]) != trieMagic {
		return nil, nil, fmt.Errorf("%w: it does not start with %q", errBadTrieFile, trieMagic)
	}
	r := &trieReader{data: data[len(trieMagic):]}
	t := &trie{}
	na := r.count(4)
	if na > 1<<16-1 {
		r.fail("%d letters", na)
	}
	for i := range na {
		c, ru := uint16(i+1), rune(r.uint32())
		switch {
		case r.err != nil:
		case ru >= 0 && ru < utf8.RuneSelf:
			t.ascii[ru] = c
		case utf8.ValidRune(ru):
			if t.other == nil {
				t.other = map[rune]uint16{}
			}
			t.other[ru] = c
		default:
			r.fail("letter %d is not a rune", i+1)
		}
	}
	n := r.count(12)
	if r.err == nil && n == 0 {
		r.fail("no nodes")
	}
	t.first, t.class, t.value = make([]int32, n+1), make([]uint16, n), make([]int32, n)
	for i, b := 0, r.bytes(4*(n+1)); i < len(b); i += 4 {
		t.first[i/4] = int32(binary.LittleEndian.Uint32(b[i:]))
	}
	for i, b := 0, r.bytes(4*n); i < len(b); i += 4 {
		c := binary.LittleEndian.Uint32(b[i:])
		if c > uint32(na) || i > 0 && c == 0 {
			r.fail("node %d has letter %d of %d", i/4, c, na)
			break
		}
		t.class[i/4] = uint16(c)
	}
	for i, b := 0, r.bytes(4*n); i < len(b); i += 4 {
		t.value[i/4] = int32(binary.LittleEndian.Uint32(b[i:]))
	}
	t.values = r.bytes(r.count(1))
	ne := r.count(4)
	exceptions := make([]string, 0, ne)
	for range ne {
		exceptions = append(exceptions, string(r.bytes(r.count(1))))
	}
	if r.err == nil && len(r.data) != 0 {
		r.fail("%d bytes after the exceptions", len(r.data))
	}
	if r.err == nil {
		r.checkNodes(t)
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	t.root = make([]int32, na+1)
	for k := t.first[0]; k < t.first[1]; k++ {
		t.root[t.class[k]] = k
	}
	return t, exceptions, nil
}

// checkNodes checks the layout of t's nodes: node k's children are nodes
// first[k] to first[k+1]-1, after k, in increasing order of class; a
// node's values lie within values, one more than its depth.
func (r *trieReader) checkNodes(t *trie) {
	n := int32(len(t.class))
	if t.first[0] != 1 || t.first[n] != n {
		r.fail("the children do not number the nodes")
		return
	}
	depth := make([]int32, n)
	for k := range n {
		lo, hi := t.first[k], t.first[k+1]
		if lo > hi || hi > n || lo <= k && hi > lo {
			r.fail("node %d has children %d to %d", k, lo, hi-1)
			return
		}
		for c := lo; c < hi; c++ {
			if c > lo && t.class[c] <= t.class[c-1] {
				r.fail("the children of node %d are out of order", k)
				return
			}
			depth[c] = depth[k] + 1
		}
		if v := t.value[k]; v != 0 && (v < 0 || int64(v)-1+int64(depth[k])+1 > int64(len(t.values))) {
			r.fail("node %d has values at %d, beyond the %d there are", k, v-1, len(t.values))
			return
		}
	}
}
