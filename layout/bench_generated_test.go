package layout_test

import (
	"fmt"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/internal/gen"
	"github.com/duetto-press/duetto/layout"
)

// BenchmarkLayoutGenerated lays out the bilingual edition of generated
// publications of about 200 and 1000 pages, with fresh resources each time
// ("cold": nothing remembered from an earlier layout) and with the
// resources of the last layout ("warm", as the editions of one build and
// the rebuilds of watch share them).
func BenchmarkLayoutGenerated(b *testing.B) {
	for _, pages := range []int{200, 1000} {
		fsys, err := gen.Publication(pages, 1)
		if err != nil {
			b.Fatal(err)
		}
		pub, err := content.Load(fsys, content.RootName)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("pages=%d/cold", pages), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				res, err := layout.LoadResources(pub)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := layout.Layout(pub, res); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("pages=%d/warm", pages), func(b *testing.B) {
			res, err := layout.LoadResources(pub)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := layout.Layout(pub, res); err != nil { // what the loop finds remembered
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := layout.Layout(pub, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
