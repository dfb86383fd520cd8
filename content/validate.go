package content

import (
	"errors"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// validate checks what single keys cannot: references between parts of
// the publication, unique ids, files that exist, page rules.
func (d *decoder) validate(pub *Publication) {
	errorf := func(p Pos, hint, format string, args ...any) {
		d.errorf(d.srcs[p.File], p, hint, format, args...)
	}
	names := func(m map[string]*Style) []string { return sortedKeys(anyMap(m)) }
	// at is where key of s is written, or s itself.
	at := func(s *Style, keys ...string) Pos {
		for _, k := range keys {
			if p, ok := s.KeyPos[k]; ok {
				return p
			}
		}
		return s.Pos
	}
	for _, name := range sortedKeys(anyMap(pub.Styles)) {
		s := pub.Styles[name]
		// A style that sets no font is a character style: it changes only
		// what it sets. Used for a whole text, it must name a font (below).
		if s.Set["font"] {
			if fam, ok := pub.Fonts[s.Font]; !ok {
				errorf(at(s, "font"), didYouMean(s.Font, sortedKeys(anyMap(pub.Fonts))), "style %q uses font family %q, which [fonts] does not define", name, s.Font)
			} else if _, ok := fam.Faces[s.Face]; !ok {
				errorf(at(s, "face", "font"), "", "style %q needs the %s face of font family %q, which is not defined", name, s.Face, s.Font)
			}
		}
		if _, ok := pub.Colors[s.Color]; !ok {
			errorf(at(s, "color"), didYouMean(s.Color, sortedKeys(anyMap(pub.Colors))), "style %q uses colour %q, which [colors] does not define", name, s.Color)
		}
	}
	needSpanStyle := func(p Pos, name, what string) {
		if _, ok := pub.Styles[name]; !ok {
			errorf(p, didYouMean(name, names(pub.Styles)), "%s uses style %q, which [styles] does not define", what, name)
		}
	}
	needStyle := func(p Pos, name, what string) {
		st, ok := pub.Styles[name]
		switch {
		case !ok:
			errorf(p, didYouMean(name, names(pub.Styles)), "%s uses style %q, which [styles] does not define", what, name)
		case st.Font == "":
			errorf(st.Pos, "add font = \"…\" to the style", "style %q names no font, but %s sets text in it", name, what)
		}
	}
	needColor := func(p Pos, name, what string) {
		if _, ok := pub.Colors[name]; name != "" && !ok {
			errorf(p, didYouMean(name, sortedKeys(anyMap(pub.Colors))), "%s uses colour %q, which [colors] does not define", what, name)
		}
	}
	needFile := func(p Pos, name, what string) {
		_, err := fs.Stat(pub.FS, name)
		switch {
		case err == nil:
		case errors.Is(err, fs.ErrNotExist):
			errorf(p, "paths are relative to the file that names them", "%s: file %q not found", what, name)
		case escapes(err):
			errorf(p, "keep fonts and images inside the publication's folder", "%s: %q is a link to a file outside the publication's folder", what, name)
		default:
			errorf(p, "", "%s: cannot read %q: %v", what, name, err)
		}
	}
	checkText := func(p Pos, s, what string) {
		if r, ok := controlChar(s); ok {
			errorf(p, "remove it: it prints nothing", "%s: the text holds the control character U+%04X", what, r)
			return
		}
		if strings.IndexByte(s, '[') < 0 {
			return // no span, so no span style and nothing ParseText refuses
		}
		spans, err := ParseText(s)
		if err != nil {
			errorf(p, "", "%s: %v", what, err)
			return
		}
		for _, sp := range spans {
			if sp.Style != "" {
				needSpanStyle(p, sp.Style, what+" span")
			}
		}
	}
	checkPair := func(p *Pair, what string) {
		if p == nil {
			return
		}
		itPos, enPos := p.ItPos, p.EnPos
		if itPos.Line == 0 || enPos.Line == 0 {
			itPos, enPos = p.Pos, p.Pos
		}
		checkText(itPos, p.It, what)
		if !p.Shared {
			checkText(enPos, p.En, what)
		}
	}
	for _, fam := range pub.Fonts {
		for _, src := range fam.Faces {
			if src.Path != "" {
				needFile(src.Pos, src.Path, "font")
			}
		}
	}
	if pub.Cover != nil {
		c := pub.Cover
		needColor(c.Pos, c.Background, "the cover")
		if c.Image != "" {
			needFile(c.Pos, c.Image, "cover image")
		}
		needStyle(c.Pos, c.TitleStyle[0], "the cover title")
		needStyle(c.Pos, c.TitleStyle[1], "the cover title")
		if c.EdgeText != "" {
			needStyle(c.Pos, c.EdgeStyle, "the cover edge text")
		}
	}
	if pub.Back != nil {
		needColor(pub.Back.Pos, pub.Back.Background, "the back page")
		if len(pub.Back.Lines) > 0 {
			needStyle(pub.Back.Pos, pub.Back.Style, "the back page")
		}
	}
	if len(pub.Sections) > 0 {
		needStyle(pub.Sections[0].Pos, pub.Page.Folio.Style, "the folio")
	}
	ids := map[string]Pos{}
	lastStart := 0
	for _, s := range pub.Sections {
		if !s.Heading.IsZero() {
			needStyle(s.Pos, s.Style, "section "+s.ID+" heading")
			checkPair(&s.Heading, "section "+s.ID+" heading")
		}
		if s.Start.Kind == StartPage {
			if s.Start.Page <= lastStart {
				errorf(s.Pos, "", "section %q starts on page %d, but an earlier section starts on page %d", s.ID, s.Start.Page, lastStart)
			}
			if pub.Meta.Pages > 0 && s.Start.Page > pub.Meta.Pages {
				errorf(s.Pos, "", "section %q starts on page %d, beyond the %d pages of the publication", s.ID, s.Start.Page, pub.Meta.Pages)
			}
			lastStart = s.Start.Page
		}
		for _, b := range s.Blocks {
			if prev, dup := ids[b.ID]; dup {
				errorf(b.Pos, "ids must be unique in the publication", "block id %q is already used at %s", b.ID, prev)
			}
			ids[b.ID] = b.Pos
		}
	}
	for _, s := range pub.Sections {
		for _, b := range s.Blocks {
			style := b.Style
			if style == "" {
				style = defaultStyle(b.Kind)
				b.Style = style
			}
			if b.Kind != KindFigure {
				needStyle(b.Pos, style, "block "+b.ID)
			}
			checkPair(&b.Text, "block "+b.ID)
			checkPair(&b.Lead, "block "+b.ID+" lead")
			checkPair(b.Source, "block "+b.ID+" source")
			for _, it := range b.Items {
				checkPair(&it.Text, "block "+b.ID+" item")
			}
			if f := b.Figure; f != nil {
				if f.File != "" {
					needFile(f.FilePos, f.File, "figure "+b.ID)
				}
				if f.Anchor != "" {
					if _, ok := ids[f.Anchor]; !ok {
						errorf(b.Pos, didYouMean(f.Anchor, sortedKeys(anyMap(ids))), "figure %s is anchored to block %q, which does not exist", b.ID, f.Anchor)
					}
				}
				if pub.Meta.Pages > 0 && f.Page > pub.Meta.Pages {
					errorf(b.Pos, "", "figure %s is placed on page %d, beyond the %d pages of the publication", b.ID, f.Page, pub.Meta.Pages)
				}
				if f.Caption != nil {
					needStyle(b.Pos, "caption", "figure "+b.ID+" caption")
					checkPair(f.Caption, "figure "+b.ID+" caption")
				}
				if f.Credit != nil {
					needStyle(b.Pos, "credit", "figure "+b.ID+" credit")
					checkPair(f.Credit, "figure "+b.ID+" credit")
				}
			}
		}
	}
}

// controlChar returns the first control character of s that is not
// white space, if any.
func controlChar(s string) (rune, bool) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !asciiSpace(c) {
				return rune(c), true
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return r, true
		}
		i += w
	}
	return 0, false
}

// defaultStyle is the style a block uses when it names none.
func defaultStyle(k BlockKind) string {
	switch k {
	case KindHeading:
		return "subheading"
	case KindQuote:
		return "quote"
	case KindList:
		return "list"
	case KindFigure:
		return "caption"
	}
	return "body"
}

func didYouMean(word string, candidates []string) string {
	if n := nearest(word, candidates); n != "" {
		return "did you mean `" + n + "`?"
	}
	if len(candidates) > 0 && len(candidates) <= 12 {
		return "defined: " + strings.Join(candidates, ", ")
	}
	return ""
}

func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
