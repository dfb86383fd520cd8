package main

import (
	"bytes"
	"image/jpeg"
	"testing"
)

func TestRenderIsDeterministicAndSized(t *testing.T) {
	for _, p := range photos()[:3] {
		a, err := render(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := render(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", p.file)
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(a))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != p.w || cfg.Height != p.h {
			t.Errorf("%s: %d×%d, want %d×%d", p.file, cfg.Width, cfg.Height, p.w, p.h)
		}
	}
}
