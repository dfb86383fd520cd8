package layout_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout"
)

// Streamed photos are read, inspected and hashed in buffers used again
// from photo to photo: each photo keeps its own size, headers and sum,
// whatever the photos read before it in the same buffer.
func TestStreamedPhotosKeepTheirOwnSums(t *testing.T) {
	// One processor, one buffer: every photo is read into the buffer the
	// one before it was.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	files := fstest.MapFS{}
	var blocks strings.Builder
	want := map[string][]byte{}
	widths := map[string]int{}
	// Larger, smaller and larger again, so that a buffer is read into
	// both when it has room and when it must grow.
	for i, w := range []int{300, 120, 40, 260, 80, 500} {
		img := image.NewGray(image.Rect(0, 0, w, 200))
		for k := range img.Pix {
			img.Pix[k] = uint8(k*7 + i*31)
		}
		img.Set(0, 0, color.Gray{Y: uint8(i)})
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("p%d.jpg", i)
		files[name] = &fstest.MapFile{Data: b.Bytes()}
		want[name] = b.Bytes()
		widths[name] = w
		fmt.Fprintf(&blocks, "[[section.block]]\ntype = \"figure\"\nid = \"f%d\"\nfile = %q\nwidth = \"30%%\"\nheight = \"20mm\"\nanchor = \"p1\"\n", i, name)
	}
	files["duetto.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(smallRoot, "%PAGES%", "2", 1))}
	files["s.toml"] = &fstest.MapFile{Data: []byte("[[section]]\n" + blocks.String() + "[[section.block]]\nid = \"p1\"\nit = \"Testo.\"\nen = \"Text.\"\n")}
	pub, err := content.Load(files, content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	res, err := layout.LoadResourcesWith(pub, layout.LoadOptions{MaxHeldPhotos: 1}) // every photo streamed
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Layout(pub, res)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			im, ok := it.(*layout.Image)
			if !ok {
				continue
			}
			seen++
			data := want[im.Path]
			if im.Data != nil || im.Stream == nil {
				t.Fatalf("%s: not streamed", im.Path)
			}
			if im.Sum() != sha256.Sum256(data) {
				t.Errorf("%s: the sum is not the file's", im.Path)
			}
			if im.Stream.Size != int64(len(data)) || !bytes.HasPrefix(data, im.Stream.Head) || len(im.Stream.Head) == 0 {
				t.Errorf("%s: size %d and %d bytes of headers, not the file's", im.Path, im.Stream.Size, len(im.Stream.Head))
			}
			info, err := im.Info()
			if err != nil {
				t.Fatal(err)
			}
			if info.Width != widths[im.Path] {
				t.Errorf("%s: inspected as %d pixels wide, want %d", im.Path, info.Width, widths[im.Path])
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d photos laid out, want %d", seen, len(want))
	}
}
