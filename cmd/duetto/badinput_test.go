package main

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/internal/testenv"
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

// TestUnusualImagesBuild: images in every colour model and bit depth the
// writer embeds build into a PDF qpdf accepts, whatever their name says.
func TestUnusualImagesBuild(t *testing.T) {
	good := readArchive(t, filepath.Join("testdata", "good.txt"))
	qpdf := testenv.Tool(t, "qpdf")
	for _, tt := range []struct{ name, gen string }{
		{"grey PNG", "png 2000 1500"},
		{"16-bit grey PNG", "png 2000 1500 gray16"},
		{"PNG with alpha", "png 2000 1500 rgba"},
		{"paletted PNG", "png 2000 1500 paletted"},
		{"RGB JPEG named .png", "jpeg 2000 1500"},
		{"grey JPEG", "jpeg 2000 1500 gray"},
		// Go cannot write a CMYK JPEG: this one is Ghostscript's
		// (jpegcmyk), 300×200 px, with its ICC profile removed.
		{"CMYK JPEG", "file cmyk.jpg"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a := archive{names: []string{"a.png"}, files: map[string]string{"a.png": "@gen " + tt.gen + "\n"}}
			if strings.HasPrefix(tt.gen, "file") { // small: print it small
				a.names = append(a.names, "s.toml")
				a.files["s.toml"] = strings.Replace(good.files["s.toml"], `height = "40mm"`, "width = \"25%\"\nheight = \"15mm\"", 1)
			}
			writeArchiveFiles(t, dir, good, a)
			out := filepath.Join(dir, "out.pdf")
			var stdout, stderr bytes.Buffer
			if code := run([]string{"build", dir, "-o", out}, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if b, err := exec.Command(qpdf, "--check", out).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, b)
			}
		})
	}
}

// TestInternalErrorReport: a panic is reported as a bug to report, exit
// 3, with the stack trace only under --debug.
func TestInternalErrorReport(t *testing.T) {
	for _, debugMode := range []bool{false, true} {
		var stderr bytes.Buffer
		if code := reportInternal(&stderr, "index out of range", []byte("goroutine 1 [running]:"), debugMode); code != exitInternal {
			t.Errorf("exit %d, want %d", code, exitInternal)
		}
		got := stderr.String()
		if !strings.HasPrefix(got, "duetto: internal error: index out of range\nThis is a bug in duetto: please report it") {
			t.Errorf("report: %q", got)
		}
		if strings.Contains(got, "goroutine") != debugMode {
			t.Errorf("debug %v: stack trace shown: %v", debugMode, strings.Contains(got, "goroutine"))
		}
	}
	var stderr bytes.Buffer
	if code := run([]string{"build", "--debug", "--no-such-flag"}, io.Discard, &stderr); code != exitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, exitUsage)
	}
}

// TestOutputFolderNotWritable: /sys refuses new files, even to root.
func TestOutputFolderNotWritable(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses /sys")
	}
	good := readArchive(t, filepath.Join("testdata", "good.txt"))
	dir := t.TempDir()
	writeArchiveFiles(t, dir, good, archive{})
	var stderr bytes.Buffer
	code := run([]string{"build", dir, "-o", "/sys/duetto-test.pdf"}, io.Discard, &stderr)
	want := "duetto: cannot write /sys/duetto-test.pdf: folder /sys is not writable (permission denied)\n"
	if code != exitInput || stderr.String() != want {
		t.Errorf("exit %d, stderr %q; want exit %d, %q", code, stderr.String(), exitInput, want)
	}
}

// TestDetailQuotesTheSource: each line of a later error that starts with
// a position gets its source line and a caret; others are left alone.
func TestDetailQuotesTheSource(t *testing.T) {
	fsys := fstest.MapFS{"my sections/a.toml": {Data: []byte("[[section]]\r\n\tid = 5\r\n")}}
	err := sourceError{err: errors.New("my sections/a.toml:2:3: block x: boom\npage 1: no position\nmy sections/a.toml:9:1: past the end"), fsys: fsys}
	want := "my sections/a.toml:2:3: block x: boom\n     id = 5\n      ^\npage 1: no position\nmy sections/a.toml:9:1: past the end"
	if got := detail(err); got != want {
		t.Errorf("detail:\n%s\nwant:\n%s", got, want)
	}
	if got := detail(sourceError{err: errors.New("writing PDF: no"), fsys: fsys}); got != "duetto: writing PDF: no" {
		t.Errorf("detail without a position: %q", got)
	}
}
