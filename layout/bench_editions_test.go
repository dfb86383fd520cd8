package layout_test

import (
	"sync"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/layout"
)

// BenchmarkEditionsCold lays out the brochure's three editions as a build
// does, one goroutine each with one set of resources, loaded afresh
// (outside the timer) for every iteration: nothing is remembered but what
// the editions share while they run.
func BenchmarkEditionsCold(b *testing.B) {
	pub, err := content.Load(examples.Turin(), content.RootName)
	if err != nil {
		b.Fatal(err)
	}
	editions := []string{"", pub.Languages[0], pub.Languages[1]}
	for b.Loop() {
		b.StopTimer()
		res, err := layout.LoadResources(pub)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var wg sync.WaitGroup
		errs := make([]error, len(editions))
		for i, ed := range editions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = layout.LayoutEdition(pub, res, ed)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
