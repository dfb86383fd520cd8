package main

import (
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// gcSettings returns the GC percent and memory limit in effect.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1) // a negative limit reads it
}

// TestDeferGC runs deferGC in child processes (it sets the process's
// collector): the collector is off below the floor, and on with the GOGC
// asked for and no memory limit after the first collection; with GOGC
// set it changes nothing.
func TestDeferGC(t *testing.T) {
	for _, tc := range []struct {
		name, env string
	}{
		{"defaults", ""},
		{"gogc set", "GOGC=50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestDeferGCChild$", "-test.v")
			cmd.Env = append(os.Environ(), "DUETTO_GC_CHILD=1")
			if tc.env != "" {
				cmd.Env = append(cmd.Env, tc.env)
			}
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "--- PASS: TestDeferGCChild") {
				t.Fatalf("child: %v\n%s", err, out)
			}
		})
	}
}

// TestDeferGCChild is TestDeferGC's child process.
func TestDeferGCChild(t *testing.T) {
	if os.Getenv("DUETTO_GC_CHILD") == "" {
		t.Skip("run by TestDeferGC")
	}
	percent0, limit0 := gcSettings()
	deferGC(16<<20, 150)
	if os.Getenv("GOGC") != "" {
		if p, l := gcSettings(); p != percent0 || l != limit0 {
			t.Fatalf("with GOGC set, deferGC changed the collector to %d%%, limit %d", p, l)
		}
		return
	}
	if p, l := gcSettings(); p != -1 || l != 16<<20 {
		t.Fatalf("below the floor: GC percent %d, limit %d; want off, 16 MiB", p, l)
	}
	var keep [][]byte
	for range 64 { // 32 MiB, past the floor: a collection must come
		keep = append(keep, make([]byte, 512<<10))
	}
	runtime.KeepAlive(keep)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if p, l := gcSettings(); p == 150 && l == math.MaxInt64 {
			return
		}
	}
	p, l := gcSettings()
	t.Fatalf("after the first collection: GC percent %d, limit %d; want 150, no limit", p, l)
}
