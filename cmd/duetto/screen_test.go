package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/images"
	"github.com/duetto-press/duetto/internal/testenv"
)

// screenChecks runs the checks every screen PDF must pass and returns its
// content, uncompressed by qpdf (QDF): qpdf --check passes; every page's
// MediaBox is its TrimBox and its BleedBox, w×h points; no output intent
// and no PDF/X keys; every image is an RGB or grey JPEG of at most
// 150 ppi; the colour operators are DeviceRGB, never DeviceCMYK.
func screenChecks(t *testing.T, name string, w, h float64) string {
	t.Helper()
	if b, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", name).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
	info, err := exec.Command(testenv.Tool(t, "pdfinfo"), name).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	box, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-box", "-f", "1", "-l", strconv.Itoa(pages), name).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.QuoteMeta(strconv.FormatFloat(w, 'f', 2, 64)) + `\s+` + regexp.QuoteMeta(strconv.FormatFloat(h, 'f', 2, 64))
	for _, kind := range []string{"MediaBox", "TrimBox", "BleedBox"} {
		re := regexp.MustCompile(`(?m)^Page\s+\d+ ` + kind + `:\s+0.00\s+0.00\s+` + want + `$`)
		if n := len(re.FindAll(box, -1)); n != pages {
			t.Errorf("%d of %d pages have the %s 0 0 %.2f %.2f:\n%s", n, pages, kind, w, h, box)
		}
	}
	if version, condition, _ := pdfxKeys(t, name); version != "" || condition != "" {
		t.Errorf("GTS_PDFXVersion %q, output intent %q; want neither", version, condition)
	}
	list, err := exec.Command(testenv.Tool(t, "pdfimages"), "-list", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(list)), "\n")[2:] {
		// page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
		f := strings.Fields(l)
		if len(f) < 14 || (f[5] != "rgb" && f[5] != "gray") || f[8] != "jpeg" {
			t.Errorf("not an RGB or grey JPEG: %s", l)
			continue
		}
		if ppi, err := strconv.Atoi(f[12]); err != nil || ppi > screenPPI+1 {
			t.Errorf("more than %d ppi: %s", screenPPI, l)
		}
	}
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if b, err := exec.Command(testenv.Tool(t, "qpdf"), "--qdf", "--object-streams=disable", name, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, b)
	}
	data, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	content := string(data)
	if op := regexp.MustCompile(`(?m)^[\d.]+ [\d.]+ [\d.]+ [\d.]+ [kK]$`).FindString(content); op != "" {
		t.Errorf("a DeviceCMYK colour operator: %q", op)
	}
	if strings.Contains(content, "/DeviceCMYK") {
		t.Error("a DeviceCMYK colour space (an image?)")
	}
	if !regexp.MustCompile(`(?m)^[\d.]+ [\d.]+ [\d.]+ rg$`).MatchString(content) {
		t.Error("no DeviceRGB fill colour")
	}
	return content
}

// The brochure's screen edition, from the same source as the print one,
// which --screen leaves byte for byte as it was.
func TestBuildScreenBrochure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "turin.pdf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--screen", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build --screen exited %d: %s", code, stderr.String())
	}
	screen := filepath.Join(dir, "turin-screen.pdf")
	if !strings.Contains(stdout.String(), screen+": 16 pages for the screen\n") || strings.Contains(stdout.String(), "warning") {
		t.Errorf("build printed %q", stdout.String())
	}
	content := screenChecks(t, screen, 595.28, 841.89)
	// The blue has an rgb in the brochure's [colors] (0/76/153); the
	// black text has none and shows as solid black on paper (29/29/27).
	for _, op := range []string{"0 0.298 0.6 rg", "0.1137 0.1137 0.1059 rg"} {
		if !strings.Contains(content, "\n"+op+"\n") {
			t.Errorf("no %q in the content", op)
		}
	}
	print, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.pdf")
	if code := run([]string{"build", "-o", plain}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("build exited %d: %s", code, stderr.String())
	}
	if b, err := os.ReadFile(plain); err != nil || !bytes.Equal(b, print) {
		t.Errorf("the print edition built with --screen differs from the one built without (%v)", err)
	}
	st, err := os.Stat(screen)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > int64(len(print))/3 {
		t.Errorf("the screen edition has %d bytes, the print one %d: want at most a third", st.Size(), len(print))
	}
}

// A small publication for the screen edition: a CMYK photo, an RGB photo
// that print separates (rgb-images = "convert"), an orange without rgb and
// %ROOT% at the end of the root file.
const screenRoot = `duetto = 1
include = ["s.toml"]
[publication]
title = { it = "Prova", en = "Test" }
pages = 4
output = "leaflet.pdf"
[page]
size = ["148mm", "210mm"]
[print]
rgb-images = "convert"
[fonts.sans]
regular = "builtin:LiberationSans-Regular"
[colors]
orange = { cmyk = [0, 50, 100, 0] }
[styles.body]
font = "sans"
size = 10
leading = 13
color = "orange"
[styles.caption]
font = "sans"
size = 8
[styles.folio]
font = "sans"
%ROOT%
`

const screenSection = `[[section]]
[[section.block]]
it = "Testo"
en = "Text"
[[section.block]]
type = "figure"
file = "cmyk.jpg"
height = "40mm"
[[section.block]]
type = "figure"
file = "red.png"
height = "40mm"
`

func writeScreenPub(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	cmyk := image.NewCMYK(image.Rect(0, 0, 1200, 900))
	for i := 0; i < len(cmyk.Pix); i += 4 {
		cmyk.Pix[i], cmyk.Pix[i+1] = 255, 179 // the Turin blue, without black
	}
	var jpg, pngData bytes.Buffer
	if err := images.EncodeCMYK(&jpg, cmyk, 90); err != nil {
		t.Fatal(err)
	}
	red := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for i := 0; i < len(red.Pix); i += 4 {
		red.Pix[i], red.Pix[i+3] = 255, 255
	}
	if err := png.Encode(&pngData, red); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"duetto.toml": []byte(strings.Replace(screenRoot, "%ROOT%", root, 1)),
		"s.toml":      []byte(screenSection),
		"cmyk.jpg":    jpg.Bytes(),
		"red.png":     pngData.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The photos of the screen edition: the CMYK one as its soft proof, the
// RGB one as it was given, not as print separated it.
func TestBuildScreenPhotosAndColours(t *testing.T) {
	dir := writeScreenPub(t, "")
	out := filepath.Join(dir, "leaflet.pdf")
	var stderr bytes.Buffer
	if code := run([]string{"build", dir, "--screen", "-o", out}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	screen := filepath.Join(dir, "leaflet-screen.pdf")
	content := screenChecks(t, screen, 419.53, 595.28)
	// The orange has no rgb: its inks as they look on paper.
	orange := images.CMYKToRGB(0, 128, 255, 0)
	op := fmt.Sprintf("%.4f %.4f %.4f rg", float64(orange.R)/255, float64(orange.G)/255, float64(orange.B)/255)
	if !strings.Contains(content, "\n"+op+"\n") {
		t.Errorf("no %q (the orange text, %v) in the content", op, orange)
	}
	extract := filepath.Join(t.TempDir(), "img")
	if b, err := exec.Command(testenv.Tool(t, "pdfimages"), "-j", screen, extract).CombinedOutput(); err != nil {
		t.Fatalf("pdfimages -j: %v\n%s", err, b)
	}
	want := []color.RGBA{images.CMYKToRGB(255, 179, 0, 0), {255, 0, 0, 255}}
	for i, w := range want {
		data, err := os.ReadFile(extract + "-00" + strconv.Itoa(i) + ".jpg")
		if err != nil {
			t.Fatal(err)
		}
		m, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		r, g, b, _ := m.At(100, 100).RGBA()
		if d := absDiff(uint8(r>>8), w.R) + absDiff(uint8(g>>8), w.G) + absDiff(uint8(b>>8), w.B); d > 12 {
			t.Errorf("photo %d shows %d/%d/%d, want about %d/%d/%d", i, r>>8, g>>8, b>>8, w.R, w.G, w.B)
		}
	}
	// Same input, same bytes.
	first, err := os.ReadFile(screen)
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "again.pdf")
	if code := run([]string{"build", dir, "--screen", "-o", again}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(again), "again-screen.pdf")); err != nil || !bytes.Equal(b, first) {
		t.Errorf("a second build of the screen edition differs (%v)", err)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// output-screen asks for the screen edition and names it; -o names both
// after itself; --lang all gives each edition its screen variant.
func TestBuildScreenNames(t *testing.T) {
	tests := []struct {
		name         string
		outputScreen bool // output-screen = "web.pdf" in [publication]
		args         []string
		files        []string
	}{
		{"--screen", false, []string{"--screen"}, []string{"leaflet.pdf", "leaflet-screen.pdf"}},
		{"output-screen", true, nil, []string{"leaflet.pdf", "web.pdf"}},
		{"output-screen and -o", true, []string{"-o", "book.pdf"}, []string{"book.pdf", "book-screen.pdf"}},
		{"--lang all --screen", false, []string{"--lang", "all", "--screen"}, []string{"leaflet.pdf", "leaflet-screen.pdf", "leaflet-it.pdf", "leaflet-it-screen.pdf", "leaflet-en.pdf", "leaflet-en-screen.pdf"}},
		{"--lang all, output-screen", true, []string{"--lang", "all"}, []string{"leaflet.pdf", "web.pdf", "leaflet-it.pdf", "web-it.pdf", "leaflet-en.pdf", "web-en.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeScreenPub(t, "")
			if tt.outputScreen {
				root := filepath.Join(dir, "duetto.toml")
				b, err := os.ReadFile(root)
				if err != nil {
					t.Fatal(err)
				}
				b = bytes.Replace(b, []byte(`output = "leaflet.pdf"`), []byte("output = \"leaflet.pdf\"\noutput-screen = \"web.pdf\""), 1)
				if err := os.WriteFile(root, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir) // the output names are relative to the working folder
			var stdout, stderr bytes.Buffer
			if code := run(append([]string{"build", "."}, tt.args...), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			for _, f := range tt.files {
				if !strings.Contains(stdout.String(), f+": ") {
					t.Errorf("no line for %s in %q", f, stdout.String())
				}
			}
			written, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
			if err != nil {
				t.Fatal(err)
			}
			if len(written) != len(tt.files) {
				t.Errorf("wrote %v, want %v", written, tt.files)
			}
		})
	}
}

// Two colours with the same inks cannot show in two RGB colours.
func TestBuildScreenColourConflict(t *testing.T) {
	dir := writeScreenPub(t, "")
	root := filepath.Join(dir, "duetto.toml")
	b, err := os.ReadFile(root)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("orange = { cmyk = [0, 50, 100, 0] }"), []byte("orange = { cmyk = [0, 50, 100, 0], rgb = [255, 128, 0] }\namber = { cmyk = [0, 50, 100, 0], rgb = [255, 160, 0] }"), 1)
	if err := os.WriteFile(root, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	out := filepath.Join(dir, "o.pdf")
	if code := run([]string{"build", dir, "--screen", "-o", out}, &bytes.Buffer{}, &stderr); code == 0 ||
		!strings.Contains(stderr.String(), `colours "amber" and "orange" have the same cmyk and different rgb`) {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
	if code := run([]string{"build", dir, "-o", out}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Errorf("without --screen: exit %d, %s", code, stderr.String())
	}
}
