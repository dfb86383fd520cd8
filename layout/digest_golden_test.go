package layout

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateDigests = flag.Bool("update-digests", false, "rewrite testdata/digests.golden from the current layout")

// TestBrochureDigestsUnchanged pins the digests of the brochure's pages,
// in its three editions, to those written by the fmt-based digest the
// PDFs of earlier builds carry (testdata/digests.golden, computed with
// that code): a faster digest must fingerprint every page as before. When
// the layout itself changes, the file is rewritten with -update-digests,
// after TestDigestIsFmts has shown the digest unchanged.
func TestBrochureDigestsUnchanged(t *testing.T) {
	pub := loadPub(t, "brochure")
	res := mustResources(t, pub)
	var got strings.Builder
	for _, lang := range []string{"", pub.Languages[0], pub.Languages[1]} {
		doc, err := LayoutEdition(pub, res, lang)
		if err != nil {
			t.Fatal(err)
		}
		for i := range doc.Pages {
			got.WriteString(lang + " " + doc.Pages[i].Digest() + "\n")
		}
	}
	const golden = "testdata/digests.golden"
	if *updateDigests {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("the brochure's page digests changed:\n got\n%s\nwant\n%s", got.String(), want)
	}
}
