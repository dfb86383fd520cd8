package main

import (
	"bytes"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/internal/testenv"
)

// The second example, a square leaflet in Liberation Serif, builds (and
// so passes preflight, with no warning) into 8 pages that hold its text.
func TestBuildGlassMuseumLeaflet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "vetreria.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", filepath.Join("..", "..", "examples", "vetreria"), "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("duetto build exited %d: %s", code, stderr.String())
	}
	if want := out + ": 8 pages"; !strings.Contains(stdout.String(), want) {
		t.Errorf("build printed %q, want %q", stdout.String(), want)
	}
	// No warning: the placeholders are CMYK JPEGs, so the leaflet is
	// PDF/X-1a too.
	for _, line := range strings.Split(stdout.String()+stderr.String(), "\n") {
		if strings.Contains(line, "warning") {
			t.Errorf("preflight warning: %s", line)
		}
	}
	info, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-box", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	// 210 mm square is 595.28 pt.
	m := regexp.MustCompile(`TrimBox:\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)`).FindStringSubmatch(string(info))
	if m == nil {
		t.Fatalf("pdfinfo -box shows no TrimBox:\n%s", info)
	}
	var box [4]float64
	for i := range box {
		box[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	if w, h := box[2]-box[0], box[3]-box[1]; math.Abs(w-595.28) > 0.1 || math.Abs(h-595.28) > 0.1 {
		t.Errorf("trim %.2f × %.2f pt, want 210 mm square (595.28 pt)", w, h)
	}
	fonts, err := exec.Command(testenv.Tool(t, "pdffonts"), out).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, face := range []string{"+LiberationSerif ", "+LiberationSerif-Bold ", "+LiberationSerif-Italic ", "+LiberationSerif-BoldItalic "} {
		if !strings.Contains(string(fonts), face) {
			t.Errorf("pdffonts lacks %s:\n%s", face, fonts)
		}
	}
	text, err := exec.Command(testenv.Tool(t, "pdftotext"), "-raw", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Benvenuti alla Fornace", "Welcome to the Fornace", "The Glass Museum", "Two hundred years of fire, sand and breath."} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}
