package content

import (
	"errors"
	"testing"
)

// FuzzLoad feeds arbitrary section files to the loader: it must return a
// publication or an ErrorList, never panic.
func FuzzLoad(f *testing.F) {
	f.Add(validSection)
	f.Add("[[section]]\nid = \"x\"\nstart = 3\n[[section.block]]\nit = \"a\"\nen = \"b\"\n")
	f.Add("[[section]]\n[[section.block]]\ntype = \"quote\"\nlead = { it = \"a\", en = \"b\" }\n[[section.block.item]]\nlabel = \"a)\"\nshared = \"x\"\n")
	f.Add("[[section]]\nheading = { it = \"[x]{.em\", en = \"y\" }\n")
	f.Add("a = [1, [2, {b = 3}]]\n[[section]]\n'q k' = \"\"\"\nmulti\n\"\"\"\n")
	f.Fuzz(func(t *testing.T, section string) {
		pub, err := Load(testFS(map[string]string{"duetto.toml": validRoot, "sections/01.toml": section}), "duetto.toml")
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not an ErrorList: %v", err)
			}
			for _, e := range list {
				if e.Pos.File == "" || e.Pos.Line < 1 {
					t.Fatalf("error without a position: %v", e)
				}
			}
			return
		}
		if pub == nil {
			t.Fatal("no publication and no error")
		}
	})
}
