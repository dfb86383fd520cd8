package hyphen

import (
	"embed"
	"fmt"
	"strings"
	"unicode"
)

//go:embed patterns/*.tex
var patternFiles embed.FS

// languages maps the languages New knows to their pattern file and the
// minimum fragment lengths (left, right) of their typesetting tradition.
var languages = map[string]struct {
	file        string
	left, right int
}{
	"it":    {"patterns/hyph-it.tex", 2, 2},
	"en":    {"patterns/hyph-en-gb.tex", 2, 3},
	"en-gb": {"patterns/hyph-en-gb.tex", 2, 3},
	"en-us": {"patterns/hyph-en-us.tex", 2, 3},
}

// parseTeX reads a hyph-utf8 .tex file: the patterns inside \patterns{…}
// and the words inside \hyphenation{…}; '%' starts a comment.
func parseTeX(name, src string) (patterns, exceptions []string, err error) {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	text := b.String()
	block := func(cmd string) ([]string, error) {
		i := strings.Index(text, cmd+"{")
		if i < 0 {
			return nil, nil
		}
		rest := text[i+len(cmd)+1:]
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return nil, fmt.Errorf("%s: %s{ is not closed", name, cmd)
		}
		return strings.FieldsFunc(rest[:j], unicode.IsSpace), nil
	}
	if patterns, err = block(`\patterns`); err != nil {
		return nil, nil, err
	}
	if len(patterns) == 0 {
		return nil, nil, fmt.Errorf("%s: no patterns", name)
	}
	exceptions, err = block(`\hyphenation`)
	return patterns, exceptions, err
}
