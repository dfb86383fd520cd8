package main

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
)

// scaledBrochure is the brochure with its sections repeated copies times
// (ids renamed, sections opening on a new page, no fixed page count):
// ~13 pages of text each time.
func scaledBrochure(tb testing.TB, copies int) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(examples.Turin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(examples.Turin(), p)
		if err != nil {
			return err
		}
		switch {
		case p == "duetto.toml":
			s := regexp.MustCompile(`(?m)^(pages|binding) = .*$`).ReplaceAllString(string(data), "")
			fsys[p] = &fstest.MapFile{Data: []byte(s)}
		case strings.HasPrefix(p, "sections/"):
			s := regexp.MustCompile(`(?m)^start = \d+`).ReplaceAllString(string(data), `start = "new-page"`)
			for i := 0; i < copies; i++ {
				c := regexp.MustCompile(`(?m)^(id|anchor) = "([^"]+)"`).ReplaceAllString(s, fmt.Sprintf(`$1 = "${2}-%d"`, i))
				fsys[strings.Replace(p, ".toml", fmt.Sprintf("-%03d.toml", i), 1)] = &fstest.MapFile{Data: []byte(c)}
			}
		default:
			fsys[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return fsys
}

func TestScaledBrochureBuilds(t *testing.T) {
	pub, err := content.Load(scaledBrochure(t, 2), content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := buildDocument(pub)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) < 24 {
		t.Errorf("%d pages for the brochure twice over", len(doc.Pages))
	}
}
