package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A staged file replaces the earlier one only when committed; discarded,
// it leaves the folder as it was.
func TestStagedFileReplacesOnlyOnCommit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		commit bool
		want   string
	}{
		{"committed", true, "new"},
		{"discarded", false, "old"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.pdf")
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			st, err := stage(out, bytes.NewReader([]byte("new")))
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(out); string(got) != "old" {
				t.Fatalf("staging changed the earlier file to %q", got)
			}
			if tc.commit {
				if err := st.commit(); err != nil {
					t.Fatal(err)
				}
			}
			st.discard() // after a commit, nothing to do
			if got, _ := os.ReadFile(out); string(got) != tc.want {
				t.Errorf("out.pdf = %q, want %q", got, tc.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("the folder holds %d files, want only out.pdf", len(entries))
			}
			if st, _ := os.Stat(out); st.Mode().Perm() != 0o644 {
				t.Errorf("mode %v", st.Mode().Perm())
			}
		})
	}
}

// A file that cannot be staged leaves no temporary file behind.
func TestStageFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	if _, err := stage(filepath.Join(dir, "no", "out.pdf"), bytes.NewReader(nil)); err == nil {
		t.Fatal("staged into a folder that does not exist")
	}
	if _, err := stage(filepath.Join(dir, "out.pdf"), failingWriterTo{}); err == nil {
		t.Fatal("want the writer's error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left behind", len(entries))
	}
}

type failingWriterTo struct{}

func (failingWriterTo) WriteTo(io.Writer) (int64, error) {
	return 0, os.ErrClosed
}
