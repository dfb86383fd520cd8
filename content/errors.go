package content

import (
	"fmt"
	"strings"
)

// Error is a problem in a publication's source, at a position.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string // optional: how to fix it, e.g. "did you mean `caption`?"
	// Source is the offending source line, shown with a caret under Pos.Col.
	Source string
}

// Error formats the error as "file:line:col: message (hint)".
func (e *Error) Error() string {
	s := e.Pos.String() + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Detail formats the error with its source line and a caret.
func (e *Error) Detail() string {
	s := e.Error()
	if e.Source == "" || e.Pos.Col < 1 {
		return s
	}
	line := strings.ReplaceAll(e.Source, "\t", " ")
	return s + "\n    " + line + "\n    " + strings.Repeat(" ", e.Pos.Col-1) + "^"
}

// MaxErrors is how many errors one load reports before it stops looking.
const MaxErrors = 20

// ErrorList is every error found in one load, in source order.
type ErrorList []*Error

// Error joins the errors, one a line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if len(l) >= MaxErrors {
		fmt.Fprintf(&b, "\n(stopped after %d errors)", MaxErrors)
	}
	return b.String()
}

// Detail joins the errors with their source lines and carets.
func (l ErrorList) Detail() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Detail())
	}
	if len(l) >= MaxErrors {
		fmt.Fprintf(&b, "\n(stopped after %d errors)", MaxErrors)
	}
	return b.String()
}

// nearest returns the candidate closest to word by edit distance, or "" when
// none is close enough to be a likely typo.
func nearest(word string, candidates []string) string {
	best, bestD := "", len(word)/2+2
	for _, c := range candidates {
		if d := editDistance(word, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
