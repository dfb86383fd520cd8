package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The bad-input suite: every file in testdata/bad is one broken
// publication, written as a txtar-like archive: a line saying what is
// broken, then sections "-- NAME --" holding the files that differ from
// the good publication testdata/good.txt, optionally "-- args --" (the
// command line, one argument a line; default build $DIR -o $DIR/out.pdf)
// and "-- want --": "exit N", then exactly what duetto must print on
// standard error, with the publication's folder written $DIR.
//
// A file section whose text is one line "@gen …" is made by genFile (an
// image, a truncated image, a folder, a symbolic link); "@delete" removes a file of the
// good publication. DUETTO_UPDATE_BAD=1 rewrites the want sections from
// what duetto prints: read every changed message before committing it.

// archive is a parsed suite file.
type archive struct {
	comment string
	names   []string // in order
	files   map[string]string
}

func parseArchive(text string) archive {
	a := archive{files: map[string]string{}}
	cur := ""
	var body strings.Builder
	flush := func() {
		if cur == "" {
			a.comment = body.String()
		} else {
			a.names = append(a.names, cur)
			a.files[cur] = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			cur = trimmed[3 : len(trimmed)-3]
			continue
		}
		body.WriteString(line)
	}
	flush()
	return a
}

func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, n := range a.names {
		fmt.Fprintf(&b, "-- %s --\n%s", n, a.files[n])
	}
	return b.String()
}

// genFile makes the bytes of an "@gen" file:
//
//	@gen png W H [gray|rgba|gray16|paletted]   a PNG image
//	@gen jpeg W H [rgb|gray|cmyk]              a JPEG image
//	@gen png-header W H [interlaced]           a PNG of only its header chunks
//	@gen cut N KIND …                          the first N bytes of KIND …
//	@gen file NAME                             testdata/NAME
//	@gen bytes TEXT                            TEXT as given (Go-quoted)
//
// and by writeArchiveFiles: "@gen dir" (a folder), "@gen link TARGET" (a
// symbolic link).
func genFile(t *testing.T, spec string) []byte {
	t.Helper()
	f := strings.Fields(spec)
	num := func(i int) int {
		if i >= len(f) {
			t.Fatalf("@gen %s: argument %d missing", spec, i)
		}
		n, err := strconv.Atoi(f[i])
		if err != nil {
			t.Fatalf("@gen %s: %v", spec, err)
		}
		return n
	}
	opt := func(i int) string {
		if i < len(f) {
			return f[i]
		}
		return ""
	}
	var buf bytes.Buffer
	switch f[0] {
	case "png":
		r := image.Rect(0, 0, num(1), num(2))
		var m image.Image = image.NewGray(r)
		switch opt(3) {
		case "rgba":
			m = image.NewNRGBA(r)
		case "gray16":
			m = image.NewGray16(r)
		case "paletted":
			m = image.NewPaletted(r, color.Palette{color.Black, color.White})
		}
		if err := png.Encode(&buf, m); err != nil {
			t.Fatal(err)
		}
	case "jpeg":
		r := image.Rect(0, 0, num(1), num(2))
		var m image.Image = image.NewRGBA(r)
		switch opt(3) {
		case "gray":
			m = image.NewGray(r)
		case "cmyk":
			m = image.NewCMYK(r)
		}
		if err := jpeg.Encode(&buf, m, nil); err != nil {
			t.Fatal(err)
		}
	case "png-header":
		buf.WriteString("\x89PNG\r\n\x1a\n")
		ihdr := make([]byte, 13)
		binary.BigEndian.PutUint32(ihdr, uint32(num(1)))
		binary.BigEndian.PutUint32(ihdr[4:], uint32(num(2)))
		ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
		if opt(3) == "interlaced" {
			ihdr[12] = 1
		}
		chunk := func(kind string, data []byte) {
			_ = binary.Write(&buf, binary.BigEndian, uint32(len(data)))
			buf.WriteString(kind)
			buf.Write(data)
			_ = binary.Write(&buf, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
		}
		chunk("IHDR", ihdr)
		chunk("IEND", nil)
	case "cut":
		data := genFile(t, strings.Join(f[2:], " "))
		return data[:min(num(1), len(data))]
	case "file":
		data, err := os.ReadFile(filepath.Join("testdata", f[1]))
		if err != nil {
			t.Fatal(err)
		}
		return data
	case "bytes":
		s, err := strconv.Unquote(strings.TrimSpace(strings.TrimPrefix(spec, "bytes")))
		if err != nil {
			t.Fatalf("@gen %s: %v", spec, err)
		}
		return []byte(s)
	default:
		t.Fatalf("@gen %s: unknown kind", spec)
	}
	return buf.Bytes()
}

// writeArchiveFiles writes the files of the good publication, changed by
// a's, into dir.
func writeArchiveFiles(t *testing.T, dir string, good, a archive) {
	t.Helper()
	files := map[string]string{}
	for _, n := range good.names {
		files[n] = good.files[n]
	}
	for _, n := range a.names {
		if n != "want" && n != "args" {
			files[n] = a.files[n]
		}
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		spec := strings.TrimSpace(text)
		switch {
		case spec == "@delete":
			continue
		case spec == "@gen dir":
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		case strings.HasPrefix(spec, "@gen link "):
			if err := os.Symlink(strings.TrimPrefix(spec, "@gen link "), p); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			continue
		}
		data := []byte(text)
		if rest, ok := strings.CutPrefix(spec, "@gen "); ok && !strings.Contains(spec, "\n") {
			data = genFile(t, rest)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readArchive(t *testing.T, name string) archive {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return parseArchive(string(b))
}

// TestBadPublications runs the bad-input suite.
func TestBadPublications(t *testing.T) {
	good := readArchive(t, filepath.Join("testdata", "good.txt"))
	cases, err := filepath.Glob(filepath.Join("testdata", "bad", "*.txt"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in testdata/bad: %v", err)
	}
	update := os.Getenv("DUETTO_UPDATE_BAD") == "1"
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			a := readArchive(t, file)
			want, ok := a.files["want"]
			if !ok && !update {
				t.Fatalf("%s has no want section", file)
			}
			dir := t.TempDir()
			writeArchiveFiles(t, dir, good, a)
			args := []string{"build", "$DIR", "-o", "$DIR/out.pdf"}
			if s, ok := a.files["args"]; ok {
				args = strings.Fields(s)
			}
			for i := range args {
				args[i] = strings.ReplaceAll(args[i], "$DIR", dir)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			got := fmt.Sprintf("exit %d\n%s", code, strings.ReplaceAll(stderr.String(), dir, "$DIR"))
			if update {
				if !ok {
					a.names = append(a.names, "want")
				}
				a.files["want"] = got
				if err := os.WriteFile(file, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("duetto %s printed:\n%s\nwant:\n%s", strings.Join(args, " "), got, want)
			}
			if code == exitOK {
				t.Errorf("a broken publication built")
			}
			if _, err := os.Stat(filepath.Join(dir, "out.pdf")); err == nil {
				t.Error("a PDF was written despite the error")
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
		})
	}
}

// TestGoodPublicationBuilds checks that the publication the suite breaks
// builds when nothing is broken.
func TestGoodPublicationBuilds(t *testing.T) {
	good := readArchive(t, filepath.Join("testdata", "good.txt"))
	dir := t.TempDir()
	writeArchiveFiles(t, dir, good, archive{})
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", dir, "-o", filepath.Join(dir, "out.pdf")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
}
