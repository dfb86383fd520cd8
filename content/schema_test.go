package content

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/duetto-press/duetto/internal/jsonschema"
)

// The JSON Schemas editors use to check and complete duetto's TOML (taplo,
// Even Better TOML: a `#:schema PATH` comment on a file's first line).
const (
	rootSchemaFile    = "duetto.schema.json"
	sectionSchemaFile = "duetto-section.schema.json"
	// schemaURL is where a publication outside the repository (the one
	// `duetto init` writes) finds the root schema.
	schemaURL = "https://raw.githubusercontent.com/duetto-press/duetto/main/docs/"
)

var updateSchema = flag.Bool("update-schema", false, "rewrite docs/"+sectionSchemaFile+" from docs/"+rootSchemaFile)

// schemaPublications are the publications in the repository whose every
// TOML file must follow the schemas: allkeys uses every key the decoder
// reads, so that the schema can be compared with the decoder.
var schemaPublications = []string{
	"testdata/allkeys",
	"../examples/turin",
	"../examples/vetreria",
	templateDir,
}

// templateDir is the publication `duetto init` writes, which takes its
// photo from the Turin brochure when it writes it.
const templateDir = "../cmd/duetto/template"

// publicationFS is the publication in dir as duetto reads it.
func publicationFS(t *testing.T, dir string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if dir == templateDir {
		data, err := os.ReadFile("../examples/turin/images/cover.jpg")
		if err != nil {
			t.Fatal(err)
		}
		m["images/photo.jpg"] = &fstest.MapFile{Data: data}
	}
	return m
}

func readSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := jsonschema.Parse(data)
	if err != nil {
		t.Fatalf("docs/%s: %v", name, err)
	}
	return s
}

// forms is s with its $ref followed, and the alternatives of its oneOf
// and anyOf: every schema a value at s may have to follow.
func forms(s *jsonschema.Schema) []*jsonschema.Schema {
	s = s.Deref()
	if s == nil {
		return nil
	}
	out := []*jsonschema.Schema{s}
	for _, alt := range append(append([]*jsonschema.Schema{}, s.OneOf...), s.AnyOf...) {
		out = append(out, forms(alt)...)
	}
	return out
}

// describedTables maps the path of every table the schema describes
// ("page.margins", "styles.*", "section[].block[]") to the keys it
// names there.
func describedTables(root *jsonschema.Schema) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	var walk func(at string, nodes []*jsonschema.Schema, depth int)
	walk = func(at string, nodes []*jsonschema.Schema, depth int) {
		if depth > 12 {
			return
		}
		var all []*jsonschema.Schema
		for _, n := range nodes {
			all = append(all, forms(n)...)
		}
		children := map[string][]*jsonschema.Schema{}
		for _, f := range all {
			for k, p := range f.Properties {
				if out[at] == nil {
					out[at] = map[string]bool{}
				}
				out[at][k] = true
				children[join(at, k)] = append(children[join(at, k)], p)
			}
			if a := f.AdditionalProperties; a != nil && a.Always == nil {
				children[join(at, "*")] = append(children[join(at, "*")], a)
			}
			if f.Items != nil {
				children[at+"[]"] = append(children[at+"[]"], f.Items)
			}
		}
		for _, k := range sortedKeys(anyMap(children)) {
			walk(k, children[k], depth+1)
		}
	}
	walk("", []*jsonschema.Schema{root}, 0)
	return out
}

// schemaPathOf turns the path of a table as the decoder names it
// ("section.0.block.3", "styles.body") into the schema's
// ("section[].block[]", "styles.*").
func schemaPathOf(root *jsonschema.Schema, tablePath string) (string, bool) {
	if tablePath == "" {
		return "", true
	}
	at, nodes := "", []*jsonschema.Schema{root}
	for _, seg := range strings.Split(tablePath, ".") {
		var next []*jsonschema.Schema
		label := ""
		_, numeric := strconv.Atoi(seg)
		for _, n := range nodes {
			for _, f := range forms(n) {
				switch {
				case numeric == nil && f.Items != nil:
					next, label = append(next, f.Items), "[]"
				case f.Properties[seg] != nil:
					next, label = append(next, f.Properties[seg]), seg
				case f.AdditionalProperties != nil && f.AdditionalProperties.Always == nil:
					next, label = append(next, f.AdditionalProperties), "*"
				}
			}
		}
		if len(next) == 0 {
			return join(at, seg), false
		}
		if label == "[]" {
			at += label
		} else {
			at = join(at, label)
		}
		nodes = next
	}
	return at, true
}

// The schema describes exactly the keys the decoder reads, table by
// table. A key added to the decoder fails this test until it is added to
// docs/duetto.schema.json (and to testdata/allkeys, so the test sees it).
func TestSchemaDescribesWhatTheDecoderReads(t *testing.T) {
	root := readSchema(t, rootSchemaFile)
	d := &decoder{read: map[string][]string{}}
	for _, dir := range schemaPublications {
		if _, err := load(d, publicationFS(t, dir), RootName); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
	}
	read := map[string]map[string]bool{}
	for tablePath, keys := range d.read {
		at, ok := schemaPathOf(root, tablePath)
		if !ok {
			t.Errorf("the decoder reads table `%s`, but docs/%s does not describe `%s`: add it to the schema", tablePath, rootSchemaFile, at)
			continue
		}
		if read[at] == nil {
			read[at] = map[string]bool{}
		}
		for _, k := range keys {
			read[at][k] = true
		}
	}
	described := describedTables(root)
	for _, at := range sortedKeys(anyMap(read)) {
		for _, k := range sortedKeys(anyMap(read[at])) {
			if !described[at][k] {
				t.Errorf("the decoder reads `%s`, but docs/%s does not describe it: add it to the schema (and to docs/schema.md)", join(at, k), rootSchemaFile)
			}
		}
	}
	for _, at := range sortedKeys(anyMap(described)) {
		if read[at] == nil {
			t.Errorf("docs/%s describes table `%s`, which no publication of the test uses: add one to content/testdata/allkeys", rootSchemaFile, at)
			continue
		}
		for _, k := range sortedKeys(anyMap(described[at])) {
			if !read[at][k] {
				t.Errorf("docs/%s describes `%s`, which the decoder does not read (or content/testdata/allkeys does not use)", rootSchemaFile, join(at, k))
			}
		}
	}
}

// sectionSchema derives the schema of a section file from the root
// file's: the same definitions, and only [[section]] at the top.
func sectionSchema(rootData []byte) ([]byte, error) {
	var root map[string]json.RawMessage
	if err := json.Unmarshal(rootData, &root); err != nil {
		return nil, err
	}
	var props map[string]json.RawMessage
	if err := json.Unmarshal(root["properties"], &props); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`{"$schema":` + string(root["$schema"]))
	b.WriteString(`,"title":"duetto section file (a file the root file includes)"`)
	b.WriteString(`,"description":"A file named by the root file's include, holding [[section]]s. Generated from duetto.schema.json by content/schema_test.go (go test ./content -update-schema): do not edit."`)
	b.WriteString(`,"type":"object","properties":{"section":` + string(props["section"]) + `}`)
	b.WriteString(`,"additionalProperties":false,"$defs":` + string(root["$defs"]) + `}`)
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func TestSectionSchemaIsDerivedFromTheRootSchema(t *testing.T) {
	rootData, err := os.ReadFile(filepath.Join("..", "docs", rootSchemaFile))
	if err != nil {
		t.Fatal(err)
	}
	want, err := sectionSchema(rootData)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join("..", "docs", sectionSchemaFile)
	if *updateSchema {
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("docs/%s is out of date: run go test ./content -run Schema -update-schema", sectionSchemaFile)
	}
	if _, err := jsonschema.Parse(have); err != nil {
		t.Error(err)
	}
}

// decodeFile decodes one TOML file of fsys into a generic tree.
func decodeFile(t *testing.T, fsys fs.FS, name string) map[string]any {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if _, err := toml.Decode(string(data), &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// Every TOML file of the examples, the init template and the fixture
// follows its schema and names it on its first line.
func TestExamplesFollowTheSchema(t *testing.T) {
	schemas := map[string]*jsonschema.Schema{rootSchemaFile: readSchema(t, rootSchemaFile), sectionSchemaFile: readSchema(t, sectionSchemaFile)}
	for _, dir := range schemaPublications {
		fsys := publicationFS(t, dir)
		pub, err := Load(fsys, RootName)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, file := range pub.Files {
			t.Run(path.Join(dir, file), func(t *testing.T) {
				which := sectionSchemaFile
				if file == RootName {
					which = rootSchemaFile
				}
				for _, e := range schemas[which].Validate(decodeFile(t, fsys, file)) {
					t.Errorf("%s: %v", which, e)
				}
				data, _ := fs.ReadFile(fsys, file)
				first, _, _ := strings.Cut(string(data), "\n")
				ref, ok := strings.CutPrefix(first, "#:schema ")
				if !ok {
					t.Fatalf("the first line is %q, want #:schema and the path of docs/%s", first, which)
				}
				if strings.HasPrefix(ref, "https://") {
					if ref != schemaURL+which {
						t.Errorf("#:schema %s, want %s", ref, schemaURL+which)
					}
					return
				}
				local := filepath.Join(dir, filepath.FromSlash(path.Dir(file)), filepath.FromSlash(ref))
				if want := filepath.Join("..", "docs", which); filepath.Clean(local) != filepath.Clean(want) {
					t.Errorf("#:schema %s leads to %s, want %s", ref, local, want)
				}
			})
		}
	}
}

// The schema refuses what the decoder refuses, for the mistakes an
// editor should catch as they are typed.
func TestSchemaRefusesCommonMistakes(t *testing.T) {
	root := readSchema(t, rootSchemaFile)
	base := "duetto = 1\n[publication]\ntitle = { it = \"a\", en = \"b\" }\n[fonts.sans]\nregular = \"builtin:LiberationSans-Regular\"\n[styles.body]\nfont = \"sans\"\n"
	tests := []struct {
		name, toml, want string
		later            bool // refused by layout, not by the decoder
	}{
		{"valid", "", "", false},
		{"no version", strings.Replace(base, "duetto = 1\n", "", 1), `"duetto" is required`, false},
		{"unknown key", "[page]\nguter = \"8mm\"\n", "page.guter: unknown key", false},
		{"length without unit", "[page]\ngutter = \"8\"\n", "page.gutter", false},
		{"negative length", "[page]\ngutter = -3\n", "page.gutter: -3 is less than 0", false},
		{"bad enum", "[styles.heading]\nfont = \"sans\"\nalign = \"centre\"\n", `styles.heading.align: "centre" is not one of`, false},
		{"pair missing English", "[cover]\ntitle = { it = \"solo\" }\n", "cover.title: matches none", false},
		{"pair as a string", "[cover]\ntitle = \"Title\"\n", "cover.title: a string is not object", false},
		{"cmyk of three", "[colors]\nblue = { cmyk = [100, 60, 0] }\n", "colors.blue.cmyk: 3 items", false},
		{"misspelt builtin font", "[fonts.serif]\nregular = \"builtin:LiberationSerif-Regualr\"\n", "fonts.serif.regular: matches none", true},
		{"figure without file", "[[section]]\n[[section.block]]\ntype = \"figure\"\nheight = \"20mm\"\n", "section[0].block[0]: matches none", false},
		{"unknown block type", "[[section]]\n[[section.block]]\ntype = \"picture\"\n", "section[0].block[0]: matches none", false},
		{"start page zero", "[[section]]\nstart = 0\n", "section[0].start: matches none", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.toml
			if !strings.HasPrefix(doc, "duetto") && tt.name != "no version" {
				doc = base + doc
			}
			m := map[string]any{}
			if _, err := toml.Decode(doc, &m); err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, e := range root.Validate(m) {
				msgs = append(msgs, e.Error())
			}
			got := strings.Join(msgs, "\n")
			switch {
			case tt.want == "" && got != "":
				t.Errorf("the schema refuses a valid file:\n%s", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("schema errors:\n%s\nwant one containing %q", got, tt.want)
			}
			// The decoder refuses it too, or layout does.
			_, err := Load(mapFS(doc), RootName)
			if (err != nil) != (tt.want != "" && !tt.later) {
				t.Errorf("the decoder says %v; the schema %q", err, got)
			}
		})
	}
}

// mapFS is a publication made of one root file.
func mapFS(root string) fs.FS {
	return fstest.MapFS{RootName: {Data: []byte(root)}}
}
