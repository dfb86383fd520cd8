package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A small publication on disk, to be broken in one place per case.
const badRoot = `duetto = 1
include = ["s.toml"]
[publication]
title = { it = "Prova", en = "Test" }
[page]
size = ["148mm", "210mm"]
[fonts.sans]
regular = "%FONT%"
[styles.body]
font = "sans"
size = 10
leading = 13
align = "justify"
[styles.caption]
font = "sans"
size = 8
[styles.folio]
font = "sans"
`

const badSection = `[[section]]
[[section.block]]
id = "p1"
it = "Testo"
en = "Text"
[[section.block]]
type = "figure"
id = "fig"
file = "%IMAGE%"
height = "40mm"
caption = { it = "Foto", en = "Photo" }
`

func pngBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	// 2000 px across a text area of about 110 mm: over 450 ppi.
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 2000, 1500))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBadInputs builds broken publications: each must exit 1 with a
// message naming the place to fix, and never panic.
func TestBadInputs(t *testing.T) {
	tests := []struct {
		name  string
		font  string            // regular face
		image string            // figure file
		files map[string][]byte // extra files
		want  []string          // substrings of stderr
	}{
		{name: "font file missing", font: "fonts/nope.ttf", image: "a.png",
			want: []string{"duetto.toml:8:1", "font", `"fonts/nope.ttf" not found`}},
		{name: "font is not a font", font: "fonts/bad.ttf", image: "a.png", files: map[string][]byte{"fonts/bad.ttf": []byte("this is text, not a font")},
			want: []string{"duetto.toml:8:1", "not a TrueType font"}},
		{name: "CFF OpenType font", font: "fonts/cff.otf", image: "a.png", files: map[string][]byte{"fonts/cff.otf": append([]byte("OTTO"), make([]byte, 64)...)},
			want: []string{"duetto.toml:8:1", "CFF", "TrueType (glyf)"}},
		{name: "unknown built-in font", font: "builtin:Helvetica", image: "a.png",
			want: []string{"duetto.toml:8:1", `no built-in font "Helvetica"`}},
		{name: "image missing", font: "builtin:LiberationSans-Regular", image: "nope.jpg",
			want: []string{"s.toml:6:1", `file "nope.jpg" not found`}},
		{name: "image empty", font: "builtin:LiberationSans-Regular", image: "empty.jpg", files: map[string][]byte{"empty.jpg": {}},
			want: []string{"s.toml:6:1", "empty.jpg", "empty"}},
		{name: "image truncated", font: "builtin:LiberationSans-Regular", image: "cut.png", files: map[string][]byte{"cut.png": nil},
			want: []string{"s.toml:6:1", "cut.png", "corrupt or truncated PNG"}},
		{name: "image not an image", font: "builtin:LiberationSans-Regular", image: "text.jpg", files: map[string][]byte{"text.jpg": []byte("hello")},
			want: []string{"s.toml:6:1", "text.jpg", "not a JPEG or PNG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string][]byte{
				"duetto.toml": []byte(strings.Replace(badRoot, "%FONT%", tt.font, 1)),
				"s.toml":      []byte(strings.Replace(badSection, "%IMAGE%", tt.image, 1)),
				"a.png":       pngBytes(t),
			}
			for k, v := range tt.files {
				if k == "cut.png" {
					v = pngBytes(t)[:60]
				}
				files[k] = v
			}
			for name, data := range files {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", dir, "-o", filepath.Join(dir, "out.pdf")}, &stdout, &stderr)
			if code != exitInput {
				t.Errorf("exit code %d, want %d; stderr: %s", code, exitInput, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "out.pdf")); err == nil {
				t.Error("a PDF was written despite the error")
			}
		})
	}
}

// TestGoodSmallPublicationBuilds checks the base of TestBadInputs is valid.
func TestGoodSmallPublicationBuilds(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"duetto.toml": []byte(strings.Replace(badRoot, "%FONT%", "builtin:LiberationSans-Regular", 1)),
		"s.toml":      []byte(strings.Replace(badSection, "%IMAGE%", "a.jpg", 1)), // a PNG named .jpg: the content decides
		"a.jpg":       pngBytes(t),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", dir, "-o", filepath.Join(dir, "out.pdf")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}

func TestBuildRefusesToOverwriteAnInput(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"duetto.toml": []byte(strings.Replace(badRoot, "%FONT%", "builtin:LiberationSans-Regular", 1)),
		"s.toml":      []byte(strings.Replace(badSection, "%IMAGE%", "a.png", 1)),
		"a.png":       pngBytes(t),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, target := range []string{"s.toml", "a.png"} {
		before, _ := os.ReadFile(filepath.Join(dir, target))
		var stdout, stderr bytes.Buffer
		code := run([]string{"build", dir, "-o", filepath.Join(dir, target)}, &stdout, &stderr)
		if code != exitInput || !strings.Contains(stderr.String(), "is an input of the publication") {
			t.Errorf("-o %s: exit %d, %q", target, code, stderr.String())
		}
		if after, _ := os.ReadFile(filepath.Join(dir, target)); !bytes.Equal(before, after) {
			t.Errorf("%s was changed", target)
		}
	}
}

// TestPreflightStopsALowResolutionBuild: 900 px across a frame about
// 110 mm wide print at ~210 ppi (a warning); 40 px at ~10 ppi: the build
// stops, names page and figure, and writes nothing.
func TestPreflightStopsALowResolutionBuild(t *testing.T) {
	for _, tt := range []struct {
		name       string
		w, h       int
		wantCode   int
		wantOutput string
	}{
		{"warning", 900, 700, 0, "warning: the photo has"},
		{"error", 40, 30, exitInput, "is not fit to print; nothing was written"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var img bytes.Buffer
			if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, tt.w, tt.h))); err != nil {
				t.Fatal(err)
			}
			for name, data := range map[string][]byte{
				"duetto.toml": []byte(strings.Replace(badRoot, "%FONT%", "builtin:LiberationSans-Regular", 1)),
				"s.toml":      []byte(strings.Replace(badSection, "%IMAGE%", "a.png", 1)),
				"a.png":       img.Bytes(),
			} {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, "out.pdf")
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", dir, "-o", out}, &stdout, &stderr)
			if code != tt.wantCode || !strings.Contains(stdout.String()+stderr.String(), tt.wantOutput) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout.String(), stderr.String(), tt.wantCode, tt.wantOutput)
			}
			if _, err := os.Stat(out); (err == nil) != (tt.wantCode == 0) {
				t.Errorf("PDF written: %v, want %v", err == nil, tt.wantCode == 0)
			}
			stdout.Reset()
			code = run([]string{"check", dir, "--json"}, &stdout, &stderr)
			if !strings.Contains(stdout.String(), `"check": "resolution"`) || (code == 0) != (tt.wantCode == 0) {
				t.Errorf("check --json: exit %d, %s", code, stdout.String())
			}
		})
	}
}
