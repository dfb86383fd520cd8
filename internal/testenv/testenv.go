// Package testenv gives tests access to the external PDF tools
// (poppler-utils, qpdf) the end-to-end tests read PDFs with.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Tool returns the path of an external tool. A missing tool fails the test
// with the way to install it, unless DUETTO_SKIP_EXTERNAL=1 is set: then
// the test is skipped.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("DUETTO_SKIP_EXTERNAL") == "1" {
			t.Skipf("%s not installed (DUETTO_SKIP_EXTERNAL=1)", name)
		}
		t.Fatalf("%s not found: install poppler-utils and qpdf (make tools), or set DUETTO_SKIP_EXTERNAL=1", name)
	}
	return p
}
