package main

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/testenv"
	"github.com/duetto-press/duetto/layout"
)

func buildBrochure(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "turin.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("duetto build exited %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), out+": 16 pages") {
		t.Errorf("build printed %q, want the output path and 16 pages", stdout.String())
	}
	return out
}

func TestBuildBrochureEndToEnd(t *testing.T) {
	out := buildBrochure(t)
	t.Run("qpdf check", func(t *testing.T) {
		cmd := exec.Command(testenv.Tool(t, "qpdf"), "--check", out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, b)
		}
	})
	t.Run("pages", func(t *testing.T) {
		b, err := exec.Command(testenv.Tool(t, "pdfinfo"), out).Output()
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^Pages:\s+16$`).Match(b) {
			t.Errorf("pdfinfo:\n%s", b)
		}
	})
	t.Run("fonts embedded", func(t *testing.T) {
		b, err := exec.Command(testenv.Tool(t, "pdffonts"), out).Output()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) < 3 {
			t.Fatalf("pdffonts lists no font:\n%s", b)
		}
		for _, l := range lines[2:] {
			f := strings.Fields(l)
			// name type encoding emb sub uni object ID: emb is the 4th field from the end.
			if len(f) < 7 || f[len(f)-5] != "yes" {
				t.Errorf("font not embedded: %s", l)
			}
		}
	})
	t.Run("text extracts", func(t *testing.T) {
		b, err := exec.Command(testenv.Tool(t, "pdftotext"), "-raw", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		have := extractWords(string(b))
		pub, err := content.Load(examples.Turin(), content.RootName)
		if err != nil {
			t.Fatal(err)
		}
		missing := 0
		for _, s := range pub.Sections {
			for _, blk := range s.Blocks {
				for _, lang := range pub.Languages {
					for _, w := range strings.Fields(content.PlainText(blk.Text.In(lang))) {
						if w = normWord(w); w != "" && !have.has(w) {
							missing++
							if missing <= 10 {
								t.Errorf("block %s (%s): word %q not in the PDF's text", blk.ID, lang, w)
							}
						}
					}
				}
			}
		}
	})
}

// extracted is the text of a PDF as words, with the fragments that end
// and start lines, so that a word broken across lines (after a hyphen or an
// Italian elision) is found even where the two halves are apart (a page
// break). The text is read with -raw, in content-stream order: poppler's
// reading order merges lines across columns beside photos.
type extracted struct {
	words, ends, starts map[string]bool
}

func extractWords(text string) extracted {
	ex := extracted{map[string]bool{}, map[string]bool{}, map[string]bool{}}
	for _, l := range strings.Split(text, "\n") {
		f := strings.Fields(l)
		for _, w := range f {
			ex.words[normWord(w)] = true
		}
		if len(f) > 0 {
			ex.ends[strings.ToLower(f[len(f)-1])] = true
			ex.starts[normWord(f[0])] = true
		}
	}
	return ex
}

// has reports whether w (normalised) is in the text, whole or broken at a
// line end: "interna-" + "zionale", "co-" + "sviluppo", "dell’" + "acqua".
func (ex extracted) has(w string) bool {
	if ex.words[w] || ex.words[strings.ReplaceAll(w, "-", "")] {
		return true
	}
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		head, tail := string(rs[:i]), string(rs[i:])
		if !ex.starts[tail] {
			continue
		}
		if ex.ends[head+"-"] || (strings.HasSuffix(head, "-") || strings.HasSuffix(head, "’")) && ex.ends[head] {
			return true
		}
		for end := range ex.ends { // the head may carry punctuation before it: “interna-
			if strings.HasSuffix(end, head+"-") && normWord(strings.TrimSuffix(end, "-")) == head {
				return true
			}
		}
	}
	return false
}

func normWord(w string) string {
	return strings.ToLower(strings.Trim(w, ".,;:!?()“”\"'’‘«»"))
}

func TestBuildErrorsExitNonZeroAndKeepThePreviousPDF(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "keep.pdf")
	if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "duetto.toml")
	if err := os.WriteFile(bad, []byte("duetto = 1\n[publication]\ntitle = { it = \"Solo\" }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", bad, "-o", out}, &stdout, &stderr)
	if code != exitInput {
		t.Errorf("exit code = %d, want %d", code, exitInput)
	}
	if !strings.Contains(stderr.String(), "duetto.toml:3:") || !strings.Contains(stderr.String(), "English text is missing") {
		t.Errorf("stderr = %q, want the position and the missing language", stderr.String())
	}
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Errorf("the earlier output was changed: %q", b)
	}
	if code := run([]string{"build", "a", "b"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("two arguments: exit code = %d, want %d", code, exitUsage)
	}
}

// TestMain lets the test binary act as duetto itself when asked, so that
// tests can run builds in separate processes.
func TestMain(m *testing.M) {
	if os.Getenv("DUETTO_TEST_AS_CLI") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestBuildIsByteIdenticalAcrossRunsAndProcesses builds the brochure 20
// times in this process and 5 times in separate ones: every PDF must have
// the same bytes.
func TestBuildIsByteIdenticalAcrossRunsAndProcesses(t *testing.T) {
	dir := t.TempDir()
	var outputs []string
	for i := 0; i < 20; i++ { // in this process
		out := filepath.Join(dir, "in-"+strconv.Itoa(i)+".pdf")
		if code := run([]string{"build", "-o", out}, io.Discard, io.Discard); code != 0 {
			t.Fatalf("build %d exited %d", i, code)
		}
		outputs = append(outputs, out)
	}
	for i := 0; i < 5; i++ { // in separate processes
		out := filepath.Join(dir, "proc-"+strconv.Itoa(i)+".pdf")
		cmd := exec.Command(os.Args[0], "build", "-o", out)
		cmd.Env = append(os.Environ(), "DUETTO_TEST_AS_CLI=1")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("process %d: %v\n%s", i, err, b)
		}
		outputs = append(outputs, out)
	}
	first, err := os.ReadFile(outputs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outputs[1:] {
		b, err := os.ReadFile(o)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, b) {
			t.Errorf("%s differs from %s", filepath.Base(o), filepath.Base(outputs[0]))
		}
	}
}

func TestBuildAllEditions(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "turin.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--lang", "all", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"turin.pdf", "turin-it.pdf", "turin-en.pdf"} {
		if !strings.Contains(stdout.String(), filepath.Join(dir, name)+": ") {
			t.Errorf("no line for %s in %q", name, stdout.String())
		}
		info, err := exec.Command(testenv.Tool(t, "pdfinfo"), filepath.Join(dir, name)).Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if name != "turin.pdf" && !regexp.MustCompile(`(?m)^Pages:\s+(4|8|12)$`).Match(info) {
			t.Errorf("%s: want a language edition of 4, 8 or 12 pages:\n%s", name, info)
		}
	}
	outline, err := exec.Command(testenv.Tool(t, "qpdf"), "--json", "--json-key=outlines", filepath.Join(dir, "turin-en.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(outline), `"title": "From local to global: the importance of networks and international partnerships"`) || strings.Contains(string(outline), "Dal locale") {
		t.Errorf("the English edition's outline should hold the English headings only:\n%s", outline)
	}
	if code := run([]string{"build", "--lang", "fr", "-o", out}, &stdout, &stderr); code != exitUsage {
		t.Errorf("--lang fr: exit %d, want %d", code, exitUsage)
	}
}

// TestRebuildReportsChangedPages replays the seed's page-15 edit: a
// rebuild over the earlier PDF names the pages that changed, and
// `duetto diff` says the same of two PDFs.
func TestRebuildReportsChangedPages(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "turin.pdf")
	var stdout, stderr bytes.Buffer
	for i := 0; i < 2; i++ {
		stdout.Reset()
		if code := run([]string{"build", "-o", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("build: %s", stderr.String())
		}
	}
	if !strings.Contains(stdout.String(), "16 pages, unchanged") {
		t.Errorf("rebuild of the same input printed %q, want unchanged", stdout.String())
	}
	old := filepath.Join(dir, "old.pdf")
	data, _ := os.ReadFile(out)
	if err := os.WriteFile(old, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The brochure with the older wording of page 15.
	src := filepath.Join(dir, "turin")
	if err := os.CopyFS(src, examples.Turin()); err != nil {
		t.Fatal(err)
	}
	older, err := os.ReadFile("../../testdata/turin-older/03-cooperazione.toml")
	if err != nil {
		t.Fatal(err)
	}
	section := filepath.Join(src, "sections", "03-cooperazione.toml")
	os.Remove(section) // copied read-only from the embedded files
	if err := os.WriteFile(section, older, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := run([]string{"build", src, "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: %s", stderr.String())
	}
	changed := olderWordingPages(t)
	if !strings.Contains(stdout.String(), "16 pages, changed "+changed.String()+"\n") {
		t.Errorf("rebuild after the edit printed %q, want the pages the layout changes (%s)", stdout.String(), changed)
	}
	stdout.Reset()
	if code := run([]string{"diff", old, out}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "changed "+changed.String()+"\n") {
		t.Errorf("diff: exit %d, %q %q", code, stdout.String(), stderr.String())
	}
	testenv.Tool(t, "pdftoppm")
	pngs := filepath.Join(dir, "changes")
	stdout.Reset()
	if code := run([]string{"diff", old, out, "--png", pngs}, &stdout, &stderr); code != 0 {
		t.Fatalf("diff --png: exit %d: %s", code, stderr.String())
	}
	for _, n := range changed {
		page := "page-" + strconv.Itoa(n) + ".png"
		f, err := os.Open(filepath.Join(pngs, page))
		if err != nil {
			t.Fatalf("diff --png: %v", err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width <= cfg.Height { // two portrait pages side by side are wider than tall
			t.Errorf("%s: %v, %dx%d; want two pages side by side", page, err, cfg.Width, cfg.Height)
		}
	}
	if code := run([]string{"diff", old, filepath.Join(src, "duetto.toml")}, &stdout, &stderr); code != exitInput {
		t.Errorf("diff of a non-PDF: exit %d, want %d", code, exitInput)
	}
}

func TestInitWritesALeafletThatBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "leaflet")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr.String())
	}
	out := filepath.Join(dir, "leaflet.pdf")
	stdout.Reset()
	if code := run([]string{"build", dir, "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "leaflet.pdf: 4 pages") {
		t.Errorf("build printed %q, want a 4-page leaflet", stdout.String())
	}
	before, _ := os.ReadFile(filepath.Join(dir, "duetto.toml"))
	stderr.Reset()
	if code := run([]string{"init", dir}, &stdout, &stderr); code != exitInput || !strings.Contains(stderr.String(), "never overwrites") {
		t.Errorf("second init: exit %d, %q", code, stderr.String())
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "duetto.toml")); !bytes.Equal(before, after) {
		t.Error("init changed an existing file")
	}
}

// syncBuffer is a bytes.Buffer safe for the watcher goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestWatchRebuildsAfterAnEdit runs the watcher on a copy of the brochure,
// saves the older page-15 wording over its section 3, then breaks and
// mends the TOML: each save is rebuilt, the changed pages are named, and
// an error keeps the last good PDF.
func TestWatchRebuildsAfterAnEdit(t *testing.T) {
	src := filepath.Join(t.TempDir(), "turin")
	if err := os.CopyFS(src, examples.Turin()); err != nil {
		t.Fatal(err)
	}
	section := filepath.Join(src, "sections", "03-cooperazione.toml")
	os.Chmod(section, 0o644)
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- watch(ctx, buildSpec{source: src, lang: "bilingual"}, &stdout, &stderr, ready) }()
	<-ready
	waitFor := func(what string, out *syncBuffer) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(out.String(), what) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %q; stdout:\n%s\nstderr:\n%s", what, stdout.String(), stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("turin.pdf: 16 pages", &stdout)
	older, err := os.ReadFile("../../testdata/turin-older/03-cooperazione.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(section, older, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("16 pages, changed "+olderWordingPages(t).String()+"\n", &stdout)
	good, _ := os.ReadFile(filepath.Join(src, "turin.pdf"))
	if err := os.WriteFile(section, append(older, []byte("\n[[section.block]]\nit = \"solo\"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("English text is missing", &stderr)
	if now, _ := os.ReadFile(filepath.Join(src, "turin.pdf")); !bytes.Equal(now, good) {
		t.Error("the last good PDF was changed by a failed rebuild")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("watch returned %v", err)
	}
}

func TestFontsListsCoverage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fonts"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"sans         regular      builtin:LiberationSans-Regular", "covers all the text", "LiberationSerif-Italic"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if code := run([]string{"completion", "bash"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "duetto") {
		t.Errorf("completion bash: exit %d", code)
	}
}

func TestBuildWritesProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", filepath.Join(dir, "t.pdf"), "--cpuprofile", cpu, "--memprofile", mem}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, p := range []string{cpu, mem} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// pageList is a list of page numbers, printed as the build report does.
type pageList []int

func (l pageList) String() string {
	s := make([]string, len(l))
	for i, n := range l {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " ")
}

// olderWordingPages lays out the brochure with and without the older
// wording of page 15 (testdata/turin-older) and returns the pages whose
// display lists differ: what a rebuild after that edit must report.
func olderWordingPages(t *testing.T) pageList {
	t.Helper()
	older, err := os.ReadFile("../../testdata/turin-older/03-cooperazione.toml")
	if err != nil {
		t.Fatal(err)
	}
	digests := func(fsys fs.FS) []string {
		pub, err := content.Load(fsys, content.RootName)
		if err != nil {
			t.Fatal(err)
		}
		res, err := layout.LoadResources(pub)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := layout.Layout(pub, res)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for i := range doc.Pages {
			out = append(out, doc.Pages[i].Digest())
		}
		return out
	}
	edited := fstest.MapFS{}
	err = fs.WalkDir(examples.Turin(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(examples.Turin(), path)
		edited[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	edited["sections/03-cooperazione.toml"] = &fstest.MapFile{Data: older}
	before, after := digests(examples.Turin()), digests(edited)
	var changed pageList
	for i := range before {
		if i >= len(after) || before[i] != after[i] {
			changed = append(changed, i+1)
		}
	}
	if len(changed) == 0 {
		t.Fatal("the older wording changes no page")
	}
	return changed
}
