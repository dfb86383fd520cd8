package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the progress goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestProgress(t *testing.T) {
	tests := []struct {
		name      string
		delay     time.Duration
		wait      time.Duration
		wantShown bool
	}{
		{"quick build prints nothing", time.Hour, 0, false},
		{"long build shows its stage, then erases it", time.Millisecond, 30 * time.Millisecond, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out lockedBuffer
			p := newProgress(&out, tt.delay, 5*time.Millisecond)
			p.set("laying out")
			time.Sleep(tt.wait)
			p.done()
			p.done() // a second call is harmless
			got := out.String()
			if !tt.wantShown {
				if got != "" {
					t.Errorf("printed %q, want nothing", got)
				}
				return
			}
			if !strings.Contains(got, "duetto: laying out…") {
				t.Errorf("printed %q, want the stage", got)
			}
			if !strings.HasSuffix(got, "\r\033[K") {
				t.Errorf("printed %q, want the line erased at the end", got)
			}
		})
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{f, &bytes.Buffer{}} {
		if p := startProgress(w); p != nil {
			p.done()
			t.Errorf("%T: progress started, want none off a terminal", w)
		}
	}
	var nilProgress *progress
	nilProgress.set("x") // a nil progress does nothing
	nilProgress.done()
}

func TestVerboseBuildPrintsStageTimes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "turin.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-v", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"time: layout ", "preflight ", "write ", "time: load ", "fonts and images "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("-v output lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if strings.Contains(stdout.String(), "time:") {
		t.Errorf("without -v the build printed times:\n%s", stdout.String())
	}
}
