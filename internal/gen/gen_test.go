package gen

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/content"
)

func TestPublicationIsDeterministicAndVaried(t *testing.T) {
	a, err := Publication(60, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Publication(60, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the same size and seed gave different files")
	}
	c, err := Publication(60, 2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a["sections/000.toml"].Data, c["sections/000.toml"].Data) {
		t.Error("another seed gave the same text")
	}
	pub, err := content.Load(a, content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	paras, figs := 0, 0
	photos := map[string]bool{}
	for _, s := range pub.Sections {
		for _, blk := range s.Blocks {
			switch {
			case blk.Figure != nil:
				figs++
				photos[string(a[blk.Figure.File].Data)] = true
			case blk.Kind == content.KindPair:
				paras++
				for _, text := range []string{blk.Text.It, blk.Text.En} {
					if seen[text] {
						t.Errorf("paragraph %s repeats an earlier one: %.60q…", blk.ID, text)
					}
					seen[text] = true
				}
				if blk.Text.It == blk.Text.En || strings.TrimSpace(blk.Text.En) == "" {
					t.Errorf("paragraph %s is not bilingual", blk.ID)
				}
			}
		}
	}
	if paras < 60 || figs < 60/pagesPerFigure || len(photos) != figs {
		t.Errorf("%d paragraphs, %d figures, %d distinct photos for 60 pages", paras, figs, len(photos))
	}
}

func TestPublicationRefusesNoPages(t *testing.T) {
	if _, err := Publication(0, 1); err == nil {
		t.Error("Publication(0): want an error")
	}
}
