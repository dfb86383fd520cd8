package layout_test

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/layout"
)

// pageDigests lists the digests of a display list's pages.
func pageDigests(doc *layout.Document) []string {
	out := make([]string, len(doc.Pages))
	for i := range doc.Pages {
		out[i] = doc.Pages[i].Digest()
	}
	return out
}

func layoutFS(t *testing.T, fsys fs.FS) *layout.Document {
	t.Helper()
	pub, err := content.Load(fsys, content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	res, err := layout.LoadResources(pub)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Layout(pub, res)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestOlderPage15WordingChangesOnlyItsPages replays the real text edit
// kept from the seed: the older wording of block s3-11 (testdata/
// turin-older) in place of the revised one may change only the pages from
// the first that holds s3-11 to the end of its section — here 14 and 15,
// because s3-11 starts at the foot of page 14 — and nothing before it,
// nor the back cover.
func TestOlderPage15WordingChangesOnlyItsPages(t *testing.T) {
	older, err := os.ReadFile("../testdata/turin-older/03-cooperazione.toml")
	if err != nil {
		t.Fatal(err)
	}
	edited := fstest.MapFS{}
	if err := fs.WalkDir(examples.Turin(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(examples.Turin(), path)
		edited[path] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	edited["sections/03-cooperazione.toml"] = &fstest.MapFile{Data: older}

	docBefore, docAfter := layoutFS(t, examples.Turin()), layoutFS(t, edited)
	first := min(firstPageOf(docBefore, "s3-11", layout.RoleBody), firstPageOf(docAfter, "s3-11", layout.RoleBody))
	before, after := pageDigests(docBefore), pageDigests(docAfter)
	if len(before) != len(after) {
		t.Fatalf("page count changed: %d → %d", len(before), len(after))
	}
	var changed []int
	for i := range before {
		if before[i] != after[i] {
			changed = append(changed, i+1)
		}
	}
	if len(changed) == 0 {
		t.Fatal("the edit changed no page")
	}
	for _, n := range changed {
		if n < first || n > 15 {
			t.Errorf("page %d changed; the edited block starts on page %d and its section ends on page 15 (changed: %v)", n, first, changed)
		}
	}
	t.Logf("pages changed by the edit: %v (s3-11 starts on page %d)", changed, first)
}
