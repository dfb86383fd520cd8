package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/duetto-press/duetto/internal/testenv"
)

// typoqual is the shared measuring tool, beside the repository.
const typoqual = "../../../shared/tools/typoqual.py"

// TestBrochureQualityDoesNotRegress measures the default brochure with
// typoqual and fails when a figure is worse than the targets of the
// typography issue: loose ≤ 0.5 %, max_gap ≤ 2.0x, max_hyph_run ≤ 2,
// bad_breaks 0, not_flush 0 %, overfull 0, widows+orphans 0, pairs_level
// 100 %, and no photo under 300 ppi. This version meets all of them
// (loose 0.0 %, max_gap 1.56x).
func TestBrochureQualityDoesNotRegress(t *testing.T) {
	if _, err := os.Stat(typoqual); err != nil {
		// The measuring tool lives beside the repository, not in it; a
		// clone without it still checks the same targets on the display
		// list (layout's TestBrochureReport and TestBrochurePairsStartLevel).
		if os.Getenv("DUETTO_REQUIRE_TYPOQUAL") == "1" {
			t.Fatalf("typoqual not found at %s (the shared tools folder beside the repository)", typoqual)
		}
		t.Skipf("typoqual not found at %s; set DUETTO_REQUIRE_TYPOQUAL=1 to make this an error", typoqual)
	}
	testenv.Tool(t, "pdftotext")
	python := testenv.Tool(t, "python3")
	out := filepath.Join(t.TempDir(), "turin.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: %s", stderr.String())
	}
	report, err := exec.Command(python, typoqual, out).Output()
	if err != nil {
		t.Fatalf("typoqual: %v", err)
	}
	summary := regexp.MustCompile(`(?m)^SUMMARY .*$`).Find(report)
	t.Logf("%s", summary)
	figure := func(name string) float64 {
		m := regexp.MustCompile(name + `=([0-9.]+)`).FindSubmatch(summary)
		if m == nil {
			t.Fatalf("no %s in %s", name, summary)
		}
		v, _ := strconv.ParseFloat(string(m[1]), 64)
		return v
	}
	ratchets := []struct {
		name  string
		limit float64
		lower bool // lower is better
	}{
		{"loose", 0.5, true},
		{"max_gap", 2.0, true},
		{"max_hyph_run", 2, true},
		{"bad_breaks", 0, true},
		{"not_flush", 0, true},
		{"overfull", 0, true},
		{"widows\\+orphans", 0, true},
		{"pairs_level", 100, false},
		{"low_ppi_images", 0, true},
	}
	for _, r := range ratchets {
		v := figure(r.name)
		if r.lower && v > r.limit || !r.lower && v < r.limit {
			t.Errorf("%s = %v, worse than %v", r.name, v, r.limit)
		}
	}
	for _, flag := range []string{"fonts_embedded=yes", "subset=yes", "boxes=yes"} {
		if !bytes.Contains(summary, []byte(flag)) {
			t.Errorf("summary lacks %s", flag)
		}
	}
}
