package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

const validRoot = `duetto = 1
include = ["sections/*.toml"]

[publication]
title = { it = "Titolo", en = "Title" }
author = "Autore"
date = 2019-06-01T00:00:00Z
pages = 8

[page]
size = ["210mm", "297mm"]
margins = { top = "20mm", bottom = "20mm", inner = "15mm", outer = "15mm" }
gutter = "8mm"

[fonts.sans]
regular = "builtin:LiberationSans-Regular"
italic = "builtin:LiberationSans-Italic"

[colors]
blue = { cmyk = [100, 60, 0, 10] }

[styles.body]
font = "sans"
size = "9pt"
leading = "12.5pt"
align = "justify"

[styles.heading]
font = "sans"
size = 13
color = "blue"
transform = "uppercase"

[styles.caption]
font = "sans"
face = "italic"
size = "7.5pt"

[styles.folio]
font = "sans"

[styles.list]
font = "sans"
`

const validSection = `[[section]]
id = "one"
start = 3
heading = { it = "Città", en = "City" }

[[section.block]]
id = "p1"
it = """Primo
paragrafo."""
en = "First paragraph."

[[section.block]]
type = "figure"
file = "../images/a.jpg"
placement = "column"
column = "it"
width = "45%"
height = "50mm"
caption = { it = "Raccolta delle mele", en = "Apple harvest" }

[[section.block]]
type = "list"
marker = "-"
[[section.block.item]]
it = "uno"
en = "one"
[[section.block.item]]
shared = "Metropolis"
`

func testFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"images/a.jpg": {Data: []byte("not checked here")}}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestLoadValid(t *testing.T) {
	pub, err := Load(testFS(map[string]string{"duetto.toml": validRoot, "sections/01.toml": validSection}), "duetto.toml")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := pub.Meta.Title.En; got != "Title" {
		t.Errorf("title en = %q", got)
	}
	if len(pub.Sections) != 1 || len(pub.Sections[0].Blocks) != 3 {
		t.Fatalf("sections/blocks = %d", len(pub.Sections))
	}
	s := pub.Sections[0]
	if s.Start.Kind != StartPage || s.Start.Page != 3 {
		t.Errorf("start = %+v", s.Start)
	}
	if got := PlainText(s.Blocks[0].Text.It); got != "Primo paragrafo." {
		t.Errorf("paragraph text = %q", got)
	}
	if s.Blocks[0].Pos.String() != "sections/01.toml:6:1" {
		t.Errorf("block position = %s", s.Blocks[0].Pos)
	}
	f := s.Blocks[1].Figure
	if f == nil || f.File != "images/a.jpg" || !f.Width.Percent || f.Width.Value != 45 {
		t.Errorf("figure = %+v", f)
	}
	if got := f.Height; got < 141.7 || got > 141.8 {
		t.Errorf("height 50mm = %g pt", got)
	}
	if it := s.Blocks[2].Items[1].Text; !it.Shared || it.En != "Metropolis" {
		t.Errorf("shared item = %+v", it)
	}
	if pub.Styles["heading"].Color != "blue" || !pub.Styles["heading"].Uppercase {
		t.Errorf("heading style = %+v", pub.Styles["heading"])
	}
}

// TestLoadErrors pins the position and text of errors in broken sources.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		section string // replaces the valid section file
		root    string // replaces the valid root when set
		want    string // substring of the first error, with its position
	}{
		{name: "syntax", section: "[[section]]\nid = \"x\"\nstart = \n", want: "sections/01.toml:3:"},
		{name: "syntax: string into a CRLF line end", section: "[[section]]\r\nid = \"x\r\n", want: "sections/01.toml:2:8: TOML syntax: strings cannot contain newlines"},
		{name: "syntax: duplicate key", section: "[[section]]\nid = \"x\"\nid = \"y\"\n", want: "sections/01.toml:3:1: TOML syntax: Key 'section.id' has already been defined."},
		{name: "wrong type", section: "[[section]]\nid = 5\n", want: "sections/01.toml:2:1: `section.0.id` must be a string, not an integer"},
		{name: "unknown key", section: "[[section]]\nid = \"x\"\n[[section.block]]\nit = \"a\"\nen = \"b\"\ncaptoin = 1\n", want: "sections/01.toml:6:1: unknown key `section.0.block.0.captoin`"},
		{name: "unknown key hint", section: "[[section]]\nid = \"x\"\nheadnig = { it = \"a\", en = \"b\" }\n", want: "did you mean `heading`?"},
		{name: "missing english", section: "[[section]]\nid = \"x\"\n[[section.block]]\nit = \"solo italiano\"\n", want: "sections/01.toml:4:1: the English text is missing"},
		{name: "missing italian in inline pair", section: "[[section]]\nid = \"x\"\nheading = { en = \"Only English\" }\n", want: "sections/01.toml:3:13: the Italian text is missing"},
		{name: "bad length", section: "[[section]]\nid = \"x\"\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/a.jpg\"\nheight = \"50 furlongs\"\n", want: "sections/01.toml:6:1: `section.0.block.0.height`"},
		{name: "bad placement", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/a.jpg\"\nheight = 10\nplacement = \"colum\"\n", want: "did you mean `column`?"},
		{name: "missing image", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/nope.jpg\"\nheight = 10\n", want: "sections/01.toml:4:1: figure section-1#1: file \"images/nope.jpg\" not found"},
		{name: "path escapes the folder", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../../etc/passwd\"\nheight = 10\n", want: "sections/01.toml:4:1: `section.0.block.0.file`: \"../../etc/passwd\" is outside the publication's folder"},
		{name: "absolute path", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"/tmp/a.jpg\"\nheight = 10\n", want: "is not a relative path"},
		{name: "duplicate id", section: "[[section]]\n[[section.block]]\nid = \"a\"\nshared = \"x\"\n[[section.block]]\nid = \"a\"\nshared = \"y\"\n", want: "sections/01.toml:5:1: block id \"a\" is already used at sections/01.toml:2:1"},
		{name: "unknown style", section: "[[section]]\n[[section.block]]\nstyle = \"bdy\"\nshared = \"x\"\n", want: "uses style \"bdy\", which [styles] does not define (did you mean `body`?)"},
		{name: "unknown anchor", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/a.jpg\"\nheight = 10\nanchor = \"p9\"\n", want: "anchored to block \"p9\", which does not exist"},
		{name: "block type unknown", section: "[[section]]\n[[section.block]]\ntype = \"figur\"\n", want: "sections/01.toml:3:1: `section.0.block.0.type` must be one of \"pair\", \"heading\", \"quote\", \"list\", \"figure\", not \"figur\" (did you mean `figure`?)"},
		{name: "shared and a language", section: "[[section]]\n[[section.block]]\nit = \"a\"\nshared = \"b\"\n", want: "sections/01.toml:4:1: `section.0.block.0.shared` replaces `it` and `en`"},
		{name: "pair as plain string", section: "[[section]]\nheading = \"Titolo\"\n", want: "sections/01.toml:2:1: `section.0.heading` must give the text in both languages (write heading = { it = \"…\", en = \"…\" }, or { shared = \"Titolo\" } when it needs no translation)"},
		{name: "start is a float", section: "[[section]]\nstart = 3.5\n", want: "sections/01.toml:2:1: `start` must be \"new-page\", \"right-page\" or a page number, not a float"},
		{name: "start unknown word", section: "[[section]]\nstart = \"left-page\"\n", want: "`start` must be \"new-page\", \"right-page\" or a page number, not \"left-page\""},
		{name: "start before earlier", section: "[[section]]\nstart = 5\n[[section]]\nstart = 4\n", want: "section \"section-2\" starts on page 4, but an earlier section starts on page 5"},
		{name: "start beyond pages", section: "[[section]]\nstart = 9\n", want: "starts on page 9, beyond the 8 pages of the publication"},
		{name: "figure without height", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/a.jpg\"\n", want: "sections/01.toml:2:1: figure needs a `height` (add height = \"60mm\")"},
		{name: "column figure without column", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/a.jpg\"\nplacement = \"column\"\nheight = 10\n", want: "a figure placed in a column needs `column`"},
		{name: "pinned without page", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/a.jpg\"\nplacement = \"pinned\"\nheight = 10\n", want: "a figure placed \"pinned\" needs `page`"},
		{name: "width over 100%", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"../images/a.jpg\"\nwidth = \"120%\"\nheight = 10\n", want: "must be between 0% and 100%"},
		{name: "list without items", section: "[[section]]\n[[section.block]]\ntype = \"list\"\n", want: "sections/01.toml:2:1: a list needs at least one `item`"},
		{name: "quote empty", section: "[[section]]\n[[section.block]]\ntype = \"quote\"\n", want: "a quote needs a `lead` or `item`s"},
		{name: "item without text", section: "[[section]]\n[[section.block]]\ntype = \"list\"\n[[section.block.item]]\nlabel = \"a)\"\n", want: "sections/01.toml:4:1: `section.0.block.0.item.0` needs `it` and `en` (or `shared`)"},
		{name: "unclosed span", section: "[[section]]\n[[section.block]]\nit = \"[Slow Food]{.em\"\nen = \"x\"\n", want: "is not closed with }"},
		{name: "span style undefined", section: "[[section]]\n[[section.block]]\nit = \"[Slow Food]{.bold}\"\nen = \"x\"\n", want: "span uses style \"bold\", which [styles] does not define"},
		{name: "empty file name", section: "[[section]]\n[[section.block]]\ntype = \"figure\"\nfile = \"\"\nheight = 10\n", want: "`section.0.block.0.file` is empty"},
		{name: "no version", root: strings.Replace(validRoot, "duetto = 1\n", "", 1), want: "duetto.toml:1:1: duetto.toml has no schema version"},
		{name: "unknown root key", root: validRoot + "\n[pagee]\n", want: "duetto.toml:45:1: unknown key `pagee` (did you mean `page`?)"},
		{name: "style with unknown font", root: strings.Replace(validRoot, "[styles.caption]\nfont = \"sans\"", "[styles.caption]\nfont = \"serif\"", 1), want: "style \"caption\" uses font family \"serif\", which [fonts] does not define"},
		{name: "style needs a missing face", root: strings.Replace(validRoot, "[styles.heading]\nfont = \"sans\"", "[styles.heading]\nfont = \"sans\"\nface = \"bold\"", 1), want: "style \"heading\" needs the bold face of font family \"sans\""},
		{name: "style with unknown colour", root: strings.Replace(validRoot, "color = \"blue\"", "color = \"bleu\"", 1), want: "uses colour \"bleu\", which [colors] does not define (did you mean `blue`?)"},
		{name: "leading too small", root: strings.Replace(validRoot, "leading = \"12.5pt\"", "leading = \"5pt\"", 1), want: "`body.leading` (5.0pt) is less than 80% of the size (9.0pt)"},
		{name: "page too small", root: strings.Replace(validRoot, "size = [\"210mm\", \"297mm\"]", "size = [\"10mm\", \"297mm\"]", 1), want: "`page.size` must be at least 1 in × 1 in"},
		{name: "hyphenation exception with a double hyphen", root: validRoot + "\n[hyphenation]\nen = [\"Euro-pean\", \"ta--ble\"]\n", want: "duetto.toml:46:20: hyphenation exception \"ta--ble\": a hyphen must stand between two letters"},
		{name: "hyphenation exception with a digit", root: validRoot + "\n[hyphenation]\nit = [\"cen-to1\"]\n", want: "hyphenation exception \"cen-to1\": '1' is not a letter"},
		{name: "hyphenation for a language not in the publication", root: validRoot + "\n[hyphenation]\nfr = [\"cou-leur\"]\n", want: "unknown key `hyphenation.fr`"},
		{name: "same language twice", root: validRoot + "\n[languages]\nleft = \"it\"\nright = \"it\"\n", want: "the left and right columns must have different languages"},
		{name: "include matches nothing", root: strings.Replace(validRoot, "include = [\"sections/*.toml\"]", "include = [\"chapters/*.toml\"]", 1), want: "duetto.toml:2:12: \"chapters/*.toml\" matches no file"},
		{name: "saddle stitch needs 4n pages", root: strings.Replace(validRoot, "pages = 8", "pages = 10\nbinding = \"saddle\"", 1), want: "a saddle-stitched booklet needs a multiple of 4 pages, not 10 (a booklet of 8 or 12 pages)"},
		{name: "rgb out of range", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], rgb = [0, 76, 300] }", 1), want: "colour \"blue\": `rgb` components must be integers from 0 to 255"},
		{name: "rgb in percent", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], rgb = [0, 30.5, 60] }", 1), want: "`rgb` components must be integers from 0 to 255"},
		{name: "rgb of two", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], rgb = [0, 76] }", 1), want: "colour \"blue\": `rgb` is [r, g, b], each from 0 to 255"},
		{name: "screen edition named as the print one", root: strings.Replace(validRoot, "pages = 8", "pages = 8\noutput = \"a.pdf\"\noutput-screen = \"a.pdf\"", 1), want: "`publication.output-screen` is the print edition's file name too (for example output-screen = \"a-screen.pdf\")"},
		{name: "spot ink named All", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], spot = \"All\" }", 1), want: "duetto.toml:20:35: colour \"blue\": spot ink \"All\": the name is reserved by PDF"},
		{name: "spot ink named empty", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], spot = \" \" }", 1), want: "spot ink \" \": the name is empty"},
		{name: "spot ink named as a process ink", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], spot = \"Cyan\" }", 1), want: "that is a process ink"},
		{name: "spot ink with two fallbacks", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], spot = \"PANTONE 2945 C\" }\npale = { cmyk = [100, 45, 0, 14], spot = \"PANTONE 2945 C\", tint = 40 }", 1), want: "colour \"pale\": spot ink \"PANTONE 2945 C\" has cmyk [100 60 0 10] in colour \"blue\" (at duetto.toml:20:1)"},
		{name: "tint zero", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], tint = 0 }", 1), want: "colour \"blue\": `tint` must be more than 0 and at most 100 (%)"},
		{name: "tint without percent sign", root: strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], tint = \"40\" }", 1), want: "colour \"blue\": `tint` must be a percentage, not \"40\""},
		{name: "registration without marks", root: strings.Replace(validRoot, "gutter = \"8mm\"", "gutter = \"8mm\"\nmarks = false\nregistration = true", 1), want: "`page.registration` needs the mark area: `page.marks` is false"},
		{name: "colour bar without marks", root: strings.Replace(validRoot, "gutter = \"8mm\"", "gutter = \"8mm\"\nmarks = false\ncolor-bar = true", 1), want: "`page.color-bar` needs the mark area"},
		{name: "bad colour", root: strings.Replace(validRoot, "[100, 60, 0, 10]", "[100, 60, 0, 110]", 1), want: "duetto.toml:20:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := validRoot
			if tt.root != "" {
				root = tt.root
			}
			section := validSection
			if tt.section != "" {
				section = tt.section
			}
			_, err := Load(testFS(map[string]string{"duetto.toml": root, "sections/01.toml": section}), "duetto.toml")
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("want an ErrorList, got %v", err)
			}
			if !strings.Contains(list.Error(), tt.want) {
				t.Errorf("errors:\n%s\nwant one containing %q", list.Error(), tt.want)
			}
		})
	}
}

func TestColorRGB(t *testing.T) {
	root := strings.Replace(validRoot, "[100, 60, 0, 10] }", "[100, 60, 0, 10], rgb = [0, 76, 153] }\ngrey = { cmyk = [0, 0, 0, 60] }", 1)
	root = strings.Replace(root, "pages = 8", "pages = 8\noutput-screen = \"web.pdf\"", 1)
	pub, err := Load(testFS(map[string]string{"duetto.toml": root, "sections/01.toml": validSection}), "duetto.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c := pub.Colors["blue"]; !c.HasRGB || c.RGB != [3]uint8{0, 76, 153} || c.C != 1 {
		t.Errorf("blue = %+v, want CMYK 100/60/0/10 and RGB 0/76/153", c)
	}
	if c := pub.Colors["grey"]; c.HasRGB {
		t.Errorf("grey = %+v, want no RGB", c)
	}
	if pub.Meta.OutputScreen != "web.pdf" {
		t.Errorf("output-screen = %q", pub.Meta.OutputScreen)
	}
}

func TestCharacterStyleNeedsNoFont(t *testing.T) {
	root := validRoot + "\n[styles.em]\nface = \"italic\"\n"
	section := "[[section]]\n[[section.block]]\nit = \"visita [Slow Food]{.em}\"\nen = \"visit [Slow Food]{.em}\"\n"
	if _, err := Load(testFS(map[string]string{"duetto.toml": root, "sections/01.toml": section}), "duetto.toml"); err != nil {
		t.Errorf("a span style without a font: %v", err)
	}
	section = "[[section]]\n[[section.block]]\nstyle = \"em\"\nshared = \"x\"\n"
	_, err := Load(testFS(map[string]string{"duetto.toml": root, "sections/01.toml": section}), "duetto.toml")
	if err == nil || !strings.Contains(err.Error(), `style "em" names no font`) {
		t.Errorf("a paragraph in a style without a font: error = %v", err)
	}
}

func TestErrorDetailShowsCaret(t *testing.T) {
	_, err := Load(testFS(map[string]string{"duetto.toml": validRoot, "sections/01.toml": "[[section]]\n  idd = \"x\"\n"}), "duetto.toml")
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want ErrorList, got %v", err)
	}
	want := "sections/01.toml:2:3: unknown key `section.0.idd` (did you mean `id`?)\n      idd = \"x\"\n      ^"
	if got := list[0].Detail(); got != want {
		t.Errorf("Detail:\n%s\nwant:\n%s", got, want)
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		in   string
		want []Span
	}{
		{"a  b\n c", []Span{{Text: "a b c"}}},
		{"visit [Slow Food]{.em} now", []Span{{Text: "visit "}, {Text: "Slow Food", Style: "em"}, {Text: " now"}}},
		{`a \[b] c`, []Span{{Text: "a [b] c"}}},
		{"[not a span] here", []Span{{Text: "[not a span] here"}}},
		{"  lead and trail  ", []Span{{Text: "lead and trail"}}},
		{"keep\u00a0nbsp", []Span{{Text: "keep\u00a0nbsp"}}},
	}
	for _, tt := range tests {
		got, err := ParseText(tt.in)
		if err != nil {
			t.Errorf("ParseText(%q): %v", tt.in, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("ParseText(%q) = %+v, want %+v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ParseText(%q)[%d] = %+v, want %+v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
	if _, err := ParseText("[open]{.em"); err == nil {
		t.Error("unclosed span: want error")
	}
}

func TestParseLength(t *testing.T) {
	tests := []struct {
		in      any
		percent bool
		want    float64
		wantErr bool
	}{
		{int64(12), false, 12, false},
		{9.5, false, 9.5, false},
		{"25.4mm", false, 72, false},
		{"1in", false, 72, false},
		{"2.54cm", false, 72, false},
		{"10pt", false, 10, false},
		{"50%", true, 50, false},
		{"50%", false, 0, true},
		{"12", false, 0, true},
		{"-3mm", false, 0, true},
		{true, false, 0, true},
	}
	for _, tt := range tests {
		got, err := parseLength(tt.in, tt.percent)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseLength(%v) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && (got.Value < tt.want-1e-9 || got.Value > tt.want+1e-9) {
			t.Errorf("parseLength(%v) = %v, want %v", tt.in, got.Value, tt.want)
		}
	}
}

func TestColorSpotAndTint(t *testing.T) {
	root := strings.Replace(validRoot, "blue = { cmyk = [100, 60, 0, 10] }", `blue = { cmyk = [100, 60, 0, 10] }
cmblue = { spot = "PANTONE 2945 C", cmyk = [100, 45, 0, 14] }
cmblue40 = { spot = "PANTONE 2945 C", cmyk = [100, 45, 0, 14], tint = 40, rgb = [153, 187, 219] }
cmblue25 = { spot = "PANTONE 2945 C", cmyk = [100, 45, 0, 14], tint = "25%" }
grey = { cmyk = [0, 0, 0, 100], tint = 60 }`, 1)
	pub, err := Load(testFS(map[string]string{"duetto.toml": root, "sections/01.toml": validSection}), "duetto.toml")
	if err != nil {
		t.Fatal(err)
	}
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	tests := []struct {
		name       string
		spot       string
		tint       float64
		c, m, y, k float64 // the process inks, tint applied
	}{
		{"blue", "", 0, 1, 0.6, 0, 0.1},
		{"cmblue", "PANTONE 2945 C", 1, 1, 0.45, 0, 0.14},
		{"cmblue40", "PANTONE 2945 C", 0.4, 0.4, 0.18, 0, 0.056},
		{"cmblue25", "PANTONE 2945 C", 0.25, 0.25, 0.1125, 0, 0.035},
		{"grey", "", 0, 0, 0, 0, 0.6},
	}
	for _, tt := range tests {
		c := pub.Colors[tt.name]
		if c.Spot != tt.spot || !near(c.Tint, tt.tint) || !near(c.C, tt.c) || !near(c.M, tt.m) || !near(c.Y, tt.y) || !near(c.K, tt.k) {
			t.Errorf("%s = %+v, want spot %q tint %g inks %g/%g/%g/%g", tt.name, c, tt.spot, tt.tint, tt.c, tt.m, tt.y, tt.k)
		}
	}
	if c := pub.Colors["cmblue40"]; !c.HasRGB || c.RGB != [3]uint8{153, 187, 219} {
		t.Errorf("cmblue40 rgb = %v", c.RGB)
	}
}

func TestControlChar(t *testing.T) {
	// controlChar must agree with unicode.IsControl && !unicode.IsSpace
	// on every rune, as a loop over the text's runes would.
	first := func(s string) (rune, bool) {
		for _, r := range s {
			if unicode.IsControl(r) && !unicode.IsSpace(r) {
				return r, true
			}
		}
		return 0, false
	}
	tests := []string{"", "plain", "tab\tand\nnewline\r\v\f", "bell\a", "nul\x00", "del\x7f", "nel\u0085", "c1\u0090x", "nbsp\u00a0", "città ’", "bad\xc2", "bad\xff\x07", "\x1f"}
	for r := rune(0); r < 0x3000; r++ {
		tests = append(tests, "a"+string(r)+"b")
	}
	for _, s := range tests {
		gr, gok := controlChar(s)
		wr, wok := first(s)
		if gr != wr || gok != wok {
			t.Errorf("controlChar(%q) = %U, %v; want %U, %v", s, gr, gok, wr, wok)
		}
	}
}
