package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/internal/preflight"
	"github.com/duetto-press/duetto/layout"
)

// fuzzPub is the shape of a generated publication: fuzzed texts and
// numbers dropped into a fixed skeleton of valid TOML.
type fuzzPub struct {
	it, en, heading, caption string
	shape                    uint8 // bits: heading, figure, list, quote, cover, single-language, row, marks
	placement                uint8 // of the figure
	pages                    uint8 // 0: none given
	width, height            uint8 // page, in mm above 80
	size, leading, figHeight float64
	image                    uint8 // which of the test images; /16: the [print] pdfx level
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// files writes the publication as TOML files beside the images.
func (p fuzzPub) files(images map[string][]byte) fstest.MapFS {
	placements := []string{"span", "column", "center", "row", "page", "pinned"}
	names := []string{"gray.png", "rgba.png", "rgb.jpg", "gray.jpg", "gray16.png", "paletted.png", "cmyk.jpg"}
	var root strings.Builder
	fmt.Fprintf(&root, "duetto = 1\ninclude = [\"s.toml\"]\n[publication]\ntitle = { it = %s, en = %s }\ndate = 2020-01-01T00:00:00Z\n", tomlString(p.heading), tomlString(p.caption))
	if p.pages > 0 {
		fmt.Fprintf(&root, "pages = %d\n", p.pages%24)
	}
	fmt.Fprintf(&root, "[page]\nsize = [\"%dmm\", \"%dmm\"]\nmarks = %v\n", 80+int(p.width), 80+int(p.height), p.shape&0x80 != 0)
	fmt.Fprintf(&root, "margins = { top = \"12mm\", bottom = \"12mm\", inner = \"10mm\", outer = \"10mm\" }\n")
	root.WriteString("[fonts.sans]\nregular = \"builtin:LiberationSans-Regular\"\nitalic = \"builtin:LiberationSans-Italic\"\n")
	root.WriteString("[colors]\nblue = { cmyk = [100, 60, 0, 10] }\n")
	fmt.Fprintf(&root, "[styles.body]\nfont = \"sans\"\nsize = %v\nleading = %v\nalign = \"justify\"\n", p.size, p.leading)
	root.WriteString("[styles.heading]\nfont = \"sans\"\nsize = 14\ncolor = \"blue\"\ntransform = \"uppercase\"\n")
	root.WriteString("[styles.caption]\nfont = \"sans\"\nface = \"italic\"\nsize = 7\n[styles.folio]\nfont = \"sans\"\n[styles.list]\nfont = \"sans\"\nsize = 9\n[styles.quote]\nfont = \"sans\"\nface = \"italic\"\nsize = 9\n[styles.em]\nface = \"italic\"\n")
	root.WriteString("[styles.cover-title]\nfont = \"sans\"\nsize = 24\ncolor = \"white\"\n[styles.cover-subtitle]\nfont = \"sans\"\nsize = 14\ncolor = \"white\"\n")
	image := names[int(p.image)%len(names)]
	if p.shape&0x10 != 0 {
		fmt.Fprintf(&root, "[cover]\nbackground = \"blue\"\nimage = %q\nimage-frame = { x = \"0mm\", y = \"0mm\", width = \"%dmm\", height = \"40mm\" }\n", image, 80+int(p.width))
	}
	if p.shape&0x20 != 0 {
		root.WriteString("[languages]\nleft = \"en\"\nright = \"it\"\n")
	}
	if mode := []string{"", "none", "PDF/X-1a:2003", "PDF/X-4"}[int(p.image)/16%4]; mode != "" {
		fmt.Fprintf(&root, "[print]\npdfx = %q\n", mode)
	}

	var s strings.Builder
	s.WriteString("[[section]]\nid = \"s1\"\n")
	if p.shape&0x01 != 0 {
		fmt.Fprintf(&s, "heading = { it = %s, en = %s }\n", tomlString(p.heading), tomlString(p.heading+" (en)"))
	}
	fmt.Fprintf(&s, "[[section.block]]\nid = \"p1\"\nit = %s\nen = %s\n", tomlString(p.it), tomlString(p.en))
	if p.shape&0x02 != 0 {
		pl := placements[int(p.placement)%len(placements)]
		fmt.Fprintf(&s, "[[section.block]]\ntype = \"figure\"\nid = \"fig\"\nfile = %q\nplacement = %q\nheight = %v\ncaption = { it = %s, en = %s }\n", image, pl, p.figHeight, tomlString(p.caption), tomlString(p.caption))
		switch pl {
		case "column":
			s.WriteString("column = \"it\"\nwidth = \"60%\"\n")
		case "page", "pinned":
			fmt.Fprintf(&s, "page = %d\n", 1+int(p.placement)/len(placements)%4)
		case "row":
			fmt.Fprintf(&s, "[[section.block]]\ntype = \"figure\"\nid = \"fig2\"\nfile = %q\nplacement = \"row\"\nheight = %v\n", image, p.figHeight)
		}
	}
	if p.shape&0x04 != 0 {
		fmt.Fprintf(&s, "[[section.block]]\ntype = \"list\"\n[[section.block.item]]\nit = %s\nen = %s\n[[section.block.item]]\nshared = %s\n", tomlString(p.en), tomlString(p.it), tomlString(p.caption))
	}
	if p.shape&0x08 != 0 {
		fmt.Fprintf(&s, "[[section.block]]\ntype = \"quote\"\nlead = { it = %s, en = %s }\n[[section.block.item]]\nlabel = \"a)\"\nshared = %s\n", tomlString(p.caption), tomlString(p.heading), tomlString(p.it))
	}
	s.WriteString("[[section]]\nid = \"s2\"\nstart = \"right-page\"\n[[section.block]]\nid = \"p2\"\nshared = \"Fine.\"\n")

	fsys := fstest.MapFS{
		"duetto.toml": {Data: []byte(root.String())},
		"s.toml":      {Data: []byte(s.String())},
	}
	for name, data := range images {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// fuzzImages are the photos a generated publication may use, in every
// colour model the writer must embed or refuse with a message.
func fuzzImages(t testing.TB) map[string][]byte {
	const w, h = 1800, 1200
	enc := func(m image.Image, jpg bool) []byte {
		var buf bytes.Buffer
		var err error
		if jpg {
			err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: 50})
		} else {
			err = png.Encode(&buf, m)
		}
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	r := image.Rect(0, 0, w, h)
	rgba := image.NewNRGBA(r)
	for i := range rgba.Pix {
		rgba.Pix[i] = uint8(i / 4 % 251)
	}
	gray16 := image.NewGray16(r)
	pal := image.NewPaletted(r, color.Palette{color.Black, color.White})
	cmyk, err := os.ReadFile(filepath.Join("testdata", "cmyk.jpg")) // Go writes no CMYK JPEG
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"gray.png":     enc(image.NewGray(r), false),
		"rgba.png":     enc(rgba, false),
		"rgb.jpg":      enc(image.NewRGBA(r), true),
		"gray.jpg":     enc(image.NewGray(r), true),
		"gray16.png":   enc(gray16, false),
		"paletted.png": enc(pal, false),
		"cmyk.jpg":     cmyk,
	}
}

// positioned matches a message that names a place in the source.
var positioned = regexp.MustCompile(`[\w./-]+\.toml:\d+:\d+`)

// pdfPage matches a page object of a PDF (not the page tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// buildInMemory runs the stages of duetto build on fsys, as build does
// but without files: load, resources, layout, preflight, PDF (PDF/X-1a
// when the photos allow it, as by default). It returns
// the PDF (nil on an input error), the page count, and the error.
func buildInMemory(fsys fstest.MapFS) ([]byte, int, error) {
	pub, err := content.Load(fsys, "duetto.toml")
	if err != nil {
		return nil, 0, err
	}
	res, err := layout.LoadResources(pub)
	if err != nil {
		return nil, 0, err
	}
	doc, err := layout.LayoutEdition(pub, res, "")
	if err != nil {
		return nil, 0, err
	}
	// Preflight findings stop a real build; the PDF is written anyway
	// here, so that the writer meets every layout the engine makes.
	_ = preflight.Check(doc, preflight.DefaultLimits())
	x, findings, err := pdfxFor(pub, doc)
	if err != nil {
		return nil, 0, fmt.Errorf("unpositioned: %w", err)
	}
	if preflight.Errors(findings) { // a real build stops here; write plain PDF
		x = pdf.PDFX{}
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, doc, pdf.Options{PDFX: x}); err != nil {
		return nil, 0, fmt.Errorf("unpositioned: %w", err)
	}
	return buf.Bytes(), len(doc.Pages), nil
}

// FuzzBuild builds small generated publications from fuzzed texts and
// numbers: the build must not panic or hang, and must end either in
// input errors that each name a file, line and column, or in a PDF that
// starts with %PDF, ends with %%EOF, has as many pages as the layout and
// passes qpdf --check (when qpdf is installed).
func FuzzBuild(f *testing.F) {
	seeds := []fuzzPub{
		{it: "Testo italiano di prova.", en: "An English test text.", heading: "Città", caption: "Foto", shape: 0x01, size: 10, leading: 13, figHeight: 100},
		{it: strings.Repeat("Una parola dopo l’altra riempie la colonna. ", 40), en: strings.Repeat("One word after another fills the column. ", 40), heading: "Titolo", caption: "Didascalia", shape: 0xff, placement: 1, pages: 8, width: 98, height: 160, size: 9, leading: 12, figHeight: 120},
		{it: "[Slow Food]{.em} e precipitevolissimevolmente", en: "x", heading: "h", caption: "c", shape: 0x02, placement: 2, width: 0, height: 0, size: 30, leading: 31, figHeight: 400, image: 4},
		{it: "a", en: "b", heading: "", caption: "", shape: 0x1e, placement: 4, pages: 4, width: 160, height: 247, size: 8, leading: 9, figHeight: 50, image: 1},
		{it: "tutto", en: "all", heading: "Row", caption: "Two", shape: 0x02, placement: 3, size: 9, leading: 11, figHeight: 60, image: 6},
		{it: "\u00ad\u00a0 l’", en: "東京", heading: "[x]{.em", caption: "\x00", shape: 0x05, size: -1, leading: 1e9, figHeight: 0},
		{it: "Parola", en: "Word", heading: "H", caption: "C", shape: 0x42, placement: 5, pages: 2, width: 20, height: 20, size: 12, leading: 14, figHeight: 1000, image: 5},
	}
	for _, s := range seeds {
		f.Add(s.it, s.en, s.heading, s.caption, s.shape, s.placement, s.pages, s.width, s.height, s.size, s.leading, s.figHeight, s.image)
	}
	images := fuzzImages(f)
	qpdf, _ := exec.LookPath("qpdf")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, it, en, heading, caption string, shape, placement, pages, width, height uint8, size, leading, figHeight float64, img uint8) {
		if len(it)+len(en)+len(heading)+len(caption) > 20000 {
			return
		}
		p := fuzzPub{it: it, en: en, heading: heading, caption: caption, shape: shape, placement: placement, pages: pages,
			width: width, height: height, size: size, leading: leading, figHeight: figHeight, image: img}
		fsys := p.files(images)
		type result struct {
			data  []byte
			pages int
			err   error
		}
		done := make(chan result, 1)
		go func() {
			data, n, err := buildInMemory(fsys)
			done <- result{data, n, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("the build did not end in 30 s\nduetto.toml:\n%s\ns.toml:\n%s", fsys["duetto.toml"].Data, fsys["s.toml"].Data)
		}
		if r.err != nil {
			var list content.ErrorList
			if errors.As(r.err, &list) {
				for _, e := range list {
					if e.Pos.File == "" || e.Pos.Line < 1 || e.Pos.Col < 1 {
						t.Fatalf("error without a position: %v", e)
					}
				}
				return
			}
			for _, line := range strings.Split(r.err.Error(), "\n") {
				if !positioned.MatchString(line) {
					t.Fatalf("error line without a source position: %q\nin: %v\ns.toml:\n%s", line, r.err, fsys["s.toml"].Data)
				}
			}
			return
		}
		if !bytes.HasPrefix(r.data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(r.data, "\r\n"), []byte("%%EOF")) {
			t.Fatalf("not a complete PDF: starts %q, ends %q", r.data[:min(8, len(r.data))], r.data[max(0, len(r.data)-8):])
		}
		if n := len(pdfPage.FindAll(r.data, -1)); n != r.pages || r.pages == 0 {
			t.Fatalf("the PDF has %d page objects, the layout %d pages", n, r.pages)
		}
		// No blank pages made silently: without a page count, no more
		// pages than the text could fill at a few letters a page.
		if runes := utf8.RuneCountInString(it + en + heading + caption); p.pages%24 == 0 && r.pages > 8+3*runes {
			t.Fatalf("%d pages for %d letters of text", r.pages, runes)
		}
		if qpdf != "" {
			name := filepath.Join(dir, "fuzz.pdf")
			if err := writeAtomic(name, r.data); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(qpdf, "--check", name).CombinedOutput(); err != nil && !onlyFlateBoundaryWarning(out) {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
		}
	})
}

// onlyFlateBoundaryWarning reports whether qpdf --check's output warns
// of nothing but "input stream is complete but output may still be
// valid": qpdf 11.3 says so of some streams that Go's compress/zlib
// writes at BestSpeed (as fpdf does), which zlib, Ghostscript and
// poppler decode whole, with the right Adler-32 checksum
// (cmd/duetto/testdata/fuzz/FuzzBuild/12643ea485537543 is one).
func onlyFlateBoundaryWarning(out []byte) bool {
	warned := false
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "WARNING:") {
			if !strings.HasSuffix(line, "input stream is complete but output may still be valid") {
				return false
			}
			warned = true
		}
		if strings.HasPrefix(line, "ERROR:") {
			return false
		}
	}
	return warned
}
