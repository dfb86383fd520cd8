package content

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a source file: 1-based line and column (in runes).
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// keyIndex maps the canonical path of every key in a TOML file to the
// position where it is written. A canonical path joins keys with "." and
// numbers the tables of an array of tables from 0, e.g.
// "section.1.block.4.caption.it".
//
// BurntSushi/toml reports positions for syntax errors only, so the index is
// built by a small scanner over the source that understands just enough of
// TOML (table headers, dotted and quoted keys, strings of every kind, inline
// tables and arrays) to find where keys are written. It runs after the
// decoder has accepted the file, so it can assume valid syntax.
type keyIndex map[string]Pos

// indexKeys scans src (already known to be valid TOML) and returns the
// position of every key.
func indexKeys(file, src string) keyIndex {
	// About one entry per key = value, and two per table header.
	size := strings.Count(src, "=") + 2*strings.Count(src, "\n[")
	s := &keyScanner{file: file, src: src, line: 1, lineStart: 0, idx: make(keyIndex, size), arrays: map[string]int{}}
	s.scan()
	return s.idx
}

type keyScanner struct {
	file      string
	src       string
	i         int
	line      int
	lineStart int
	idx       keyIndex
	arrays    map[string]int // array-of-tables path → last index
	table     string         // canonical path of the current table
	// colAt and col cache the last column computed: col is the column
	// of byte colAt, on the line that starts at byte colLine. Positions
	// on a line are asked for left to right, so each line's runes are
	// counted once however many keys and elements it holds.
	colLine, colAt, col int
}

func (s *keyScanner) pos() Pos {
	if s.colLine != s.lineStart || s.colAt > s.i || s.col == 0 {
		s.colLine, s.colAt, s.col = s.lineStart, s.lineStart, 1
	}
	s.col += utf8.RuneCountInString(s.src[s.colAt:s.i])
	s.colAt = s.i
	return Pos{File: s.file, Line: s.line, Col: s.col}
}

func (s *keyScanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *keyScanner) advance() {
	if s.i < len(s.src) {
		if s.src[s.i] == '\n' {
			s.line++
			s.lineStart = s.i + 1
		}
		s.i++
	}
}

// skipSpace skips blanks, and also newlines and comments when multiline.
func (s *keyScanner) skipSpace(multiline bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '\n' && multiline:
			s.advance()
		case c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *keyScanner) scan() {
	for s.i < len(s.src) {
		s.skipSpace(true)
		if s.i >= len(s.src) {
			return
		}
		start := s.i
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		s.progress(start)
	}
}

// progress makes sure every step of a loop consumes input: on text it does
// not understand the scanner skips a byte rather than stall.
func (s *keyScanner) progress(start int) {
	if s.i == start {
		s.advance()
	}
}

// header reads [table] or [[array-of-tables]].
func (s *keyScanner) header() {
	at := s.pos()
	s.advance()
	array := s.peek() == '['
	if array {
		s.advance()
	}
	s.skipSpace(false)
	keys := s.key()
	s.skipSpace(false)
	for s.peek() == ']' {
		s.advance()
	}
	// Resolve every prefix through the arrays of tables already seen.
	path := ""
	for i, k := range keys {
		path = join(path, k)
		if n, ok := s.arrays[path]; ok && (i < len(keys)-1 || !array) {
			path = join(path, strconv.Itoa(n))
		}
	}
	if array {
		n := 0
		if last, ok := s.arrays[path]; ok {
			n = last + 1
		}
		s.arrays[path] = n
		s.idx[path] = at
		path = join(path, strconv.Itoa(n))
	}
	s.idx[path] = at
	s.table = path
}

// keyValue reads key = value inside table.
func (s *keyScanner) keyValue(table string) {
	at := s.pos()
	keys := s.key()
	path := table
	for _, k := range keys {
		path = join(path, k)
		if _, ok := s.idx[path]; !ok {
			s.idx[path] = at
		}
	}
	s.skipSpace(false)
	if s.peek() == '=' {
		s.advance()
	}
	s.skipSpace(false)
	s.value(path)
}

// key reads a possibly dotted, possibly quoted key.
func (s *keyScanner) key() []string {
	var keys []string
	for {
		s.skipSpace(false)
		switch s.peek() {
		case '"', '\'':
			keys = append(keys, s.str())
		default:
			start := s.i
			for s.i < len(s.src) && isBareKeyChar(s.src[s.i]) {
				s.advance()
			}
			keys = append(keys, s.src[start:s.i])
		}
		s.skipSpace(false)
		if s.peek() != '.' {
			return keys
		}
		s.advance()
	}
}

func isBareKeyChar(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// value reads one value at path, indexing keys of inline tables and the
// elements of arrays.
func (s *keyScanner) value(path string) {
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '{':
		s.advance()
		for {
			s.skipSpace(true)
			if s.peek() == '}' || s.i >= len(s.src) {
				s.advance()
				return
			}
			if s.peek() == ',' {
				s.advance()
				continue
			}
			start := s.i
			s.keyValue(path)
			s.progress(start)
		}
	case '[':
		s.advance()
		n := 0
		for {
			s.skipSpace(true)
			if s.peek() == ']' || s.i >= len(s.src) {
				s.advance()
				return
			}
			if s.peek() == ',' {
				s.advance()
				continue
			}
			el := join(path, strconv.Itoa(n))
			s.idx[el] = s.pos()
			start := s.i
			s.value(el)
			s.progress(start)
			n++
		}
	default: // number, boolean, date: up to a delimiter
		for s.i < len(s.src) && !isValueEnd(s.src[s.i]) {
			s.advance()
		}
	}
}

// isValueEnd reports whether c ends a number, boolean or date.
func isValueEnd(c byte) bool {
	switch c {
	case ',', ']', '}', '\n', '#':
		return true
	}
	return false
}

// str reads a basic, literal or multi-line string and returns its raw body
// (escapes are not interpreted; keys with escapes are not expected).
func (s *keyScanner) str() string {
	q := s.peek()
	delim, stops := `"""`, "\"\\\n" // a basic string ends at a quote; \ escapes
	if q == '\'' {
		delim, stops = "'''", "'\n"
	}
	if strings.HasPrefix(s.src[s.i:], delim) {
		s.advance()
		s.advance()
		s.advance()
		start := s.i
		for s.i < len(s.src) {
			s.skipTo(stops)
			switch {
			case s.i >= len(s.src):
			case s.src[s.i] == '\\':
				s.advance()
				s.advance()
			case strings.HasPrefix(s.src[s.i:], delim):
				end := s.i
				s.advance()
				s.advance()
				s.advance()
				// Up to two more quotes may belong to the string.
				for s.peek() == q {
					s.advance()
					end++
				}
				return s.src[start:end]
			default: // a newline, or a quote that does not end the string
				s.advance()
			}
		}
		return s.src[start:]
	}
	s.advance()
	start := s.i
	for s.i < len(s.src) {
		s.skipTo(stops)
		if s.i >= len(s.src) || s.src[s.i] != '\\' {
			break
		}
		s.advance()
		s.advance()
	}
	body := s.src[start:s.i]
	s.advance()
	return body
}

// skipTo moves to the next byte that is one of stops, or to the end of
// the source. Stops must hold the newline, so that no line is skipped.
func (s *keyScanner) skipTo(stops string) {
	if n := strings.IndexAny(s.src[s.i:], stops); n >= 0 {
		s.i += n
	} else {
		s.i = len(s.src)
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
