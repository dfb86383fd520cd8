package layout

import (
	"sort"
	"strings"
)

// Error is a layout problem tied to a block of the source.
type Error struct {
	Pos   string // source position of the block, file:line:col
	Block string // block id
	Page  int    // physical page, 0 when not on a page yet
	Msg   string
}

// Error formats the error with its source position, block and page.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos != "" {
		b.WriteString(e.Pos + ": ")
	}
	if e.Block != "" {
		b.WriteString("block " + e.Block + ": ")
	}
	if e.Page > 0 {
		b.WriteString("page " + itoa(e.Page) + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is a list of errors reported together.
type Errors []error

// Error joins the errors, one a line.
func (l Errors) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap gives errors.Is and errors.As access to every error.
func (l Errors) Unwrap() []error { return l }

func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return Errors(errs)
}

func sortStrings(s []string) { sort.Strings(s) }
