package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func mustTypefaces(t *testing.T) typefaces {
	t.Helper()
	tf, err := loadTypefaces()
	if err != nil {
		t.Fatal(err)
	}
	return tf
}

func TestRenderIsDeterministic(t *testing.T) {
	tf := mustTypefaces(t)
	p := photos()[4] // venaria: small and quick
	a, err := render(p, tf)
	if err != nil {
		t.Fatal(err)
	}
	b, err := render(p, tf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("%s: two renders differ", p.file)
	}
}

// Every placeholder has its frame's proportions (cover fitting then
// crops nothing of the caption) and at least 300 ppi in it.
func TestSizesFitTheirFrames(t *testing.T) {
	want := map[string]int{"turin": 16, "vetreria": 6}
	for _, set := range photoSets() {
		seen := map[string]bool{}
		for _, p := range set.photos() {
			if seen[p.file] {
				t.Errorf("%s: %s listed twice", set.name, p.file)
			}
			seen[p.file] = true
			ppiW, ppiH := float64(p.w)/(p.frameW/25.4), float64(p.h)/(p.frameH/25.4)
			if min(ppiW, ppiH) < 300 {
				t.Errorf("%s: %d×%d px in %.1f×%.1f mm is %.0f×%.0f ppi, want at least 300", p.file, p.w, p.h, p.frameW, p.frameH, ppiW, ppiH)
			}
			if r := (float64(p.w) / float64(p.h)) / (p.frameW / p.frameH); r < 0.95 || r > 1.05 {
				t.Errorf("%s: proportions %.3f, its frame's %.3f", p.file, float64(p.w)/float64(p.h), p.frameW/p.frameH)
			}
		}
		if len(seen) != want[set.name] {
			t.Errorf("%s: %d photos, want %d", set.name, len(seen), want[set.name])
		}
	}
}

// The committed placeholders are what the generator draws: regenerate
// them (go run ./internal/genphotos -set NAME) after changing it.
// Floating-point results may differ on other architectures, so the bytes
// are compared on amd64 only; sizes and budgets everywhere.
func TestCommittedPlaceholdersAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every placeholder")
	}
	tf := mustTypefaces(t)
	for _, set := range photoSets() {
		dir := filepath.Join("..", "..", filepath.FromSlash(set.dir))
		for _, p := range set.photos() {
			committed, err := os.ReadFile(filepath.Join(dir, p.file))
			if err != nil {
				t.Error(err)
				continue
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(committed))
			if err != nil {
				t.Errorf("%s: %v", p.file, err)
				continue
			}
			if cfg.Width != p.w || cfg.Height != p.h {
				t.Errorf("%s: %d×%d, want %d×%d", p.file, cfg.Width, cfg.Height, p.w, p.h)
			}
			if cfg.ColorModel != color.CMYKModel {
				t.Errorf("%s/%s is not a CMYK JPEG", set.name, p.file)
			}
			if len(committed) > 800<<10 {
				t.Errorf("%s/%s: %d KB, want at most 800", set.name, p.file, len(committed)>>10)
			}
			if runtime.GOARCH != "amd64" {
				continue
			}
			fresh, err := render(p, tf)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fresh, committed) {
				t.Errorf("%s/%s differs from what the generator draws: regenerate the placeholders (go run ./internal/genphotos -set %s)", set.name, p.file, set.name)
			}
		}
	}
}

func TestRunRefusesAnUnknownSet(t *testing.T) {
	if err := run("nowhere", t.TempDir()); err == nil {
		t.Error("run accepted an unknown photo set")
	}
}

// The placeholders print within the 300 % total ink that preflight
// allows, pixel by pixel and after JPEG compression, and are CMYK as
// image/jpeg reads them (the Adobe convention of inverted samples).
func TestCommittedPlaceholdersInk(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes every placeholder")
	}
	for _, set := range photoSets() {
		dir := filepath.Join("..", "..", filepath.FromSlash(set.dir))
		for _, p := range set.photos() {
			data, err := os.ReadFile(filepath.Join(dir, p.file))
			if err != nil {
				t.Fatal(err)
			}
			img, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s/%s: %v", set.name, p.file, err)
			}
			m, ok := img.(*image.CMYK)
			if !ok {
				t.Errorf("%s/%s decodes as %T, want *image.CMYK", set.name, p.file, img)
				continue
			}
			worst := 0
			for i := 0; i < len(m.Pix); i += 4 {
				worst = max(worst, int(m.Pix[i])+int(m.Pix[i+1])+int(m.Pix[i+2])+int(m.Pix[i+3]))
			}
			if worst > 3*255 {
				t.Errorf("%s/%s: %d %% total ink somewhere, want at most 300 %%", set.name, p.file, worst*100/255)
			}
			t.Logf("%s/%s: at most %d %% ink", set.name, p.file, worst*100/255)
		}
	}
}
