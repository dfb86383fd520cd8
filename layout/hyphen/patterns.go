package hyphen

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// patternFiles holds the TeX pattern files, the source with their
// licences, and the compiled files New reads (triefile.go), made from
// them by go generate.
//
//go:generate go test -run TestCompiledPatternsCurrent -update-patterns
//go:embed patterns/*.tex patterns/*.trie
var patternFiles embed.FS

// compiledName is the name of the compiled file of TeX pattern file name.
func compiledName(name string) string { return strings.TrimSuffix(name, ".tex") + ".trie" }

// languages maps the languages New knows to their pattern file and the
// minimum fragment lengths (left, right) of their typesetting tradition.
var languages = map[string]struct {
	file        string
	left, right int
}{
	"it":    {"patterns/hyph-it.tex", 2, 2},
	"en":    {"patterns/hyph-en-gb.tex", 2, 3},
	"en-gb": {"patterns/hyph-en-gb.tex", 2, 3},
	"en-us": {"patterns/hyph-en-us.tex", 2, 3},
}

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
