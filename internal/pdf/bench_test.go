package pdf

import (
	"fmt"
	"io"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/internal/gen"
	"github.com/duetto-press/duetto/layout"
)

// generatedDoc lays out a generated publication of about pages pages (the
// bilingual edition).
func generatedDoc(b *testing.B, pages int) *layout.Document {
	b.Helper()
	fsys, err := gen.Publication(pages, 1)
	if err != nil {
		b.Fatal(err)
	}
	pub, err := content.Load(fsys, content.RootName)
	if err != nil {
		b.Fatal(err)
	}
	res, err := layout.LoadResources(pub)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := layout.Layout(pub, res)
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkWriteGenerated is the writer alone on generated publications,
// with a fresh Cache each time, as a build's first edition has it.
func BenchmarkWriteGenerated(b *testing.B) {
	for _, pages := range []int{16, 200} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			doc := generatedDoc(b, pages)
			for b.Loop() {
				if err := Write(io.Discard, doc, Options{Cache: NewCache()}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
