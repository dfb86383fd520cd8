package layout

import (
	"testing"
)

// BenchmarkDigest fingerprints every page of a generated publication of
// about 200 pages, as the writer does for its metadata.
func BenchmarkDigest(b *testing.B) {
	pub := loadPub(b, "gen-200")
	res, err := LoadResources(pub)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := Layout(pub, res)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for i := range doc.Pages {
			doc.Pages[i].Digest()
		}
	}
}
