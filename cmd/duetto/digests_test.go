package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readDigests finds the page digests wherever they stand from the end of
// the file: in the first part it reads, in the second, only in the whole
// file, or across the edge of a part.
func TestReadDigestsAnywhere(t *testing.T) {
	const xmp = "<duetto:pages>1:aaaa 2:bbbb</duetto:pages>"
	want := []string{"", "aaaa", "bbbb"}
	for _, tc := range []struct {
		name          string
		before, after int // bytes of padding around the metadata
	}{
		{"small file", 10, 10},
		{"in the last 128 KiB", 3 << 20, 60 << 10},
		{"across the edge of the last 128 KiB", 3 << 20, 128<<10 - 20},
		{"in the last MiB", 3 << 20, 700 << 10},
		{"only in the whole file", 100, 2 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "out.pdf")
			data := strings.Repeat("x", tc.before) + xmp + strings.Repeat("y", tc.after)
			if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := readDigests(name)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("readDigests = %q, %v; want %q", got, err, want)
			}
		})
	}
	if _, err := readDigests(filepath.Join(t.TempDir(), "none.pdf")); err == nil {
		t.Error("no error for a file that does not exist")
	}
}
