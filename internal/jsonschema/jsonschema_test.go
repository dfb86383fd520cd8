package jsonschema

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		value  any
		want   []string // the errors, as "path: message" prefixes; none for a valid value
	}{
		{"type string", `{"type": "string"}`, "a", nil},
		{"type string, not integer", `{"type": "string"}`, int64(1), []string{"an integer is not string"}},
		{"type list", `{"type": ["number", "string"]}`, 9.5, nil},
		{"integer accepts int", `{"type": "integer"}`, 3, nil},
		{"integer refuses a float", `{"type": "integer"}`, 3.0, []string{"a float is not integer"}},
		{"number accepts an integer", `{"type": "number"}`, int64(3), nil},
		{"boolean", `{"type": "boolean"}`, "true", []string{"a string is not boolean"}},
		{"date-time is a string", `{"type": "string", "pattern": "^[0-9]{4}-"}`, time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), nil},
		{"enum", `{"enum": ["left", "right"]}`, "left", nil},
		{"enum miss", `{"enum": ["left", "right"]}`, "centre", []string{`"centre" is not one of "left", "right"`}},
		{"enum number", `{"enum": [1, 2]}`, int64(2), nil},
		{"const", `{"const": 1}`, int64(1), nil},
		{"const miss", `{"const": 1}`, int64(2), []string{"2 is not 1"}},
		{"pattern", `{"type": "string", "pattern": "^[0-9.]+(mm|pt)$"}`, "3mm", nil},
		{"pattern miss", `{"type": "string", "pattern": "^[0-9.]+(mm|pt)$"}`, "3 furlongs", []string{`"3 furlongs" does not match`}},
		{"pattern ignores numbers", `{"type": ["number", "string"], "pattern": "mm$"}`, int64(3), nil},
		{"minimum and maximum", `{"minimum": 0, "maximum": 100}`, int64(101), []string{"101 is more than 100"}},
		{"minimum", `{"minimum": 1}`, 0.5, []string{"0.5 is less than 1"}},
		{"properties", `{"type": "object", "properties": {"a": {"type": "string"}}}`,
			map[string]any{"a": int64(1), "b": true}, []string{"a: an integer is not string"}},
		{"required", `{"type": "object", "required": ["duetto"]}`, map[string]any{}, []string{`"duetto" is required`}},
		{"additionalProperties false", `{"type": "object", "properties": {"top": {}}, "additionalProperties": false}`,
			map[string]any{"top": int64(1), "tpo": int64(2)}, []string{"tpo: unknown key (known keys: top)"}},
		{"additionalProperties schema", `{"type": "object", "additionalProperties": {"type": "object", "properties": {"cmyk": {"type": "array"}}}}`,
			map[string]any{"blue": map[string]any{"cmyk": "x"}}, []string{"blue.cmyk: a string is not array"}},
		{"items", `{"type": "array", "items": {"type": "integer"}}`, []any{int64(1), "2"}, []string{"[1]: a string is not integer"}},
		{"array of tables", `{"type": "array", "items": {"type": "object", "required": ["id"]}}`,
			[]map[string]any{{"id": "a"}, {}}, []string{`[1]: "id" is required`}},
		{"minItems maxItems", `{"type": "array", "minItems": 2, "maxItems": 2}`, []any{int64(1)}, []string{"1 items, fewer than 2"}},
		{"maxItems", `{"type": "array", "maxItems": 1}`, []any{int64(1), int64(2)}, []string{"2 items, more than 1"}},
		{"ref and defs", `{"$defs": {"len": {"type": ["number", "string"]}}, "type": "object", "properties": {"gutter": {"$ref": "#/$defs/len"}}}`,
			map[string]any{"gutter": true}, []string{"gutter: a boolean is not number or string"}},
		{"ref to a ref", `{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"type": "string"}}, "$ref": "#/$defs/a"}`, int64(1), []string{"an integer is not string"}},
		{"anyOf", `{"anyOf": [{"type": "integer", "minimum": 1}, {"enum": ["new-page"]}]}`, "new-page", nil},
		{"anyOf miss shows the closest form", `{"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": ["new-page"]}]}`, int64(0),
			[]string{"matches none of the 2 allowed forms", "0 is less than 1"}},
		{"oneOf", `{"oneOf": [{"required": ["it", "en"]}, {"required": ["shared"]}]}`, map[string]any{"shared": "x"}, nil},
		{"oneOf two", `{"oneOf": [{"required": ["it"]}, {"required": ["en"]}]}`, map[string]any{"it": "a", "en": "b"},
			[]string{"matches 2 of the allowed forms, want exactly one"}},
		{"true schema", `true`, "anything", nil},
		{"false schema", `false`, "anything", []string{"no value is allowed here"}},
		{"nested path", `{"properties": {"section": {"items": {"properties": {"block": {"items": {"properties": {"type": {"enum": ["figure"]}}}}}}}}}`,
			map[string]any{"section": []map[string]any{{"block": []map[string]any{{"type": "figura"}}}}},
			[]string{`section[0].block[0].type: "figura" is not one of "figure"`}},
		{"annotations are accepted", `{"$schema": "http://json-schema.org/draft-07/schema#", "title": "t", "description": "d", "default": 1, "format": "date-time", "$comment": "c"}`, int64(1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.schema))
			if err != nil {
				t.Fatal(err)
			}
			errs := s.Validate(tt.value)
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors %v, want %d %q", len(errs), errs, len(tt.want), tt.want)
			}
			for i, e := range errs {
				if !strings.HasPrefix(e.Error(), tt.want[i]) {
					t.Errorf("error %d is %q, want %q", i, e.Error(), tt.want[i])
				}
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name, schema, want string
	}{
		{"unknown keyword", `{"type": "object", "patternProperties": {}}`, "patternProperties"},
		{"unknown keyword deep down", `{"properties": {"a": {"minLength": 1}}}`, "minLength"},
		{"unknown type", `{"type": "text"}`, `unknown type "text"`},
		{"bad pattern", `{"pattern": "("}`, "pattern"},
		{"dangling ref", `{"$ref": "#/$defs/nope"}`, "no such definition"},
		{"remote ref", `{"$ref": "other.json#/$defs/a"}`, "only"},
		{"not JSON", `{"type": `, "schema at #"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.schema))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse: %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}

func TestDeref(t *testing.T) {
	s, err := Parse([]byte(`{"$defs": {"a": {"type": "string", "description": "A"}}, "properties": {"x": {"$ref": "#/$defs/a"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if d := s.Properties["x"].Deref(); d == nil || d.Description != "A" {
		t.Errorf("Deref = %+v, want the definition", d)
	}
	if s.Deref() != s {
		t.Error("Deref of a schema without $ref is not itself")
	}
}
