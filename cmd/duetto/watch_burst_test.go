package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/duetto-press/duetto/examples"
)

// TestWatchSurvivesABurstOfSaves saves a section 100 times in 2 seconds,
// alternating two wordings, every third save by writing a temporary file
// and renaming it over the section (as many editors do). watch must keep
// running, and once the saves stop the PDF must be the one a clean build
// of the final source gives, byte for byte.
func TestWatchSurvivesABurstOfSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("a burst of saves takes a few seconds")
	}
	src := filepath.Join(t.TempDir(), "turin")
	if err := os.CopyFS(src, examples.Turin()); err != nil {
		t.Fatal(err)
	}
	section := filepath.Join(src, "sections", "03-cooperazione.toml")
	os.Chmod(section, 0o644)
	current, err := os.ReadFile(section)
	if err != nil {
		t.Fatal(err)
	}
	older, err := os.ReadFile("../../testdata/turin-older/03-cooperazione.toml")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- watch(ctx, buildSpec{source: src, lang: "bilingual"}, &stdout, &stderr, ready) }()
	<-ready
	pdf := filepath.Join(src, "turin.pdf")
	waitUntil(t, 30*time.Second, func() bool { _, err := os.Stat(pdf); return err == nil }, "the first build", &stdout, &stderr)

	const saves = 100
	for i := range saves {
		text := current
		if i%2 == 1 {
			text = older // the last save (i = 99) leaves the older wording
		}
		if i%3 == 0 {
			tmp := section + ".swp"
			if err := os.WriteFile(tmp, text, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, section); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(section, text, 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second / saves)
	}

	// A clean build of the final source, written outside the watched folder.
	clean := filepath.Join(t.TempDir(), "clean.pdf")
	var out, errOut bytes.Buffer
	if code := run([]string{"build", src, "-o", clean}, &out, &errOut); code != 0 {
		t.Fatalf("clean build: %s", errOut.String())
	}
	want, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	waitUntil(t, 30*time.Second, func() bool {
		got, err := os.ReadFile(pdf)
		return err == nil && bytes.Equal(got, want)
	}, "the watched PDF to match a clean build", &stdout, &stderr)
	select {
	case err := <-done:
		t.Fatalf("watch stopped during the burst: %v\nstderr:\n%s", err, stderr.String())
	default:
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("watch returned %v", err)
	}
}

// waitUntil polls ok until it holds or the timeout passes.
func waitUntil(t *testing.T, timeout time.Duration, ok func() bool, what string, stdout, stderr *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; stdout:\n%s\nstderr:\n%s", what, stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
