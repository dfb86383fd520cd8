package fonts

import (
	"fmt"
	"strings"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// builtinTTF returns the TrueType data of a built-in face: the
// Liberation fonts (SIL Open Font License), metric-compatible with Arial
// and Times New Roman.
func builtinTTF(name string) ([]byte, bool) {
	switch name {
	case "LiberationSans-Regular":
		return liberationsansregular.TTF, true
	case "LiberationSans-Bold":
		return liberationsansbold.TTF, true
	case "LiberationSans-Italic":
		return liberationsansitalic.TTF, true
	case "LiberationSans-BoldItalic":
		return liberationsansbolditalic.TTF, true
	case "LiberationSerif-Regular":
		return liberationserifregular.TTF, true
	case "LiberationSerif-Bold":
		return liberationserifbold.TTF, true
	case "LiberationSerif-Italic":
		return liberationserifitalic.TTF, true
	case "LiberationSerif-BoldItalic":
		return liberationserifbolditalic.TTF, true
	}
	return nil, false
}

// BuiltinNames lists the names Builtin accepts.
func BuiltinNames() []string {
	return []string{
		"LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic", "LiberationSans-BoldItalic",
		"LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic",
	}
}

// Builtin parses a font shipped with duetto, by one of the names
// BuiltinNames lists. Each call parses the font anew.
func Builtin(name string) (*Face, error) {
	ttf, ok := builtinTTF(name)
	if !ok {
		return nil, fmt.Errorf("no built-in font %q (built-in fonts: %s)", name, strings.Join(BuiltinNames(), ", "))
	}
	return Parse("builtin:"+name, ttf)
}
