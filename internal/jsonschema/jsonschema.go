// Package jsonschema validates decoded TOML (or JSON) documents against
// the subset of JSON Schema that duetto's schemas use:
//
//   - type (a name or a list of names), enum, const;
//   - properties, required, additionalProperties (true, false or a
//     schema);
//   - items, minItems, maxItems;
//   - minimum, maximum, pattern (RE2 syntax, unanchored as in JSON Schema);
//   - anyOf, oneOf;
//   - $ref to "#" or "#/$defs/NAME", and $defs.
//
// Annotations ($schema, $id, $comment, title, description,
// markdownDescription, default, examples, format) are accepted and not
// checked. Any other keyword is a parse error, so that a schema never
// relies on a rule this package would silently skip.
//
// Values are what github.com/BurntSushi/toml or encoding/json decode into
// an any: map[string]any, []any or []map[string]any, string, bool,
// int64 (or int), float64 and time.Time. A TOML date-time is a string for
// the schema (as editors that convert TOML to JSON see it), written in
// RFC 3339. "integer" is a TOML integer only: 1.0 is a float.
package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Schema is a parsed JSON Schema, or a subschema of one.
type Schema struct {
	// Always is set for the boolean schemas true and false: true
	// accepts every value and false none; the other fields are then
	// empty.
	Always *bool

	Type                 []string
	Enum                 []any
	Const                any
	HasConst             bool
	Properties           map[string]*Schema
	Required             []string
	AdditionalProperties *Schema
	Items                *Schema
	MinItems, MaxItems   *int
	Minimum, Maximum     *float64
	Pattern              *regexp.Regexp
	AnyOf, OneOf         []*Schema
	Ref                  string
	Defs                 map[string]*Schema
	Description          string

	root *Schema // the document this schema belongs to, for $ref
}

// raw is the JSON form of a schema object.
type raw struct {
	Schema               string                     `json:"$schema"`
	ID                   string                     `json:"$id"`
	Comment              string                     `json:"$comment"`
	Title                string                     `json:"title"`
	Description          string                     `json:"description"`
	MarkdownDescription  string                     `json:"markdownDescription"`
	Default              any                        `json:"default"`
	Examples             []any                      `json:"examples"`
	Format               string                     `json:"format"`
	Type                 json.RawMessage            `json:"type"`
	Enum                 []any                      `json:"enum"`
	Const                json.RawMessage            `json:"const"`
	Properties           map[string]json.RawMessage `json:"properties"`
	Required             []string                   `json:"required"`
	AdditionalProperties json.RawMessage            `json:"additionalProperties"`
	Items                json.RawMessage            `json:"items"`
	MinItems             *int                       `json:"minItems"`
	MaxItems             *int                       `json:"maxItems"`
	Minimum              *float64                   `json:"minimum"`
	Maximum              *float64                   `json:"maximum"`
	Pattern              *string                    `json:"pattern"`
	AnyOf                []json.RawMessage          `json:"anyOf"`
	OneOf                []json.RawMessage          `json:"oneOf"`
	Ref                  string                     `json:"$ref"`
	Defs                 map[string]json.RawMessage `json:"$defs"`
}

var typeNames = map[string]bool{"object": true, "array": true, "string": true, "integer": true, "number": true, "boolean": true, "null": true}

// Parse reads a schema document and checks that it uses only the
// keywords this package knows and that every $ref resolves.
func Parse(data []byte) (*Schema, error) {
	s, err := parse(data, "#")
	if err != nil {
		return nil, err
	}
	var refs []string
	s.walk(func(sub *Schema) {
		sub.root = s
		if sub.Ref != "" {
			refs = append(refs, sub.Ref)
		}
	})
	for _, r := range refs {
		if _, err := s.resolve(r); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func parse(data []byte, at string) (*Schema, error) {
	data = bytes.TrimSpace(data)
	switch string(data) {
	case "true", "false":
		b := string(data) == "true"
		return &Schema{Always: &b}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r raw
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("schema at %s: %w", at, err)
	}
	s := &Schema{Enum: r.Enum, Required: r.Required, MinItems: r.MinItems, MaxItems: r.MaxItems,
		Minimum: r.Minimum, Maximum: r.Maximum, Ref: r.Ref, Description: r.Description}
	if len(r.Type) > 0 {
		var one string
		if err := json.Unmarshal(r.Type, &one); err == nil {
			s.Type = []string{one}
		} else if err := json.Unmarshal(r.Type, &s.Type); err != nil {
			return nil, fmt.Errorf("schema at %s: type must be a name or a list of names", at)
		}
		for _, t := range s.Type {
			if !typeNames[t] {
				return nil, fmt.Errorf("schema at %s: unknown type %q", at, t)
			}
		}
	}
	if len(r.Const) > 0 {
		if err := json.Unmarshal(r.Const, &s.Const); err != nil {
			return nil, fmt.Errorf("schema at %s: const: %w", at, err)
		}
		s.HasConst = true
	}
	if r.Pattern != nil {
		re, err := regexp.Compile(*r.Pattern)
		if err != nil {
			return nil, fmt.Errorf("schema at %s: pattern: %w", at, err)
		}
		s.Pattern = re
	}
	var err error
	sub := func(data json.RawMessage, where string) *Schema {
		if err != nil || len(data) == 0 {
			return nil
		}
		var child *Schema
		child, err = parse(data, at+"/"+where)
		return child
	}
	subMap := func(m map[string]json.RawMessage, where string) map[string]*Schema {
		if m == nil {
			return nil
		}
		out := make(map[string]*Schema, len(m))
		for k, v := range m {
			out[k] = sub(v, where+"/"+k)
		}
		return out
	}
	subList := func(l []json.RawMessage, where string) []*Schema {
		var out []*Schema
		for i, v := range l {
			out = append(out, sub(v, where+"/"+strconv.Itoa(i)))
		}
		return out
	}
	s.Properties = subMap(r.Properties, "properties")
	s.Defs = subMap(r.Defs, "$defs")
	s.AdditionalProperties = sub(r.AdditionalProperties, "additionalProperties")
	s.Items = sub(r.Items, "items")
	s.AnyOf = subList(r.AnyOf, "anyOf")
	s.OneOf = subList(r.OneOf, "oneOf")
	if err != nil {
		return nil, err
	}
	return s, nil
}

// walk calls f on s and every subschema under it.
func (s *Schema) walk(f func(*Schema)) {
	if s == nil {
		return
	}
	f(s)
	for _, m := range []map[string]*Schema{s.Properties, s.Defs} {
		for _, k := range sortedKeys(m) {
			m[k].walk(f)
		}
	}
	s.AdditionalProperties.walk(f)
	s.Items.walk(f)
	for _, l := range [][]*Schema{s.AnyOf, s.OneOf} {
		for _, c := range l {
			c.walk(f)
		}
	}
}

// resolve returns the schema a $ref names.
func (s *Schema) resolve(ref string) (*Schema, error) {
	root := s
	if s.root != nil {
		root = s.root
	}
	if ref == "#" {
		return root, nil
	}
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok || strings.Contains(name, "/") {
		return nil, fmt.Errorf("$ref %q: only \"#\" and \"#/$defs/NAME\" are supported", ref)
	}
	d, ok := root.Defs[name]
	if !ok {
		return nil, fmt.Errorf("$ref %q: no such definition", ref)
	}
	return d, nil
}

// Deref follows s's $ref, if it has one, to the schema it names.
func (s *Schema) Deref() *Schema {
	for i := 0; s != nil && s.Ref != "" && i < 32; i++ {
		d, err := s.resolve(s.Ref)
		if err != nil { // Parse checked every $ref
			return nil
		}
		s = d
	}
	return s
}

// An Error is one way a value breaks the schema.
type Error struct {
	Path string // where, as a TOML key path: "page.margins.top", "section[0].block[2]"
	Msg  string
}

func (e Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Validate checks v against s and returns every error found, in the
// order of the document's keys (sorted) and arrays.
func (s *Schema) Validate(v any) []Error {
	var errs []Error
	s.validate(v, "", &errs)
	return errs
}

func (s *Schema) validate(v any, path string, errs *[]Error) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, Error{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	if s.Always != nil {
		if !*s.Always {
			fail("no value is allowed here")
		}
		return
	}
	if s.Ref != "" {
		s.Deref().validate(v, path, errs)
		// In the drafts duetto's editors read, a $ref's siblings are
		// annotations only.
		return
	}
	v = normalize(v)
	if len(s.Type) > 0 && !hasType(v, s.Type) {
		fail("%s is not %s", kind(v), strings.Join(s.Type, " or "))
		return
	}
	if s.Enum != nil {
		found := false
		for _, e := range s.Enum {
			if equal(v, e) {
				found = true
				break
			}
		}
		if !found {
			fail("%s is not one of %s", show(v), showAll(s.Enum))
		}
	}
	if s.HasConst && !equal(v, s.Const) {
		fail("%s is not %s", show(v), show(s.Const))
	}
	switch x := v.(type) {
	case map[string]any:
		s.object(x, path, errs)
	case []any:
		if s.MinItems != nil && len(x) < *s.MinItems {
			fail("%d items, fewer than %d", len(x), *s.MinItems)
		}
		if s.MaxItems != nil && len(x) > *s.MaxItems {
			fail("%d items, more than %d", len(x), *s.MaxItems)
		}
		if s.Items != nil {
			for i, e := range x {
				s.Items.validate(e, path+"["+strconv.Itoa(i)+"]", errs)
			}
		}
	case string:
		if s.Pattern != nil && !s.Pattern.MatchString(x) {
			fail("%q does not match %s", x, s.Pattern)
		}
	case int64, float64:
		f := toFloat(x)
		if s.Minimum != nil && f < *s.Minimum {
			fail("%s is less than %g", show(x), *s.Minimum)
		}
		if s.Maximum != nil && f > *s.Maximum {
			fail("%s is more than %g", show(x), *s.Maximum)
		}
	}
	if len(s.AnyOf) > 0 {
		if n, best := matches(s.AnyOf, v, path); n == 0 {
			fail("matches none of the %d allowed forms", len(s.AnyOf))
			*errs = append(*errs, best...)
		}
	}
	if len(s.OneOf) > 0 {
		switch n, best := matches(s.OneOf, v, path); {
		case n == 0:
			fail("matches none of the %d allowed forms", len(s.OneOf))
			*errs = append(*errs, best...)
		case n > 1:
			fail("matches %d of the allowed forms, want exactly one", n)
		}
	}
}

// matches counts the alternatives v satisfies; when it satisfies none,
// best holds the errors of the alternative that came closest.
func matches(alts []*Schema, v any, path string) (n int, best []Error) {
	for _, a := range alts {
		var errs []Error
		a.validate(v, path, &errs)
		if len(errs) == 0 {
			n++
		} else if best == nil || len(errs) < len(best) {
			best = errs
		}
	}
	return n, best
}

func (s *Schema) object(m map[string]any, path string, errs *[]Error) {
	for _, r := range s.Required {
		if _, ok := m[r]; !ok {
			*errs = append(*errs, Error{Path: path, Msg: fmt.Sprintf("%s is required", strconv.Quote(r))})
		}
	}
	for _, k := range sortedKeys(m) {
		kp := k
		if path != "" {
			kp = path + "." + k
		}
		if p, ok := s.Properties[k]; ok {
			p.validate(m[k], kp, errs)
			continue
		}
		if s.AdditionalProperties != nil {
			if a := s.AdditionalProperties; a.Always != nil && !*a.Always {
				*errs = append(*errs, Error{Path: kp, Msg: "unknown key" + s.knownKeys()})
				continue
			}
			s.AdditionalProperties.validate(m[k], kp, errs)
		}
	}
}

// knownKeys lists the properties s allows, for an unknown key's message.
func (s *Schema) knownKeys() string {
	if len(s.Properties) == 0 {
		return ""
	}
	return " (known keys: " + strings.Join(sortedKeys(s.Properties), ", ") + ")"
}

// normalize turns the TOML decoder's types into the JSON ones the checks
// use: []map[string]any becomes []any, int becomes int64, a date-time a
// string.
func normalize(v any) any {
	switch x := v.(type) {
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out
	case int:
		return int64(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	}
	return v
}

func hasType(v any, types []string) bool {
	for _, t := range types {
		switch t {
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "integer":
			if _, ok := v.(int64); ok {
				return true
			}
		case "number":
			switch v.(type) {
			case int64, float64:
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		}
	}
	return false
}

// kind names v's type for messages.
func kind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a table"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case nil:
		return "null"
	}
	return fmt.Sprintf("a %T", v)
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}

// equal compares a document value with a schema's (JSON) value: numbers
// by value, strings and booleans exactly.
func equal(v, schema any) bool {
	v, schema = normalize(v), normalize(schema)
	switch x := v.(type) {
	case int64, float64:
		switch schema.(type) {
		case int64, float64:
			return toFloat(x) == toFloat(schema)
		}
		return false
	case string, bool, nil:
		return v == schema
	}
	return false
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}

func showAll(vs []any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = show(v)
	}
	return strings.Join(parts, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
