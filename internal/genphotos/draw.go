package main

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// scene draws a subject into an image.
type scene func(c *canvas, accent [3]uint8)

// canvas is an RGBA image with drawing helpers in relative coordinates
// (0..1 of the width and height).
type canvas struct {
	img  *image.RGBA
	w, h float32
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }

// poly fills a polygon given as relative x, y pairs.
func (c *canvas) poly(col color.Color, pts ...float32) {
	r := vector.NewRasterizer(int(c.w), int(c.h))
	r.MoveTo(pts[0]*c.w, pts[1]*c.h)
	for i := 2; i+1 < len(pts); i += 2 {
		r.LineTo(pts[i]*c.w, pts[i+1]*c.h)
	}
	r.ClosePath()
	r.Draw(c.img, c.img.Bounds(), image.NewUniform(col), image.Point{})
}

func (c *canvas) rect(col color.Color, x0, y0, x1, y1 float32) {
	c.poly(col, x0, y0, x1, y0, x1, y1, x0, y1)
}

// disc fills a circle of relative centre and radius (relative to width).
func (c *canvas) disc(col color.Color, cx, cy, rad float32) {
	var pts []float32
	for i := 0; i < 48; i++ {
		a := float64(i) / 48 * 2 * math.Pi
		pts = append(pts, cx+rad*float32(math.Cos(a)), cy+rad*float32(math.Sin(a))*c.w/c.h)
	}
	c.poly(col, pts...)
}

// sky paints a vertical gradient.
func (c *canvas) sky(top, bottom color.RGBA) {
	for y := 0; y < int(c.h); y++ {
		t := float64(y) / float64(c.h)
		col := color.RGBA{lerp(top.R, bottom.R, t), lerp(top.G, bottom.G, t), lerp(top.B, bottom.B, t), 255}
		draw.Draw(c.img, image.Rect(0, y, int(c.w), y+1), image.NewUniform(col), image.Point{}, draw.Src)
	}
}

func lerp(a, b uint8, t float64) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*t) }

func hills(c *canvas, far, near color.RGBA) {
	c.poly(far, 0, 0.62, 0.2, 0.5, 0.45, 0.58, 0.7, 0.46, 1, 0.56, 1, 1, 0, 1)
	c.poly(near, 0, 0.75, 0.3, 0.66, 0.6, 0.74, 1, 0.68, 1, 1, 0, 1)
}

func alps(c *canvas) {
	c.poly(rgb(150, 160, 180), 0, 0.5, 0.15, 0.3, 0.3, 0.45, 0.45, 0.25, 0.6, 0.42, 0.78, 0.28, 1, 0.46, 1, 0.6, 0, 0.6)
	c.poly(rgb(240, 242, 248), 0.1, 0.34, 0.15, 0.3, 0.2, 0.35, 0.4, 0.29, 0.45, 0.25, 0.5, 0.3, 0.73, 0.32, 0.78, 0.28, 0.83, 0.33)
}

func skyline(c *canvas, a [3]uint8) {
	c.sky(rgb(120, 160, 210), rgb(230, 210, 190))
	alps(c)
	// The Mole Antonelliana: a tall dome and spire.
	c.poly(rgb(90, 80, 80), 0.46, 0.75, 0.46, 0.45, 0.5, 0.38, 0.505, 0.12, 0.51, 0.38, 0.55, 0.45, 0.55, 0.75)
	for i := 0; i < 9; i++ {
		x := float32(i) * 0.12
		c.rect(rgb(110+uint8(i*7), 100, 95), x, 0.55+float32(i%3)*0.04, x+0.09, 0.8)
	}
	c.rect(rgb(a[0]/2, a[1]/2, a[2]/2), 0, 0.78, 1, 1)
}

func snow(c *canvas, a [3]uint8) {
	c.sky(rgb(90, 140, 210), rgb(200, 220, 240))
	alps(c)
	c.poly(rgb(245, 248, 252), 0, 0.55, 0.5, 0.7, 1, 0.5, 1, 1, 0, 1)
	// Five rings.
	for i, col := range []color.RGBA{rgb(0, 129, 200), rgb(30, 30, 30), rgb(238, 51, 78), rgb(252, 177, 49), rgb(0, 166, 81)} {
		x := 0.32 + float32(i)*0.09
		y := float32(0.62)
		if i%2 == 1 {
			y = 0.68
		}
		c.disc(col, x, y, 0.045)
		c.disc(rgb(245, 248, 252), x, y, 0.036)
	}
}

func market(c *canvas, a [3]uint8) {
	c.sky(rgb(240, 225, 200), rgb(200, 170, 130))
	c.rect(rgb(120, 80, 50), 0, 0.62, 1, 1)
	for i := 0; i < 6; i++ {
		x := 0.08 + float32(i)*0.15
		c.disc(rgb(160+uint8(i*12), 90, 40), x, 0.6, 0.06)      // bread and cheese
		c.disc(rgb(200, 40+uint8(i*20), 40), x+0.05, 0.7, 0.03) // fruit
		c.rect(rgb(90, 50, 30), x-0.05, 0.74, x+0.09, 0.8)      // basket
	}
}

func people(c *canvas, a [3]uint8) {
	c.sky(rgb(225, 230, 235), rgb(180, 190, 200))
	c.rect(rgb(150, 150, 155), 0, 0.72, 1, 1)
	for i := 0; i < 7; i++ {
		x := 0.1 + float32(i)*0.13
		body := rgb(a[0]+uint8(i*9), a[1], a[2]-uint8(i*5))
		c.poly(body, x-0.05, 0.85, x-0.04, 0.58, x+0.04, 0.58, x+0.05, 0.85)
		c.disc(rgb(220, 185, 160), x, 0.5, 0.035)
	}
}

func palace(c *canvas, a [3]uint8) {
	c.sky(rgb(140, 180, 220), rgb(235, 225, 210))
	c.rect(rgb(215, 190, 150), 0.08, 0.4, 0.92, 0.72)
	c.poly(rgb(170, 90, 70), 0.05, 0.4, 0.5, 0.28, 0.95, 0.4)
	for i := 0; i < 8; i++ {
		x := 0.12 + float32(i)*0.1
		c.rect(rgb(90, 90, 110), x, 0.46, x+0.05, 0.56)
		c.rect(rgb(90, 90, 110), x, 0.6, x+0.05, 0.68)
	}
	c.rect(rgb(110, 150, 80), 0, 0.72, 1, 1)
	c.rect(rgb(200, 190, 170), 0.45, 0.72, 0.55, 1)
}

func orchard(c *canvas, a [3]uint8) {
	c.sky(rgb(150, 190, 230), rgb(220, 230, 200))
	hills(c, rgb(120, 160, 90), rgb(90, 140, 60))
	for i := 0; i < 4; i++ {
		x := 0.15 + float32(i)*0.24
		c.rect(rgb(100, 70, 40), x-0.015, 0.55, x+0.015, 0.8)
		c.disc(rgb(60, 120, 50), x, 0.48, 0.1)
		for k := 0; k < 6; k++ {
			dx := float32(math.Cos(float64(k))) * 0.06
			dy := float32(math.Sin(float64(k)*1.7)) * 0.06
			c.disc(rgb(200, 30, 30), x+dx, 0.48+dy, 0.018)
		}
	}
	c.rect(rgb(150, 100, 50), 0.4, 0.82, 0.6, 0.92) // a crate of apples
	for k := 0; k < 5; k++ {
		c.disc(rgb(210, 40, 35), 0.43+float32(k)*0.035, 0.82, 0.017)
	}
}

func hall(c *canvas, a [3]uint8) {
	c.sky(rgb(120, 90, 70), rgb(200, 170, 140))
	c.rect(rgb(a[0], a[1], a[2]), 0.05, 0.15, 0.95, 0.4) // a back wall hanging
	for row := 0; row < 4; row++ {
		y := 0.5 + float32(row)*0.11
		c.poly(rgb(90, 60, 40), 0.1-float32(row)*0.03, y, 0.9+float32(row)*0.03, y, 0.92+float32(row)*0.03, y+0.05, 0.08-float32(row)*0.03, y+0.05)
	}
}

func podium(c *canvas, a [3]uint8) {
	c.sky(rgb(30, 40, 70), rgb(70, 90, 130))
	c.rect(rgb(a[0], a[1], a[2]), 0.1, 0.12, 0.9, 0.45) // a screen
	c.rect(rgb(230, 230, 235), 0.14, 0.16, 0.86, 0.41)
	c.rect(rgb(120, 90, 60), 0.2, 0.58, 0.8, 0.66) // the panel's table
	for i := 0; i < 4; i++ {
		x := 0.28 + float32(i)*0.15
		c.disc(rgb(220, 185, 160), x, 0.5, 0.03)
		c.poly(rgb(40, 40, 50), x-0.05, 0.6, x-0.04, 0.53, x+0.04, 0.53, x+0.05, 0.6)
	}
	c.rect(rgb(50, 50, 60), 0, 0.7, 1, 1)
}

func village(c *canvas, a [3]uint8) {
	c.sky(rgb(130, 180, 230), rgb(240, 220, 180))
	c.rect(rgb(210, 170, 110), 0, 0.65, 1, 1)
	for i := 0; i < 5; i++ {
		x := 0.05 + float32(i)*0.19
		c.rect(rgb(230, 210, 170), x, 0.45, x+0.14, 0.68)
		c.rect(rgb(120, 80, 50), x+0.05, 0.56, x+0.09, 0.68)
	}
	c.disc(rgb(120, 110, 100), 0.5, 0.8, 0.05) // a well
	c.disc(rgb(60, 90, 140), 0.5, 0.8, 0.035)
}

func classroom(c *canvas, a [3]uint8) {
	c.sky(rgb(230, 220, 190), rgb(200, 190, 160))
	c.rect(rgb(40, 70, 50), 0.15, 0.12, 0.85, 0.4) // blackboard
	for row := 0; row < 2; row++ {
		for i := 0; i < 5; i++ {
			x := 0.14 + float32(i)*0.18
			y := 0.55 + float32(row)*0.2
			c.disc(rgb(120, 80, 60), x, y, 0.03)
			c.rect(rgb(a[0], a[1], a[2]), x-0.05, y+0.04, x+0.05, y+0.12)
		}
	}
}

func field(c *canvas, a [3]uint8) {
	c.sky(rgb(150, 190, 230), rgb(230, 220, 180))
	hills(c, rgb(170, 160, 90), rgb(140, 150, 60))
	for i := 0; i < 12; i++ {
		y := 0.72 + float32(i)*0.025
		c.rect(rgb(110+uint8(i*4), 140, 50), 0, y, 1, y+0.012)
	}
}

// render draws photo p and encodes it as JPEG.
func render(p photo) ([]byte, error) {
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, p.w, p.h)), w: float32(p.w), h: float32(p.h)}
	p.scene(c, p.accent)
	if err := caption(c, p.lines); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, c.img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// caption sets the subject in a translucent band at the bottom, wrapped
// to the width, with a note that the photo is a placeholder.
func caption(c *canvas, lines []string) error {
	bold, err := opentype.Parse(liberationsansbold.TTF)
	if err != nil {
		return err
	}
	regular, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return err
	}
	size := float64(min(c.w, c.h)) / 14
	big, err := opentype.NewFace(bold, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	small, err := opentype.NewFace(regular, &opentype.FaceOptions{Size: size * 0.55, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	margin := int(c.w / 20)
	maxW := fixed.I(int(c.w) - 2*margin)
	var wrapped []string
	for _, l := range lines {
		wrapped = append(wrapped, wrap(big, l, maxW)...)
	}
	lead := int(size * 1.2)
	notes := wrap(small, "PLACEHOLDER — replace with the original photograph", maxW)
	bandH := lead*len(wrapped) + int(size*0.7)*len(notes) + int(size*0.7)
	top := int(c.h) - bandH - margin/2
	draw.Draw(c.img, image.Rect(0, top-margin/2, int(c.w), int(c.h)), image.NewUniform(color.RGBA{0, 0, 0, 140}), image.Point{}, draw.Over)
	d := &font.Drawer{Dst: c.img, Src: image.White, Face: big}
	y := top + int(size)
	for _, l := range wrapped {
		d.Dot = fixed.P(margin, y)
		d.DrawString(l)
		y += lead
	}
	d.Face = small
	d.Src = image.NewUniform(color.RGBA{230, 230, 230, 255})
	for _, n := range notes {
		d.Dot = fixed.P(margin, y)
		d.DrawString(n)
		y += int(size * 0.7)
	}
	return nil
}

// wrap breaks s into lines no wider than maxW.
func wrap(f font.Face, s string, maxW fixed.Int26_6) []string {
	var lines []string
	line := ""
	for _, w := range splitWords(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if font.MeasureString(f, try) > maxW && line != "" {
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

func splitWords(s string) []string {
	var out []string
	cur := []rune{}
	for _, r := range s {
		if r == ' ' {
			if len(cur) > 0 {
				out = append(out, string(cur))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}
