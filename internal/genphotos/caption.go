package main

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// placeholderNote is set under every caption.
const placeholderNote = "PLACEHOLDER — replace with the original photo"

// typefaces are the caption's fonts: Liberation Sans Bold for the first
// language, Regular for the second and the note.
type typefaces struct{ bold, regular *opentype.Font }

func loadTypefaces() (typefaces, error) {
	bold, err := opentype.Parse(liberationsansbold.TTF)
	if err != nil {
		return typefaces{}, fmt.Errorf("Liberation Sans Bold: %w", err)
	}
	regular, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return typefaces{}, fmt.Errorf("Liberation Sans Regular: %w", err)
	}
	return typefaces{bold: bold, regular: regular}, nil
}

// textLine is one line of the caption as set.
type textLine struct {
	text  string
	face  font.Face
	color color.Color
	lead  int // distance from the previous baseline, pixels
}

// caption sets the subject on a dark veil at the bottom of the picture:
// each of lines (the Italian, then the English caption; or one shared
// line) wrapped to the width, the first in bold, then the placeholder
// note, smaller. The type starts large and shrinks until the caption
// takes at most a third of the picture's height.
func caption(c *canvas, tf typefaces, lines []string) error {
	margin := int(math.Round(c.w * 0.05))
	maxW := fixed.I(int(c.w) - 2*margin)
	size := min(c.w, c.h) / 11
	for {
		set, height, fits, err := setCaption(tf, lines, size, maxW)
		if err != nil {
			return err
		}
		if (fits && float64(height) <= c.h/3) || size < 12 {
			top := int(c.h) - margin - height
			c.band(float64(top-2*margin)/c.h, 0.4, 0.72)
			y := top
			for _, l := range set {
				y += l.lead
				d := &font.Drawer{Dst: c.img, Src: image.NewUniform(l.color), Face: l.face, Dot: fixed.P(margin, y)}
				d.DrawString(l.text)
			}
			return nil
		}
		size *= 0.92
	}
}

// setCaption wraps the caption at size pixels; height runs from the top
// of the first line to the baseline of the last, and fits reports
// whether every line is narrower than maxW.
func setCaption(tf typefaces, lines []string, size float64, maxW fixed.Int26_6) (set []textLine, height int, fits bool, err error) {
	newFace := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	}
	big, err := newFace(tf.bold, size)
	if err != nil {
		return nil, 0, false, err
	}
	second, err := newFace(tf.regular, size)
	if err != nil {
		return nil, 0, false, err
	}
	note, err := newFace(tf.regular, size*0.5)
	if err != nil {
		return nil, 0, false, err
	}
	fits = true
	add := func(text string, face font.Face, col color.Color, lead float64) {
		for i, l := range wrap(face, text, maxW) {
			if font.MeasureString(face, l) > maxW {
				fits = false
			}
			ld := int(math.Round(lead))
			if i == 0 && len(set) == 0 {
				ld = int(math.Round(size * 0.75)) // cap height, about
			} else if i == 0 && face != note {
				ld = int(math.Round(lead * 1.08)) // a little air between languages
			}
			set = append(set, textLine{text: l, face: face, color: col, lead: ld})
			height += ld
		}
	}
	for i, text := range lines {
		face, col := big, color.Color(color.RGBA{255, 255, 255, 255})
		if i > 0 {
			face, col = second, color.RGBA{232, 230, 222, 255}
		}
		add(text, face, col, size*1.16)
	}
	add(placeholderNote, note, color.RGBA{214, 212, 206, 255}, size*1.0)
	return set, height, fits, nil
}

// wrap breaks s at spaces into lines no wider than maxW where it can.
func wrap(f font.Face, s string, maxW fixed.Int26_6) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && font.MeasureString(f, try) > maxW {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
