package examples

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/layout"
)

// The brochure's file system shares its photographs as layout.SharedFS
// asks.
var _ layout.SharedFS = bundle{}

// isPhoto reports whether an embedded file is one of the photographs
// photos.go compiles in (as gen_photos.go chooses them).
func isPhoto(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// TestPhotosCurrent requires photos.go to be what gen_photos.go writes:
// every photograph of the examples with its SHA-256, so that SharedFile
// serves each one and the digests it gives are the photographs' own. Run
// go generate ./examples when it fails.
func TestPhotosCurrent(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run gen_photos.go with")
	}
	want := filepath.Join(t.TempDir(), "photos.go")
	if out, err := exec.Command(gobin, "run", "gen_photos.go", "-o", want).CombinedOutput(); err != nil {
		t.Fatalf("go run gen_photos.go: %v\n%s", err, out)
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("photos.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, w) {
		t.Fatal("photos.go is not what gen_photos.go writes from the examples' photographs: run go generate ./examples")
	}
}

// TestSharedFile checks that SharedFile hands out each photograph's bytes
// and SHA-256 as reading the file gives them, and nothing for other files.
func TestSharedFile(t *testing.T) {
	turin := Turin()
	shared, ok := turin.(layout.SharedFS)
	if !ok {
		t.Fatal("Turin's file system is not a layout.SharedFS")
	}
	n := 0
	err := fs.WalkDir(turin, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, sum, ok := shared.SharedFile(name)
		if ok != isPhoto(name) {
			t.Errorf("SharedFile(%q): ok = %v, want %v", name, ok, isPhoto(name))
		}
		if !ok {
			return nil
		}
		n++
		want, err := fs.ReadFile(turin, name)
		if err != nil {
			return err
		}
		if !bytes.Equal(data, want) {
			t.Errorf("SharedFile(%q): the bytes differ from the file's", name)
		}
		if sum != sha256.Sum256(want) {
			t.Errorf("SharedFile(%q): the SHA-256 is not the file's", name)
		}
		if cap(data) != len(data) {
			t.Errorf("SharedFile(%q): room to append into the binary's memory", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no photograph was shared")
	}
	for _, name := range []string{"duetto.toml", "images/missing.jpg", "../turin/images/cover.jpg", "/images/cover.jpg", "images/README.md", "images"} {
		if _, _, ok := shared.SharedFile(name); ok {
			t.Errorf("SharedFile(%q) = ok, want not ok", name)
		}
	}
}

// TestTurinFS checks the wrapped file system still reads, stats and lists
// the brochure's files.
func TestTurinFS(t *testing.T) {
	turin := Turin()
	if _, err := fs.ReadFile(turin, "duetto.toml"); err != nil {
		t.Fatal(err)
	}
	if st, err := fs.Stat(turin, "images/cover.jpg"); err != nil || st.Size() == 0 {
		t.Fatalf("Stat(images/cover.jpg) = %v, %v", st, err)
	}
	entries, err := fs.ReadDir(turin, "sections")
	if err != nil || len(entries) == 0 {
		t.Fatalf("ReadDir(sections) = %d entries, %v", len(entries), err)
	}
	sub, err := fs.Sub(turin, "images")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(sub, "cover.jpg"); err != nil {
		t.Fatal(err)
	}
}
