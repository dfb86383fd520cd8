package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// stageTimes records how long the stages of a build took, in the order
// they ran.
type stageTimes struct {
	names []string
	times []time.Duration
}

// since records the time from start to now as stage name.
func (s *stageTimes) since(name string, start time.Time) {
	s.names = append(s.names, name)
	s.times = append(s.times, time.Since(start))
}

// String formats the stages as "load 3 ms, layout 210 ms".
func (s *stageTimes) String() string {
	parts := make([]string, len(s.names))
	for i, n := range s.names {
		parts[i] = n + " " + formatDuration(s.times[i])
	}
	return strings.Join(parts, ", ")
}

// formatDuration writes d in milliseconds, with a decimal under 10 ms.
func formatDuration(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms < 10 {
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// isTerminal reports whether w is a terminal (a character device), where
// a progress line may be drawn and erased.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress draws one line saying which stage a build is in and for how
// long, rewritten in place, on a terminal only, and only once the build
// has taken longer than delay: quick builds and builds whose output goes
// to a file or a pipe print nothing. A nil *progress does nothing.
type progress struct {
	w      io.Writer
	start  time.Time
	mu     sync.Mutex
	stage  string
	shown  bool
	stop   chan struct{}
	halted chan struct{}
	once   sync.Once
}

// Progress timing: the line appears after progressDelay and is redrawn
// every progressTick.
const (
	progressDelay = 700 * time.Millisecond
	progressTick  = 200 * time.Millisecond
)

// startProgress starts a progress line on w if w is a terminal, and
// returns nil otherwise.
func startProgress(w io.Writer) *progress {
	if !isTerminal(w) {
		return nil
	}
	return newProgress(w, progressDelay, progressTick)
}

// newProgress starts drawing on w after delay, every tick.
func newProgress(w io.Writer, delay, tick time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), stop: make(chan struct{}), halted: make(chan struct{})}
	go p.loop(delay, tick)
	return p
}

func (p *progress) loop(delay, tick time.Duration) {
	defer close(p.halted)
	select {
	case <-p.stop:
		return
	case <-time.After(delay):
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		p.draw()
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[Kduetto: %s… %.1f s", p.stage, time.Since(p.start).Seconds())
	p.shown = true
}

// set names the stage the build is in now.
func (p *progress) set(stage string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.stage = stage
	p.mu.Unlock()
}

// done stops drawing and erases the line, so that what the build prints
// next starts on a clean line. Calls after the first do nothing.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.once.Do(func() {
		close(p.stop)
		<-p.halted
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.shown {
			fmt.Fprint(p.w, "\r\033[K")
		}
	})
}
