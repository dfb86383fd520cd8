package content_test

import (
	"fmt"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/gen"
)

// BenchmarkLoadBrochure loads the embedded Turin brochure (16 pages).
func BenchmarkLoadBrochure(b *testing.B) {
	fsys := examples.Turin()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := content.Load(fsys, content.RootName); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadGenerated loads generated publications of about 200 and
// 1000 pages, held in memory: the time per page should not grow with the
// size.
func BenchmarkLoadGenerated(b *testing.B) {
	for _, pages := range []int{200, 1000} {
		fsys, err := gen.Publication(pages, 1)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := content.Load(fsys, content.RootName); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
