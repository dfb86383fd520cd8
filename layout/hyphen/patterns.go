package hyphen

import (
	"embed"
	"strings"
)

// patternFiles holds the TeX pattern files, the source with their
// licences, and the compiled files New reads (triefile.go), made from
// them by go generate.
//
//go:generate go test -run TestCompiledPatternsCurrent -update-patterns
//go:embed patterns/*.tex patterns/*.trie
var patternFiles embed.FS

// compiledName is the name of the compiled file of TeX pattern file name.
func compiledName(name string) string { return strings.TrimSuffix(name, ".tex") + ".trie" }

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
