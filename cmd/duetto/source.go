package main

import (
	"errors"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/duetto-press/duetto/content"
)

// sourceError is an error found after a publication loaded (a font or an
// image that will not do, a layout that fails): its lines may start with
// a position in the publication's files, which detail shows with the
// source line and a caret, as it shows content's errors.
type sourceError struct {
	err  error
	fsys fs.FS
}

func (e sourceError) Error() string { return e.err.Error() }
func (e sourceError) Unwrap() error { return e.err }

// inSource marks err as an error of pub; nil stays nil.
func inSource(pub *content.Publication, err error) error {
	if err == nil || pub == nil || pub.FS == nil {
		return err
	}
	return sourceError{err: err, fsys: pub.FS}
}

// leadingPos matches a message line that starts with file:line:col.
var leadingPos = regexp.MustCompile(`^(.+?\.toml):(\d+):(\d+): `)

// detail formats an error for the terminal: every line that starts with
// a position in the publication's source is followed by that source line
// and a caret under the column. An error that does not start with a
// position is prefixed with "duetto: ".
func detail(err error) string {
	var list content.ErrorList
	if errors.As(err, &list) {
		return list.Detail()
	}
	var se sourceError
	if !errors.As(err, &se) {
		return "duetto: " + err.Error()
	}
	files := map[string][]string{}
	lines := strings.Split(err.Error(), "\n")
	var b strings.Builder
	if !leadingPos.MatchString(lines[0]) {
		b.WriteString("duetto: ")
	}
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		m := leadingPos.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		src, ok := files[m[1]]
		if !ok {
			if data, err := fs.ReadFile(se.fsys, m[1]); err == nil {
				src = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
			}
			files[m[1]] = src
		}
		n, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if n < 1 || n > len(src) || col < 1 {
			continue
		}
		b.WriteString("\n    " + strings.ReplaceAll(src[n-1], "\t", " ") + "\n    " + strings.Repeat(" ", col-1) + "^")
	}
	return b.String()
}
