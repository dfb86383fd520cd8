package content

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A decoder walks the generic tree BurntSushi/toml decoded and turns it
// into the model, checking every key and recording every error with its
// position.
type decoder struct {
	errs ErrorList
	// read, when not nil, collects the keys read in each table (by the
	// table's path), for the test that holds the JSON Schema to the
	// decoder.
	read map[string][]string
	// srcs holds every file parsed, by name, for the errors that
	// validation finds after decoding.
	srcs map[string]*src
}

// src is one parsed source file.
type src struct {
	name  string
	text  string
	lines []string // split from text when an error first quotes a line
	index keyIndex
}

// line returns line n (from 1) of the file without its line end, and
// whether the file has such a line.
func (s *src) line(n int) (string, bool) {
	if s.lines == nil {
		s.lines = strings.Split(strings.ReplaceAll(s.text, "\r\n", "\n"), "\n")
	}
	if n < 1 || n > len(s.lines) {
		return "", false
	}
	return s.lines[n-1], true
}

// table is a TOML table being read. Reading a key marks it used; done
// reports every key that was not read as unknown.
type table struct {
	d     *decoder
	src   *src
	path  string
	m     map[string]any
	asked []string
}

func (d *decoder) errorf(s *src, p Pos, hint, format string, args ...any) {
	if len(d.errs) >= MaxErrors {
		return
	}
	e := &Error{Pos: p, Msg: fmt.Sprintf(format, args...), Hint: hint}
	for _, prev := range d.errs {
		if prev.Pos == e.Pos && prev.Msg == e.Msg {
			return // the same problem met again through another use
		}
	}
	if s != nil {
		e.Source, _ = s.line(p.Line)
	}
	d.errs = append(d.errs, e)
}

func (d *decoder) root(s *src, m map[string]any) *table {
	return &table{d: d, src: s, m: m}
}

// posOf returns the position of key in t (or of t itself).
func (t *table) posOf(key string) Pos {
	for p := join(t.path, key); ; {
		if pos, ok := t.src.index[p]; ok {
			return pos
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return Pos{File: t.src.name, Line: 1, Col: 1}
		}
		p = p[:i]
	}
}

// pos is the position of the table itself.
func (t *table) pos() Pos {
	if pos, ok := t.src.index[t.path]; ok {
		return pos
	}
	return t.posOf("")
}

func (t *table) errorf(key, hint, format string, args ...any) {
	t.d.errorf(t.src, t.posOf(key), hint, format, args...)
}

func (t *table) get(key string) (any, bool) {
	t.asked = append(t.asked, key)
	v, ok := t.m[key]
	return v, ok
}

func (t *table) name(key string) string { return "`" + join(t.path, key) + "`" }

// typeName is the TOML name of a decoded value's type.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date-time"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// str reads an optional string.
func (t *table) str(key string) (string, bool) {
	v, ok := t.get(key)
	if !ok {
		return "", false
	}
	s, isStr := v.(string)
	if !isStr {
		t.errorf(key, "", "%s must be a string, not %s", t.name(key), typeName(v))
		return "", false
	}
	return s, true
}

// requiredStr reads a string that must be present and not empty.
func (t *table) requiredStr(key string) string {
	s, ok := t.str(key)
	if !ok {
		if _, present := t.m[key]; !present {
			t.d.errorf(t.src, t.pos(), "", "%s is missing", t.name(key))
		}
		return ""
	}
	if strings.TrimSpace(s) == "" {
		t.errorf(key, "", "%s is empty", t.name(key))
	}
	return s
}

// oneOf reads an optional string that must be one of choices; def when absent.
func (t *table) oneOf(key, def string, choices ...string) string {
	s, ok := t.str(key)
	if !ok {
		return def
	}
	for _, c := range choices {
		if s == c {
			return s
		}
	}
	hint := ""
	if n := nearest(s, choices); n != "" {
		hint = "did you mean `" + n + "`?"
	}
	t.errorf(key, hint, "%s must be one of %s, not %q", t.name(key), quoteAll(choices), s)
	return def
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// integer reads an optional integer.
func (t *table) integer(key string) (int, bool) {
	v, ok := t.get(key)
	if !ok {
		return 0, false
	}
	n, isInt := v.(int64)
	if !isInt || n > math.MaxInt32 || n < math.MinInt32 {
		t.errorf(key, "", "%s must be an integer, not %s", t.name(key), typeName(v))
		return 0, false
	}
	return int(n), true
}

// boolean reads an optional boolean.
func (t *table) boolean(key string) (bool, bool) {
	v, ok := t.get(key)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.errorf(key, "", "%s must be true or false, not %s", t.name(key), typeName(v))
		return false, false
	}
	return b, true
}

// number reads an optional integer or float.
func (t *table) number(key string) (float64, bool) {
	v, ok := t.get(key)
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	t.errorf(key, "", "%s must be a number, not %s", t.name(key), typeName(v))
	return 0, false
}

// length reads an optional length (points or a string with a unit).
func (t *table) length(key string) (float64, bool) {
	l, ok := t.relLength(key, false)
	return l.Value, ok
}

// relLength reads an optional length, allowing a percentage when percent.
func (t *table) relLength(key string, percent bool) (Length, bool) {
	v, ok := t.get(key)
	if !ok {
		return Length{}, false
	}
	l, err := parseLength(v, percent)
	if err != nil {
		t.errorf(key, `write a number of points or a string such as "12mm" or "9pt"`, "%s: %v", t.name(key), err)
		return Length{}, false
	}
	return l, true
}

// sub reads an optional table.
func (t *table) sub(key string) *table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.errorf(key, "", "%s must be a table, not %s", t.name(key), typeName(v))
		return nil
	}
	return &table{d: t.d, src: t.src, path: join(t.path, key), m: m}
}

// tables reads an optional array of tables.
func (t *table) tables(key string) []*table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	var list []map[string]any
	switch a := v.(type) {
	case []map[string]any:
		list = a
	case []any:
		for i, e := range a {
			m, isMap := e.(map[string]any)
			if !isMap {
				t.errorf(join(key, strconv.Itoa(i)), "", "%s must hold tables, not %s", t.name(key), typeName(e))
				return nil
			}
			list = append(list, m)
		}
	default:
		t.errorf(key, "write [["+join(t.path, key)+"]] tables", "%s must be an array of tables, not %s", t.name(key), typeName(v))
		return nil
	}
	out := make([]*table, len(list))
	for i, m := range list {
		out[i] = &table{d: t.d, src: t.src, path: join(join(t.path, key), strconv.Itoa(i)), m: m}
	}
	return out
}

// strings reads an optional array of strings.
func (t *table) strings(key string) []string {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	a, isArr := v.([]any)
	if !isArr {
		t.errorf(key, "", "%s must be an array of strings, not %s", t.name(key), typeName(v))
		return nil
	}
	out := make([]string, 0, len(a))
	for i, e := range a {
		s, isStr := e.(string)
		if !isStr {
			t.errorf(join(key, strconv.Itoa(i)), "", "%s must hold strings, not %s", t.name(key), typeName(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// ints reads an optional array of integers.
func (t *table) ints(key string) []int {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	a, isArr := v.([]any)
	if !isArr {
		t.errorf(key, "", "%s must be an array of integers, not %s", t.name(key), typeName(v))
		return nil
	}
	out := make([]int, 0, len(a))
	for i, e := range a {
		n, isInt := e.(int64)
		if !isInt {
			t.errorf(join(key, strconv.Itoa(i)), "", "%s must hold integers, not %s", t.name(key), typeName(e))
			continue
		}
		out = append(out, int(n))
	}
	return out
}

// done reports every key of t that was never read.
func (t *table) done() {
	if t.d.read != nil {
		t.d.read[t.path] = append(t.d.read[t.path], t.asked...)
	}
	var unknown []string
	for k := range t.m {
		if !contains(t.asked, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Slice(unknown, func(i, j int) bool {
		pi, pj := t.posOf(unknown[i]), t.posOf(unknown[j])
		if pi.Line != pj.Line {
			return pi.Line < pj.Line
		}
		return unknown[i] < unknown[j]
	})
	for _, k := range unknown {
		hint := ""
		if n := nearest(k, t.asked); n != "" {
			hint = "did you mean `" + n + "`?"
		} else if len(t.asked) > 0 {
			hint = "known keys here: " + strings.Join(dedupe(t.asked), ", ")
		}
		t.errorf(k, hint, "unknown key %s", t.name(k))
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func dedupe(list []string) []string {
	var out []string
	for _, s := range list {
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// parseLength converts a TOML value to a length in points.
func parseLength(v any, percent bool) (Length, error) {
	switch n := v.(type) {
	case int64:
		return checkLength(Length{Value: float64(n)})
	case float64:
		return checkLength(Length{Value: n})
	case string:
		s := strings.TrimSpace(n)
		units := []struct {
			suffix string
			pt     float64
		}{{"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}, {"pt", 1}, {"%", 0}}
		for _, u := range units {
			if !strings.HasSuffix(s, u.suffix) {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), 64)
			if err != nil {
				return Length{}, fmt.Errorf("%q is not a length", n)
			}
			if u.suffix == "%" {
				if !percent {
					return Length{}, fmt.Errorf("a percentage is not allowed here")
				}
				if f <= 0 || f > 100 {
					return Length{}, fmt.Errorf("%q must be between 0%% and 100%%", n)
				}
				return Length{Value: f, Percent: true}, nil
			}
			return checkLength(Length{Value: f * u.pt})
		}
		return Length{}, fmt.Errorf("%q has no unit (mm, cm, in, pt)", n)
	}
	return Length{}, fmt.Errorf("a length must be a number or a string, not %s", typeName(v))
}

func checkLength(l Length) (Length, error) {
	if math.IsNaN(l.Value) || math.IsInf(l.Value, 0) || l.Value < 0 || l.Value > 14400 {
		return Length{}, fmt.Errorf("length %g pt is out of range (0 to 200 in)", l.Value)
	}
	return l, nil
}
