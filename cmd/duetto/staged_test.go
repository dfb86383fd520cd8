package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
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

// commitAll renames every staged file, even past one that fails, and
// returns the first failure in the files' order.
func TestCommitAllCommitsEveryFile(t *testing.T) {
	dir := t.TempDir()
	var files []*stagedFile
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf", "d.pdf"} {
		out := filepath.Join(dir, name)
		if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := stage(out, bytes.NewReader([]byte("new "+name)))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, &st)
	}
	// b's and d's temporary files vanish: their renames fail.
	for _, k := range []int{1, 3} {
		if err := os.Remove(files[k].tmp); err != nil {
			t.Fatal(err)
		}
	}
	err := commitAll(files)
	if err == nil || !strings.Contains(err.Error(), "b.pdf") {
		t.Fatalf("commitAll = %v, want the error of b.pdf, the first to fail", err)
	}
	for name, want := range map[string]string{"a.pdf": "new a.pdf", "b.pdf": "old", "c.pdf": "new c.pdf", "d.pdf": "old"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if err := commitAll(nil); err != nil {
		t.Errorf("commitAll(nil) = %v", err)
	}
}
