package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// SchemaVersion is the version of the schema this package reads.
const SchemaVersion = 1

// RootName is the root file read when a directory is given.
const RootName = "duetto.toml"

// Load reads the publication whose root file is root inside fsys, with
// every included file, and validates it. Input errors are returned as an
// ErrorList; other errors (an unreadable file) are wrapped.
func Load(fsys fs.FS, root string) (*Publication, error) {
	return load(&decoder{}, fsys, root)
}

// load is Load with a given decoder.
func load(d *decoder, fsys fs.FS, root string) (*Publication, error) {
	pub := &Publication{FS: fsys, Root: root, Fonts: map[string]*FontFamily{}, Colors: map[string]Color{}, Styles: map[string]*Style{}}
	rs, rm, err := d.parse(fsys, root)
	if err != nil {
		return nil, err
	}
	pub.Files = append(pub.Files, root)
	if rm == nil {
		return nil, d.errs
	}
	t := d.root(rs, rm)
	version, ok := t.integer("duetto")
	switch {
	case !ok && len(d.errs) == 0:
		d.errorf(rs, Pos{File: root, Line: 1, Col: 1}, "start the file with `duetto = 1`", "%s has no schema version", root)
	case ok && version != SchemaVersion:
		t.errorf("duetto", "", "schema version %d is not supported (this duetto reads version %d)", version, SchemaVersion)
	}
	dir := path.Dir(root)
	var includes []string
	for i, pattern := range t.strings("include") {
		matches, err := fs.Glob(fsys, path.Join(dir, pattern))
		key := "include." + strconv.Itoa(i)
		if err != nil {
			t.errorf(key, "", "bad pattern %q: %v", pattern, err)
			continue
		}
		if len(matches) == 0 {
			_, err := fs.Stat(fsys, path.Join(dir, pattern))
			switch {
			case err != nil && escapes(err):
				t.errorf(key, "keep the publication's files inside its folder", "%q is a link to a file outside the publication's folder", pattern)
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				t.errorf(key, "", "cannot read %q: %v", pattern, err)
			default:
				t.errorf(key, "", "%q matches no file", pattern)
			}
		}
		sort.Strings(matches)
		for _, m := range matches {
			if !contains(includes, m) && m != root {
				includes = append(includes, m)
			}
		}
	}
	// The included files are read and decoded while the root file's
	// tables are read, all at the same time (they are most of a
	// publication's text); they are recorded in order, as if one by one.
	// A panic in one of them is raised again here, where the caller's
	// recover sees it.
	incs := make([]parsed, len(includes))
	panics := make([]any, len(includes))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, inc := range includes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			sem <- struct{}{}
			defer func() { <-sem }()
			incs[i] = parseFile(fsys, inc)
		}()
	}
	d.meta(t, pub)
	d.languages(t, pub)
	d.hyphenation(t, pub)
	d.page(t, pub)
	d.print(t, pub)
	d.fonts(t, pub)
	d.colors(t, pub)
	d.styles(t, pub)
	d.cover(t, pub)
	d.back(t, pub)
	d.sections(t, pub)
	t.done()
	wg.Wait()
	for _, v := range panics {
		if v != nil {
			panic(v)
		}
	}
	for i, inc := range includes {
		s, m, err := d.record(incs[i])
		if err != nil {
			return nil, err
		}
		pub.Files = append(pub.Files, inc)
		if m == nil {
			continue
		}
		it := d.root(s, m)
		d.sections(it, pub)
		it.done()
	}
	if len(d.errs) == 0 {
		d.validate(pub)
	}
	if len(d.errs) > 0 {
		order := map[string]int{}
		for i, f := range pub.Files {
			order[f] = i
		}
		sort.SliceStable(d.errs, func(i, j int) bool {
			a, b := d.errs[i].Pos, d.errs[j].Pos
			if order[a.File] != order[b.File] {
				return order[a.File] < order[b.File]
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
		return nil, d.errs
	}
	return pub, nil
}

// escapes reports the error of an os.Root for a path that leads out of
// its folder (through a symbolic link).
func escapes(err error) bool { return strings.Contains(err.Error(), "path escapes from parent") }

// LoadPath loads the publication at name on the local file system: a
// root file, or a directory holding duetto.toml.
func LoadPath(name string) (*Publication, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read publication: %w", err)
	}
	dir, root := name, RootName
	if !st.IsDir() {
		dir, root = path.Dir(strings.ReplaceAll(name, `\`, "/")), path.Base(name)
	}
	// An os.Root, unlike os.DirFS, refuses symbolic links that lead out
	// of the folder: paths in the source cannot climb out with "..", nor
	// through a link. Its finalizer closes it with the publication.
	folder, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read publication: %w", err)
	}
	pub, err := Load(folder.FS(), root)
	if pub != nil {
		pub.Dir = dir
	}
	return pub, err
}

// parse reads and decodes one file. A syntax error is recorded and the
// returned map is nil; a file that cannot be read is returned as error.
func (d *decoder) parse(fsys fs.FS, name string) (*src, map[string]any, error) {
	return d.record(parseFile(fsys, name))
}

// parsed is a file read and decoded by parseFile, not yet recorded.
type parsed struct {
	s      *src
	m      map[string]any // nil after a syntax error
	syntax error          // the TOML syntax error
	err    error          // the file could not be read
}

// parseFile reads and decodes one file. It touches no decoder, so that
// the included files can be parsed at the same time.
func parseFile(fsys fs.FS, name string) parsed {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return parsed{err: fmt.Errorf("cannot read %s: %w", name, err)}
	}
	text := string(data)
	s := &src{name: name, text: text}
	m := map[string]any{}
	if _, err := toml.Decode(text, &m); err != nil {
		return parsed{s: s, syntax: err}
	}
	s.index = indexKeys(name, text)
	return parsed{s: s, m: m}
}

// record notes a parsed file in d, its syntax error among d's errors,
// and returns what parse returns.
func (d *decoder) record(p parsed) (*src, map[string]any, error) {
	if p.err != nil {
		return nil, nil, p.err
	}
	s := p.s
	if d.srcs == nil {
		d.srcs = map[string]*src{}
	}
	d.srcs[s.name] = s
	if p.syntax != nil {
		var pe toml.ParseError
		if errors.As(p.syntax, &pe) {
			d.errorf(s, syntaxPos(s.name, s.text, pe), "", "TOML syntax: %s", pe.Message)
		} else {
			d.errorf(s, Pos{File: s.name, Line: 1, Col: 1}, "", "TOML syntax: %v", p.syntax)
		}
		return s, nil, nil
	}
	return s, p.m, nil
}

// syntaxPos is where a TOML syntax error is, in lines and runes. It is
// computed from the byte offset of the error rather than taken from the
// parser's line and column, which miscount after a carriage return
// inside a string (a string that runs into a CRLF line end is reported
// on line 0).
func syntaxPos(name, text string, pe toml.ParseError) Pos {
	start := pe.Position.Start
	if start < 0 || start > len(text) || (start == 0 && pe.Position.Line > 1) {
		return Pos{File: name, Line: max(pe.Position.Line, 1), Col: max(pe.Position.Col, 1)}
	}
	before := text[:start]
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return Pos{File: name, Line: 1 + strings.Count(before, "\n"), Col: 1 + utf8.RuneCountInString(before[lineStart:])}
}

// resolvePath resolves a file named by key relative to the file that names
// it. Paths stay inside the publication's folder: an absolute path or one
// that climbs out of it with ".." is an error, so that a publication
// cannot read (or embed into a PDF) files it does not hold.
func (t *table) resolvePath(key, name string) string {
	if name == "" {
		t.errorf(key, "", "%s is empty", t.name(key))
		return ""
	}
	if path.IsAbs(name) || strings.Contains(name, `\`) || (len(name) > 1 && name[1] == ':') {
		t.errorf(key, "write a path relative to this file, with /", "%s: %q is not a relative path", t.name(key), name)
		return ""
	}
	p := path.Join(path.Dir(t.src.name), name)
	if p == ".." || strings.HasPrefix(p, "../") {
		t.errorf(key, "keep fonts and images inside the publication's folder", "%s: %q is outside the publication's folder", t.name(key), name)
		return ""
	}
	return p
}

// pair reads a text pair: a table with it and en, or shared.
func (t *table) pair(key string, required bool) *Pair {
	v, ok := t.m[key]
	if !ok {
		t.asked = append(t.asked, key)
		if required {
			t.d.errorf(t.src, t.pos(), "", "%s is missing", t.name(key))
		}
		return nil
	}
	if s, isStr := v.(string); isStr {
		t.asked = append(t.asked, key)
		t.errorf(key, fmt.Sprintf("write %s = { it = \"…\", en = \"…\" }, or { shared = %q } when it needs no translation", key, s), "%s must give the text in both languages", t.name(key))
		return nil
	}
	p := t.sub(key)
	if p == nil {
		return nil
	}
	out := p.textPair()
	p.done()
	return out
}

// textPair reads it/en/shared from t itself.
func (t *table) textPair() *Pair {
	it, hasIt := t.str("it")
	en, hasEn := t.str("en")
	shared, hasShared := t.str("shared")
	pos := t.pos()
	switch {
	case hasShared && (hasIt || hasEn):
		t.errorf("shared", "", "%s replaces `it` and `en`: give either both languages or one shared text", t.name("shared"))
	case hasShared:
		return &Pair{It: shared, En: shared, Shared: true, Pos: pos, ItPos: t.posOf("shared"), EnPos: t.posOf("shared")}
	case hasIt && hasEn:
		return &Pair{It: it, En: en, Pos: pos, ItPos: t.posOf("it"), EnPos: t.posOf("en")}
	case hasIt:
		t.d.errorf(t.src, t.posOf("it"), "add `en = \"…\"`, or write `shared = \"…\"` if the text needs no translation", "the English text is missing: %s has `it` but no `en`", "`"+t.path+"`")
	case hasEn:
		t.d.errorf(t.src, t.posOf("en"), "add `it = \"…\"`, or write `shared = \"…\"` if the text needs no translation", "the Italian text is missing: %s has `en` but no `it`", "`"+t.path+"`")
	default:
		t.d.errorf(t.src, pos, "", "%s needs `it` and `en` (or `shared`)", "`"+t.path+"`")
	}
	return nil
}

func (d *decoder) meta(root *table, pub *Publication) {
	t := root.sub("publication")
	if t == nil {
		d.errorf(root.src, root.pos(), "add a [publication] table with at least `title`", "%s has no [publication]", root.src.name)
		return
	}
	if p := t.pair("title", true); p != nil {
		pub.Meta.Title = *p
	}
	if p := t.pair("subject", false); p != nil {
		pub.Meta.Subject = *p
	}
	pub.Meta.Author, _ = t.str("author")
	pub.Meta.Keywords = t.strings("keywords")
	if v, ok := t.get("date"); ok {
		switch dt := v.(type) {
		case time.Time:
			pub.Meta.Date = dt.UTC()
		default:
			t.errorf("date", "write a TOML date-time such as 2019-06-01T00:00:00Z", "`publication.date` must be a date, not %s", typeName(v))
		}
	}
	pub.Meta.Output, _ = t.str("output")
	if s, ok := t.str("output-screen"); ok {
		switch {
		case s == "":
			t.errorf("output-screen", "", "%s is empty", t.name("output-screen"))
		case s == pub.Meta.Output:
			t.errorf("output-screen", `for example output-screen = "`+strings.TrimSuffix(s, path.Ext(s))+`-screen.pdf"`, "%s is the print edition's file name too", t.name("output-screen"))
		}
		pub.Meta.OutputScreen = s
	}
	if n, ok := t.integer("pages"); ok {
		if n < 1 || n > 10000 {
			t.errorf("pages", "", "`publication.pages` must be between 1 and 10000")
		}
		pub.Meta.Pages = n
	}
	pub.Meta.Saddle = t.oneOf("binding", "none", "none", "saddle") == "saddle"
	if pub.Meta.Saddle && pub.Meta.Pages%4 != 0 {
		t.errorf("pages", fmt.Sprintf("a booklet of %d or %d pages", pub.Meta.Pages/4*4, (pub.Meta.Pages/4+1)*4), "a saddle-stitched booklet needs a multiple of 4 pages, not %d", pub.Meta.Pages)
	}
	t.done()
}

func (d *decoder) languages(root *table, pub *Publication) {
	pub.Languages = [2]string{"it", "en"}
	t := root.sub("languages")
	if t == nil {
		return
	}
	pub.Languages[0] = t.oneOf("left", "it", "it", "en")
	pub.Languages[1] = t.oneOf("right", "en", "it", "en")
	if pub.Languages[0] == pub.Languages[1] {
		t.errorf("right", "", "the left and right columns must have different languages")
	}
	t.done()
}

// hyphenation reads the [hyphenation] table: a list of exceptions per
// language of the publication.
func (d *decoder) hyphenation(root *table, pub *Publication) {
	t := root.sub("hyphenation")
	if t == nil {
		return
	}
	pub.Hyphenation = map[string]Exceptions{}
	for _, lang := range pub.Languages {
		words := t.strings(lang)
		for i, w := range words {
			if msg := badException(w); msg != "" {
				t.errorf(join(lang, strconv.Itoa(i)), `mark the breaks with single hyphens between letters, e.g. "Euro-pean"`, "hyphenation exception %q: %s", w, msg)
			}
		}
		if words != nil {
			pub.Hyphenation[lang] = Exceptions{Words: words, Pos: t.posOf(lang)}
		}
	}
	t.done()
}

// badException says what is wrong with a hyphenation exception, or "".
func badException(w string) string {
	prev := '-'
	letters := 0
	for _, r := range w {
		switch {
		case r == '-':
			if prev == '-' {
				return "a hyphen must stand between two letters"
			}
		case unicode.IsLetter(r) || r == '\'' || r == '’':
			letters++
		default:
			return fmt.Sprintf("%q is not a letter", r)
		}
		prev = r
	}
	if letters == 0 {
		return "no letters"
	}
	if prev == '-' {
		return "a hyphen must stand between two letters"
	}
	return ""
}

func (d *decoder) page(root *table, pub *Publication) {
	p := &pub.Page
	*p = PageSetup{Width: 595.276, Height: 841.89, Bleed: 3 * 72 / 25.4, Top: 56.69, Bottom: 56.69, Inner: 56.69, Outer: 42.52, Gutter: 22.68}
	p.Folio = Folio{Style: "folio", Position: "outer", Baseline: 28.35}
	p.Marks = true
	t := root.sub("page")
	if t == nil {
		return
	}
	if v, ok := t.get("size"); ok {
		a, isArr := v.([]any)
		if !isArr || len(a) != 2 {
			t.errorf("size", `write size = ["210mm", "297mm"]`, "`page.size` must be [width, height]")
		} else {
			w, err1 := parseLength(a[0], false)
			h, err2 := parseLength(a[1], false)
			switch {
			case err1 != nil:
				t.errorf("size.0", "", "`page.size` width: %v", err1)
			case err2 != nil:
				t.errorf("size.1", "", "`page.size` height: %v", err2)
			case w.Value < 72 || h.Value < 72:
				t.errorf("size", "", "`page.size` must be at least 1 in × 1 in")
			default:
				p.Width, p.Height = w.Value, h.Value
			}
		}
	}
	if v, ok := t.length("bleed"); ok {
		p.Bleed = v
	}
	if v, ok := t.length("gutter"); ok {
		p.Gutter = v
	}
	p.Marks = true
	if v, ok := t.boolean("marks"); ok {
		p.Marks = v
	}
	for _, k := range []struct {
		key string
		dst *bool
	}{{"registration", &p.Registration}, {"color-bar", &p.ColorBar}} {
		if v, ok := t.boolean(k.key); ok {
			*k.dst = v
			if v && !p.Marks {
				t.errorf(k.key, "remove marks = false, or "+k.key+" = true", "`page.%s` needs the mark area: `page.marks` is false", k.key)
			}
		}
	}
	if m := t.sub("margins"); m != nil {
		for _, f := range []struct {
			key string
			dst *float64
		}{{"top", &p.Top}, {"bottom", &p.Bottom}, {"inner", &p.Inner}, {"outer", &p.Outer}} {
			if v, ok := m.length(f.key); ok {
				*f.dst = v
			}
		}
		m.done()
	}
	if f := t.sub("folio"); f != nil {
		if s, ok := f.str("style"); ok {
			p.Folio.Style = s
		}
		p.Folio.Position = f.oneOf("position", "outer", "outer", "center")
		if v, ok := f.length("baseline"); ok {
			p.Folio.Baseline = v
		}
		p.Folio.Skip = f.ints("skip")
		f.done()
	}
	if p.Inner+p.Outer+p.Gutter >= p.Width-72 || p.Top+p.Bottom >= p.Height-72 {
		t.errorf("margins", "", "the margins and gutter leave less than 1 in for text")
	}
	t.done()
}

func (d *decoder) fonts(root *table, pub *Publication) {
	t := root.sub("fonts")
	if t == nil {
		return
	}
	for _, name := range sortedKeys(t.m) {
		ft := t.sub(name)
		if ft == nil {
			continue
		}
		fam := &FontFamily{Name: name, Faces: map[Face]FontSource{}}
		for _, face := range []Face{Regular, Bold, Italic, BoldItalic} {
			s, ok := ft.str(string(face))
			if !ok {
				continue
			}
			fs := FontSource{Pos: ft.posOf(string(face))}
			if b, isBuiltin := strings.CutPrefix(s, "builtin:"); isBuiltin {
				fs.Builtin = b
			} else {
				fs.Path = ft.resolvePath(string(face), s)
			}
			fam.Faces[face] = fs
		}
		if len(fam.Faces) == 0 {
			d.errorf(ft.src, ft.pos(), "", "font family %q has no faces", name)
		}
		ft.done()
		pub.Fonts[name] = fam
	}
}

func (d *decoder) colors(root *table, pub *Publication) {
	pub.Colors["black"] = Color{K: 1}
	pub.Colors["white"] = Color{}
	t := root.sub("colors")
	if t == nil {
		return
	}
	inks := map[string]spotInk{}
	for _, name := range sortedKeys(t.m) {
		ct := t.sub(name)
		if ct == nil {
			continue
		}
		v, ok := ct.get("cmyk")
		a, isArr := v.([]any)
		if !ok || !isArr || len(a) != 4 {
			ct.errorf("cmyk", "write "+name+" = { cmyk = [0, 0, 0, 100] }", "colour %q needs `cmyk` = [c, m, y, k] in percent", name)
			ct.done()
			continue
		}
		var c [4]float64
		for i, e := range a {
			var f float64
			switch n := e.(type) {
			case int64:
				f = float64(n)
			case float64:
				f = n
			default:
				ct.errorf("cmyk."+strconv.Itoa(i), "", "colour %q: components must be numbers", name)
			}
			if f < 0 || f > 100 {
				ct.errorf("cmyk."+strconv.Itoa(i), "", "colour %q: components must be between 0 and 100", name)
			}
			c[i] = f / 100
		}
		col := Color{C: c[0], M: c[1], Y: c[2], K: c[3], Pos: ct.pos()}
		tint := 1.0
		if v, ok := ct.get("tint"); ok {
			tint = ct.tint(name, v)
		}
		if spot, ok := ct.str("spot"); ok {
			if msg := badSpotName(spot); msg != "" {
				ct.errorf("spot", `write spot = "PANTONE 2945 C"`, "colour %q: spot ink %q: %s", name, spot, msg)
			}
			if first, ok := inks[spot]; ok && first.cmyk != c {
				ct.errorf("cmyk", "give every colour of one spot ink the same cmyk, and its tint in `tint`", "colour %q: spot ink %q has cmyk %v in colour %q (at %s)", name, spot, percents(first.cmyk), first.name, first.pos)
			} else if !ok {
				inks[spot] = spotInk{name: name, cmyk: c, pos: col.Pos}
			}
			col.Spot, col.Tint = spot, tint
		}
		col.C, col.M, col.Y, col.K = c[0]*tint, c[1]*tint, c[2]*tint, c[3]*tint
		if v, ok := ct.get("rgb"); ok {
			col.RGB, col.HasRGB = ct.rgb(name, v)
		}
		pub.Colors[name] = col
		ct.done()
	}
}

// spotInk is where a spot ink was first named, with its CMYK fallback.
type spotInk struct {
	name string // the colour
	cmyk [4]float64
	pos  Pos
}

// percents writes inks 0..1 as percentages: [100 45 0 14].
func percents(c [4]float64) []float64 {
	return []float64{c[0] * 100, c[1] * 100, c[2] * 100, c[3] * 100}
}

// tint reads the `tint` of colour name: a percentage from 0 (excluded) to
// 100, as a number (40) or a string ("40%"); it returns it as 0..1, or 1
// after an error.
func (t *table) tint(name string, v any) float64 {
	var f float64
	switch n := v.(type) {
	case int64:
		f = float64(n)
	case float64:
		f = n
	case string:
		p, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n), "%")), 64)
		if err != nil || !strings.HasSuffix(strings.TrimSpace(n), "%") {
			t.errorf("tint", `write tint = 40 or tint = "40%"`, "colour %q: `tint` must be a percentage, not %q", name, n)
			return 1
		}
		f = p
	default:
		t.errorf("tint", `write tint = 40 or tint = "40%"`, "colour %q: `tint` must be a percentage, not %s", name, typeName(v))
		return 1
	}
	if !(f > 0 && f <= 100) {
		t.errorf("tint", "", "colour %q: `tint` must be more than 0 and at most 100 (%%)", name)
		return 1
	}
	return f / 100
}

// badSpotName says what is wrong with the name of a spot ink, "" when
// nothing is: it names a Separation colour space and a printing plate.
func badSpotName(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "the name is empty"
	case len(s) > 127:
		return "the name is longer than 127 bytes (the PDF limit)"
	case s != strings.TrimSpace(s):
		return "the name starts or ends with a space"
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return "the name holds a control character"
		}
	}
	switch s {
	case "All", "None":
		return "the name is reserved by PDF (All paints every plate, None none)"
	case "Cyan", "Magenta", "Yellow", "Black":
		return "that is a process ink: give the colour as cmyk alone"
	}
	return ""
}

// rgb reads the `rgb` of colour name: three integers from 0 to 255.
func (t *table) rgb(name string, v any) ([3]uint8, bool) {
	a, isArr := v.([]any)
	if !isArr || len(a) != 3 {
		t.errorf("rgb", "write "+name+" = { cmyk = [100, 70, 0, 10], rgb = [0, 76, 153] }", "colour %q: `rgb` is [r, g, b], each from 0 to 255", name)
		return [3]uint8{}, false
	}
	var out [3]uint8
	ok := true
	for i, e := range a {
		n, isInt := e.(int64)
		if !isInt || n < 0 || n > 255 {
			t.errorf("rgb."+strconv.Itoa(i), "", "colour %q: `rgb` components must be integers from 0 to 255", name)
			ok = false
			continue
		}
		out[i] = uint8(n)
	}
	return out, ok
}

func (d *decoder) styles(root *table, pub *Publication) {
	t := root.sub("styles")
	if t == nil {
		return
	}
	for _, name := range sortedKeys(t.m) {
		st := t.sub(name)
		if st == nil {
			continue
		}
		s := &Style{Name: name, Pos: st.pos(), Set: map[string]bool{}, KeyPos: map[string]Pos{}, Face: Regular, Size: 10, Align: Left, Color: "black"}
		set := func(key string, ok bool) bool {
			if ok {
				s.Set[key] = true
				s.KeyPos[key] = st.posOf(key)
			}
			return ok
		}
		if v, ok := st.str("font"); set("font", ok) {
			s.Font = v
		}
		if _, ok := st.m["face"]; set("face", ok) {
			s.Face = Face(st.oneOf("face", "regular", "regular", "bold", "italic", "bold-italic"))
		}
		if v, ok := st.length("size"); set("size", ok) {
			if v < 1 || v > 1000 {
				st.errorf("size", "", "`%s.size` must be between 1pt and 1000pt", name)
			}
			s.Size = v
		}
		s.Leading = s.Size * 1.2
		if v, ok := st.length("leading"); set("leading", ok) {
			s.Leading = v
		}
		if _, ok := st.m["align"]; set("align", ok) {
			s.Align = Align(st.oneOf("align", "left", "justify", "left", "right", "center"))
		}
		if v, ok := st.str("color"); set("color", ok) {
			s.Color = v
		}
		if v, ok := st.length("space-before"); set("space-before", ok) {
			s.SpaceBefore = v
		}
		if v, ok := st.length("space-after"); set("space-after", ok) {
			s.SpaceAfter = v
		}
		if v, ok := st.length("indent"); set("indent", ok) {
			s.Indent = v
		}
		if _, ok := st.m["transform"]; set("transform", ok) {
			s.Uppercase = st.oneOf("transform", "none", "none", "uppercase") == "uppercase"
		}
		s.Hyphenate = s.Align == Justify
		if v, ok := st.boolean("hyphenate"); set("hyphenate", ok) {
			s.Hyphenate = v
		}
		if s.Leading < s.Size*0.8 {
			st.errorf("leading", "", "`%s.leading` (%.1fpt) is less than 80%% of the size (%.1fpt): lines would collide", name, s.Leading, s.Size)
		}
		st.done()
		pub.Styles[name] = s
	}
}

// point reads { x = …, y = … }.
func (t *table) point(key string) (Point, bool) {
	p := t.sub(key)
	if p == nil {
		return Point{}, false
	}
	x, okx := p.length("x")
	y, oky := p.length("y")
	if !okx || !oky {
		p.d.errorf(p.src, p.pos(), "", "%s needs `x` and `y`", t.name(key))
	}
	p.done()
	return Point{X: x, Y: y}, okx && oky
}

func (d *decoder) cover(root *table, pub *Publication) {
	t := root.sub("cover")
	if t == nil {
		return
	}
	c := &Cover{Pos: t.pos(), Title: pub.Meta.Title, TitleStyle: [2]string{"cover-title", "cover-subtitle"}, EdgeStyle: "cover-edge"}
	c.Background, _ = t.str("background")
	if s, ok := t.str("image"); ok {
		c.Image = t.resolvePath("image", s)
		c.ImageFrame.W, c.ImageFrame.H = pub.Page.Width, pub.Page.Height
	}
	if f := t.sub("image-frame"); f != nil {
		for _, k := range []struct {
			key string
			dst *float64
		}{{"x", &c.ImageFrame.X}, {"y", &c.ImageFrame.Y}, {"width", &c.ImageFrame.W}, {"height", &c.ImageFrame.H}} {
			if v, ok := f.length(k.key); ok {
				*k.dst = v
			}
		}
		f.done()
	}
	if p := t.pair("title", false); p != nil {
		c.Title = *p
	}
	c.TitleAt = Point{X: pub.Page.Outer, Y: pub.Page.Height / 2}
	if p, ok := t.point("title-at"); ok {
		c.TitleAt = p
	}
	if st := t.sub("title-style"); st != nil {
		if s, ok := st.str("it"); ok {
			c.TitleStyle[0] = s
		}
		if s, ok := st.str("en"); ok {
			c.TitleStyle[1] = s
		}
		st.done()
	}
	c.EdgeText, _ = t.str("edge-text")
	if s, ok := t.str("edge-style"); ok {
		c.EdgeStyle = s
	}
	t.done()
	pub.Cover = c
}

func (d *decoder) back(root *table, pub *Publication) {
	t := root.sub("back")
	if t == nil {
		return
	}
	b := &Back{Pos: t.pos(), Style: "back", At: Point{X: pub.Page.Outer, Y: pub.Page.Height - pub.Page.Bottom}}
	b.Background, _ = t.str("background")
	b.Lines = t.strings("lines")
	if s, ok := t.str("style"); ok {
		b.Style = s
	}
	if p, ok := t.point("at"); ok {
		b.At = p
	}
	t.done()
	pub.Back = b
}

func (d *decoder) sections(root *table, pub *Publication) {
	for _, st := range root.tables("section") {
		s := &Section{Pos: st.pos(), Style: "heading"}
		s.ID, _ = st.str("id")
		if s.ID == "" {
			s.ID = "section-" + strconv.Itoa(len(pub.Sections)+1)
		}
		if v, ok := st.get("start"); ok {
			switch x := v.(type) {
			case string:
				switch x {
				case "new-page":
					s.Start.Kind = StartNewPage
				case "right-page":
					s.Start.Kind = StartRightPage
				default:
					st.errorf("start", "", "`start` must be \"new-page\", \"right-page\" or a page number, not %q", x)
				}
			case int64:
				if x < 1 || x > 10000 {
					st.errorf("start", "", "`start` page %d is out of range", x)
				}
				s.Start = Start{Kind: StartPage, Page: int(x)}
			default:
				st.errorf("start", "", "`start` must be \"new-page\", \"right-page\" or a page number, not %s", typeName(v))
			}
		}
		if p := st.pair("heading", false); p != nil {
			s.Heading = *p
		}
		if v, ok := st.str("style"); ok {
			s.Style = v
		}
		for i, bt := range st.tables("block") {
			if b := d.block(bt); b != nil {
				if b.ID == "" {
					b.ID = s.ID + "#" + strconv.Itoa(i+1)
				}
				s.Blocks = append(s.Blocks, b)
			}
		}
		st.done()
		pub.Sections = append(pub.Sections, s)
	}
}

func (d *decoder) block(t *table) *Block {
	b := &Block{Pos: t.pos()}
	b.ID, _ = t.str("id")
	kind := t.oneOf("type", "pair", "pair", "heading", "quote", "list", "figure")
	b.Style, _ = t.str("style")
	switch kind {
	case "pair", "heading":
		b.Kind = KindPair
		if kind == "heading" {
			b.Kind = KindHeading
		}
		if p := t.textPair(); p != nil {
			b.Text = *p
		}
	case "quote":
		b.Kind = KindQuote
		if p := t.pair("lead", false); p != nil {
			b.Lead = *p
		}
		b.Source = t.pair("source", false)
		b.Items = d.items(t, true)
		if b.Lead.IsZero() && len(b.Items) == 0 {
			t.d.errorf(t.src, t.pos(), "", "a quote needs a `lead` or `item`s")
		}
	case "list":
		b.Kind = KindList
		b.Marker = "–"
		if s, ok := t.str("marker"); ok {
			b.Marker = s
		}
		b.Items = d.items(t, false)
		if len(b.Items) == 0 {
			t.d.errorf(t.src, t.pos(), "add [[section.block.item]] tables", "a list needs at least one `item`")
		}
	case "figure":
		b.Kind = KindFigure
		b.Figure = d.figure(t)
	}
	t.done()
	return b
}

func (d *decoder) items(t *table, labels bool) []Item {
	var items []Item
	for _, it := range t.tables("item") {
		item := Item{Pos: it.pos()}
		if labels {
			item.Label, _ = it.str("label")
		}
		if p := it.textPair(); p != nil {
			item.Text = *p
		}
		it.done()
		items = append(items, item)
	}
	return items
}

func (d *decoder) figure(t *table) *Figure {
	f := &Figure{Placement: PlaceSpan, Fit: FitCover, Align: "right", Width: Length{Value: 100, Percent: true}}
	if s := t.requiredStr("file"); s != "" {
		f.File = t.resolvePath("file", s)
		f.FilePos = t.posOf("file")
	}
	f.Placement = Placement(t.oneOf("placement", "span", "column", "center", "span", "row", "page", "pinned"))
	f.Column = t.oneOf("column", "", "it", "en")
	f.Align = t.oneOf("align", "right", "left", "right")
	if l, ok := t.relLength("width", true); ok {
		f.Width = l
	}
	if v, ok := t.length("height"); ok {
		f.Height = v
	}
	_, hasHeight := t.m["height"] // a bad height is reported as such
	f.Fit = Fit(t.oneOf("fit", "cover", "cover", "contain"))
	f.Anchor, _ = t.str("anchor")
	if n, ok := t.integer("page"); ok {
		f.Page = n
	}
	f.Caption = t.pair("caption", false)
	f.Credit = t.pair("credit", false)
	switch f.Placement {
	case PlaceColumn:
		if f.Column == "" {
			t.d.errorf(t.src, t.pos(), "add column = \"it\" or \"en\"", "a figure placed in a column needs `column`")
		}
		fallthrough
	case PlaceCenter, PlaceSpan, PlaceRow, PlacePinned:
		if f.Height <= 0 && !hasHeight {
			t.d.errorf(t.src, t.pos(), "add height = \"60mm\"", "figure needs a `height`")
		}
	}
	if (f.Placement == PlacePage || f.Placement == PlacePinned) && f.Page < 1 {
		t.d.errorf(t.src, t.pos(), "add page = N", "a figure placed %q needs `page`", f.Placement)
	}
	return f
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
