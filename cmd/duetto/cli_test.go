package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docs/cli.md is what gendocs writes from today's command tree.
func TestCLIReferenceIsUpToDate(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gendocs"}, &stdout, &stderr); code != 0 {
		t.Fatalf("gendocs exited %d: %s", code, stderr.String())
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(cliDocPath)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, stdout.Bytes()) {
		t.Errorf("%s is out of date: run `go run ./cmd/duetto gendocs -o %s` (or make docs)", cliDocPath, cliDocPath)
	}
	for _, want := range []string{"## duetto build", "## duetto completion bash", "| `--lang string` | `bilingual` |", "## duetto watch"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the reference lacks %q", want)
		}
	}
	if strings.Contains(stdout.String(), "gendocs") && !strings.Contains(stdout.String(), "go run ./cmd/duetto gendocs") {
		t.Errorf("the hidden gendocs command is documented as a command")
	}
}

func TestGendocsWritesAFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cli.md")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gendocs", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("gendocs exited %d: %s", code, stderr.String())
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("# duetto command-line reference")) {
		t.Errorf("gendocs -o wrote %q, %v", b, err)
	}
	stdout.Reset()
	if code := run([]string{"--help"}, &stdout, io.Discard); code != 0 || strings.Contains(stdout.String(), "gendocs") {
		t.Errorf("--help shows the hidden gendocs command:\n%s", stdout.String())
	}
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // prefixes of lines the output must hold
		not  []string
	}{
		{"bash script", []string{"completion", "bash"}, []string{"# bash completion V2 for duetto"}, nil},
		{"zsh script", []string{"completion", "zsh"}, []string{"#compdef duetto"}, nil},
		{"fish script", []string{"completion", "fish"}, []string{"complete -c duetto"}, nil},
		{"commands", []string{"__complete", ""}, []string{"build\tBuild a publication's PDF", "completion"}, []string{"gendocs"}},
		{"build editions", []string{"__complete", "build", "--lang", ""}, []string{"bilingual", "it", "en", "all", ":4"}, nil},
		{"check editions", []string{"__complete", "check", "--lang", ""}, []string{"bilingual", ":4"}, []string{"all"}},
		{"build takes a TOML file or a folder", []string{"__complete", "build", ""}, []string{"toml", ":8"}, nil},
		{"build takes one publication", []string{"__complete", "build", "a.toml", ""}, []string{":4"}, []string{"toml"}},
		{"watch takes a folder", []string{"__complete", "watch", ""}, []string{":16"}, nil},
		{"diff takes PDFs", []string{"__complete", "diff", "a.pdf", ""}, []string{"pdf", ":8"}, nil},
		{"output is a PDF", []string{"__complete", "build", "-o", ""}, []string{"pdf", ":8"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			lines := strings.Split(stdout.String(), "\n")
			has := func(s string) bool {
				for _, l := range lines {
					if strings.HasPrefix(l, s) {
						return true
					}
				}
				return false
			}
			for _, w := range tt.want {
				if !has(w) {
					t.Errorf("output lacks %q:\n%.600s", w, stdout.String())
				}
			}
			for _, w := range tt.not {
				if has(w) {
					t.Errorf("output has %q:\n%.600s", w, stdout.String())
				}
			}
		})
	}
}
