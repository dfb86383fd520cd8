package layout_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/layout"
)

const smallRoot = `duetto = 1
include = ["s.toml"]
[publication]
title = { it = "Prova", en = "Test" }
pages = %PAGES%
[page]
size = ["148mm", "210mm"]
[fonts.sans]
regular = "builtin:LiberationSans-Regular"
[styles.body]
font = "sans"
size = 10
leading = 13
align = "justify"
[styles.heading]
font = "sans"
size = 14
[styles.folio]
font = "sans"
`

func layoutSmall(t *testing.T, pages, section string) error {
	t.Helper()
	fsys := fstest.MapFS{
		"duetto.toml": {Data: []byte(strings.Replace(smallRoot, "%PAGES%", pages, 1))},
		"s.toml":      {Data: []byte(section)},
	}
	pub, err := content.Load(fsys, "duetto.toml")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	res, err := layout.LoadResources(pub)
	if err != nil {
		t.Fatalf("resources: %v", err)
	}
	_, err = layout.Layout(pub, res)
	return err
}

func TestMissingGlyphNamesCharacterBlockAndPosition(t *testing.T) {
	err := layoutSmall(t, "2", "[[section]]\n[[section.block]]\nid = \"p1\"\nit = \"Città di 東京\"\nen = \"City\"\n")
	if err == nil {
		t.Fatal("want an error for a character the font lacks")
	}
	for _, want := range []string{"s.toml:4:1", "block p1", `'東' (U+6771), '京' (U+4EAC) in "東京"`, "LiberationSans"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestTextThatDoesNotFitNamesTheBlock(t *testing.T) {
	long := strings.Repeat("Una parola dopo l’altra riempie la pagina. ", 200)
	section := "[[section]]\n[[section.block]]\nid = \"long\"\nit = \"" + long + "\"\nen = \"" + long + "\"\n"
	err := layoutSmall(t, "2", section)
	if err == nil {
		t.Fatal("want an error: the text needs more than 2 pages")
	}
	if !strings.Contains(err.Error(), "block long") || !strings.Contains(err.Error(), "does not fit") {
		t.Errorf("error %q should name the block and say the text does not fit", err)
	}
}

func TestSectionStartPageAlreadyPassed(t *testing.T) {
	long := strings.Repeat("Una parola dopo l’altra riempie la pagina. ", 120)
	section := "[[section]]\nid = \"one\"\n[[section.block]]\nid = \"long\"\nshared = \"" + long + "\"\n" +
		"[[section]]\nid = \"two\"\nstart = 2\n[[section.block]]\nshared = \"x\"\n"
	err := layoutSmall(t, "8", section)
	if err == nil || !strings.Contains(err.Error(), `section "two" must open on page 2`) || !strings.Contains(err.Error(), "block long") {
		t.Errorf("error = %v, want one naming section two, its page and the block that runs over", err)
	}
}

func TestSaddleStitchedBookletPadsToFourPages(t *testing.T) {
	root := strings.Replace(smallRoot, "pages = %PAGES%", `binding = "saddle"`, 1)
	section := "[[section]]\n[[section.block]]\nid = \"p1\"\nshared = \"" + strings.Repeat("Testo di prova per riempire una pagina e poco più. ", 60) + "\"\n"
	doc := layoutFS(t, fstest.MapFS{"duetto.toml": {Data: []byte(root)}, "s.toml": {Data: []byte(section)}})
	if n := len(doc.Pages); n%4 != 0 {
		t.Errorf("%d pages; a saddle-stitched booklet needs a multiple of 4", n)
	}
}

// A figure that ends a section but does not fit under its text goes to
// the next page rather than being lost or refused.
func TestFigureThatEndsASectionTakesTheNextPage(t *testing.T) {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 1600, 1200))); err != nil {
		t.Fatal(err)
	}
	root := strings.Replace(smallRoot, "pages = %PAGES%", "pages = 4", 1) + "[styles.caption]\nfont = \"sans\"\nsize = 7\n"
	text := strings.Repeat("Una frase dopo l’altra riempie quasi tutta la pagina. ", 60)
	section := "[[section]]\n[[section.block]]\nid = \"p1\"\nshared = \"" + text + "\"\n" +
		"[[section.block]]\ntype = \"figure\"\nid = \"last\"\nfile = \"p.png\"\nheight = \"120mm\"\ncaption = { shared = \"Foto\" }\n"
	doc := layoutFS(t, fstest.MapFS{"duetto.toml": {Data: []byte(root)}, "s.toml": {Data: []byte(section)}, "p.png": {Data: img.Bytes()}})
	found := 0
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if im, ok := it.(*layout.Image); ok && im.Block == "last" {
				found = p.Index
			}
		}
	}
	if found < 2 {
		t.Errorf("the figure is on page %d; want it on a page after the text", found)
	}
}
