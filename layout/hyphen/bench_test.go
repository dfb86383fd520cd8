package hyphen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// brochureTokens returns the tokens of running text of the examples'
// sections by language ("it", "en"): the TOML files read as text, each
// string after an `it =` or `en =` key split at white space, as the
// layout splits a paragraph into words.
func brochureTokens(t testing.TB) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("../../examples/*/sections/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../../examples/*/duetto.toml")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no example sections in ../../examples")
	}
	out := map[string][]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		for {
			i := strings.Index(text, ` = "`)
			if i < 2 {
				if i < 0 {
					break
				}
				text = text[i+4:]
				continue
			}
			lang := text[i-2 : i]
			text = text[i+3:]
			end := `"`
			if strings.HasPrefix(text, `"""`) {
				end, text = `"""`, text[3:]
			} else {
				text = text[1:]
			}
			j := strings.Index(text, end)
			if j < 0 {
				break
			}
			if lang == "it" || lang == "en" {
				out[lang] = append(out[lang], strings.Fields(text[:j])...)
			}
			text = text[j+len(end):]
		}
	}
	if len(out["it"]) < 1000 || len(out["en"]) < 1000 {
		t.Fatalf("only %d Italian and %d English tokens in the examples", len(out["it"]), len(out["en"]))
	}
	return out
}

// BenchmarkNew makes the hyphenator of each language: the pattern file
// read into its table and the file's exceptions added, as at every start
// of the duetto command.
func BenchmarkNew(b *testing.B) {
	for _, lang := range []string{"it", "en", "en-us"} {
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				if _, err := New(lang); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBreaksCold hyphenates the running text of the examples, every
// token in order, as a layout does, with a hyphenator that remembers
// nothing at first: each distinct token is hyphenated once, the repeats
// come from what it remembers.
func BenchmarkBreaksCold(b *testing.B) {
	toks := brochureTokens(b)
	for _, lang := range []string{"it", "en"} {
		b.Run(lang, func(b *testing.B) {
			h := mustNew(b, lang)
			distinct := map[string]bool{}
			for _, w := range toks[lang] {
				distinct[w] = true
			}
			b.ReportMetric(float64(len(distinct)), "tokens")
			for b.Loop() {
				h.mu.Lock()
				h.cache = nil
				h.mu.Unlock()
				for _, w := range toks[lang] {
					h.Breaks(w)
				}
			}
		})
	}
}
