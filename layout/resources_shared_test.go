package layout_test

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/layout"
)

// sharedMapFS is a MapFS that shares the files in shared (as
// layout.SharedFS), with the sums given: a sum that is not the file's
// shows whether the resources took it or hashed the file themselves.
type sharedMapFS struct {
	fstest.MapFS
	shared map[string]sharedFile
	asked  map[string]int
}

type sharedFile struct {
	data []byte
	sum  [sha256.Size]byte
}

func (s sharedMapFS) SharedFile(name string) ([]byte, [sha256.Size]byte, bool) {
	s.asked[name]++
	f, ok := s.shared[name]
	return f.data, f.sum, ok
}

// TestSharedPhotosAreNotCopied lays out a publication whose file system
// shares one of its two photos: the layout's image holds the shared
// bytes themselves, not a copy, with the sum the file system gave; the
// other photo is read and hashed as usual.
func TestSharedPhotosAreNotCopied(t *testing.T) {
	photo := func(w int) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, 400))); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	sharedPhoto, readPhoto := photo(600), photo(500)
	marker := [sha256.Size]byte{1, 2, 3} // not the photo's SHA-256
	figure := func(id, file, anchor string) string {
		return "[[section.block]]\ntype = \"figure\"\nid = \"" + id + "\"\nfile = \"" + file + "\"\nwidth = \"40%\"\nheight = \"30mm\"\nanchor = \"" + anchor + "\"\n"
	}
	fsys := sharedMapFS{
		MapFS: fstest.MapFS{
			"duetto.toml": {Data: []byte(strings.Replace(smallRoot, "%PAGES%", "1", 1))},
			"s.toml": {Data: []byte("[[section]]\n" + figure("a", "shared.png", "p1") + figure("b", "read.png", "p1") +
				"[[section.block]]\nid = \"p1\"\nit = \"Testo.\"\nen = \"Text.\"\n")},
			"shared.png": {Data: bytes.Clone(sharedPhoto)}, // what reading the file would give
			"read.png":   {Data: readPhoto},
		},
		shared: map[string]sharedFile{"shared.png": {data: sharedPhoto, sum: marker}},
		asked:  map[string]int{},
	}
	doc := layoutFS(t, fsys)
	got := map[string]*layout.Image{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if im, ok := it.(*layout.Image); ok {
				got[im.Path] = im
			}
		}
	}
	sh, rd := got["shared.png"], got["read.png"]
	if sh == nil || rd == nil {
		t.Fatalf("images laid out: %v, want shared.png and read.png", got)
	}
	if len(sh.Data) != len(sharedPhoto) || &sh.Data[0] != &sharedPhoto[0] {
		t.Error("shared.png: the image holds a copy, not the shared bytes")
	}
	if sh.Sum() != marker {
		t.Error("shared.png: the sum is not the one the file system gave")
	}
	if info, err := sh.Info(); err != nil || info.Width != 600 {
		t.Errorf("shared.png: Info() = %+v, %v; want it inspected, 600 pixels wide", info, err)
	}
	if !bytes.Equal(rd.Data, readPhoto) || rd.Sum() != sha256.Sum256(readPhoto) {
		t.Error("read.png: not read and hashed from its file")
	}
	if fsys.asked["shared.png"] == 0 || fsys.asked["read.png"] == 0 {
		t.Errorf("SharedFile asked for %v, want both photos", fsys.asked)
	}
}
