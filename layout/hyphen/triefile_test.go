package hyphen

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path"
	"slices"
	"testing"
)

var updatePatterns = flag.Bool("update-patterns", false, "rewrite the compiled pattern files patterns/*.trie from the TeX files")

// TestCompiledPatternsCurrent requires each compiled pattern file to be
// what its TeX file gives, so that New, which reads the compiled files,
// hyphenates as the TeX patterns say. With -update-patterns (go
// generate) it rewrites them.
func TestCompiledPatternsCurrent(t *testing.T) {
	for _, file := range patternFileNames() {
		src, err := patternFiles.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tr, excs, err := parseTeX(file, src)
		if err != nil {
			t.Fatal(err)
		}
		want := appendTrieFile(nil, tr, excs)
		name := compiledName(file)
		if *updatePatterns {
			if err := os.WriteFile(name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := patternFiles.ReadFile(name)
		if err != nil {
			t.Fatalf("%v (make it with go generate ./layout/hyphen)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what %s gives: run go generate ./layout/hyphen", name, path.Base(file))
		}
	}
}

// TestTrieFileRoundTrip reads back what appendTrieFile writes: the same
// trie and exceptions as parsing the TeX file.
func TestTrieFileRoundTrip(t *testing.T) {
	for _, file := range patternFileNames() {
		src, err := patternFiles.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tr, excs, err := parseTeX(file, src)
		if err != nil {
			t.Fatal(err)
		}
		got, gotExcs, err := readTrieFile(appendTrieFile(nil, tr, excs))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if got.ascii != tr.ascii || !mapsEqual(got.other, tr.other) || !slices.Equal(got.root, tr.root) ||
			!slices.Equal(got.first, tr.first) || !slices.Equal(got.class, tr.class) || !slices.Equal(got.value, tr.value) ||
			!bytes.Equal(got.values, tr.values) || !slices.Equal(gotExcs, excs) {
			t.Errorf("%s: the trie read back differs from the one written", file)
		}
	}
}

// patternFileNames returns the TeX pattern files of the languages New
// knows, each once, in order.
func patternFileNames() []string {
	var files []string
	for _, l := range languages {
		if !slices.Contains(files, l.file) {
			files = append(files, l.file)
		}
	}
	slices.Sort(files)
	return files
}

func mapsEqual(a, b map[rune]uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestTrieFileDamaged: a compiled file cut short, or with any one byte
// changed, is read without a panic; where it is refused, the error says
// the file is bad; where it is read, every walk stays within the trie.
func TestTrieFileDamaged(t *testing.T) {
	src, err := patternFiles.ReadFile("patterns/hyph-it.tex")
	if err != nil {
		t.Fatal(err)
	}
	tr, excs, err := parseTeX("hyph-it.tex", src)
	if err != nil {
		t.Fatal(err)
	}
	good := appendTrieFile(nil, tr, excs)
	try := func(data []byte) {
		t.Helper()
		got, _, err := readTrieFile(data)
		if err != nil {
			if !errors.Is(err, errBadTrieFile) {
				t.Fatalf("error %v does not wrap errBadTrieFile", err)
			}
			return
		}
		h := &Hyphenator{patterns: got, Left: 2, Right: 2}
		for _, w := range []string{"acqua", "precipitevolissimevolmente", "zz", "aeiou", "città"} {
			h.Breaks(w) // must not panic
		}
	}
	for _, n := range []int{0, 5, len(trieMagic), len(trieMagic) + 3, len(good) / 2, len(good) - 1} {
		try(good[:n])
	}
	try(append(slices.Clone(good), 0))
	for i := len(trieMagic); i < len(good); i += 7 {
		for _, v := range []byte{0, 1, 0x7f, 0xff} {
			bad := slices.Clone(good)
			bad[i] = v
			try(bad)
		}
	}
}
