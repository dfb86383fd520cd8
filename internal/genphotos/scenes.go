package main

import (
	"image/color"
	"math"
)

// A scene draws a subject over the whole canvas. Scenes keep their
// subject above the lowest third, where the caption goes.
type scene func(c *canvas)

// Muted, photographic colours shared by the scenes.
var (
	skyTop      = rgb(112, 148, 186)
	skyHaze     = rgb(214, 212, 204)
	duskTop     = rgb(86, 108, 148)
	duskHaze    = rgb(232, 196, 160)
	snowWhite   = rgb(236, 238, 240)
	rockBlue    = rgb(128, 140, 160)
	rockFar     = rgb(160, 170, 186)
	grassFar    = rgb(128, 146, 98)
	grassNear   = rgb(96, 120, 72)
	soil        = rgb(140, 112, 80)
	brick       = rgb(168, 110, 84)
	stone       = rgb(206, 192, 168)
	plaster     = rgb(222, 206, 176)
	roofRed     = rgb(150, 86, 66)
	windowBlue  = rgb(72, 84, 104)
	woodDark    = rgb(96, 66, 46)
	woodLight   = rgb(150, 108, 70)
	skin        = rgb(206, 164, 134)
	skinDark    = rgb(142, 100, 74)
	hairDark    = rgb(52, 42, 36)
	suitDark    = rgb(48, 52, 62)
	italyGreen  = rgb(64, 130, 84)
	italyRed    = rgb(190, 60, 62)
	euBlue      = rgb(40, 64, 140)
	appleRed    = rgb(178, 48, 44)
	leafGreen   = rgb(78, 112, 60)
	leafShadow  = rgb(58, 88, 48)
	clothColors = []color.RGBA{
		rgb(70, 90, 120), rgb(150, 80, 70), rgb(90, 110, 80), rgb(180, 150, 90),
		rgb(110, 80, 110), rgb(60, 60, 68), rgb(170, 120, 100), rgb(80, 120, 130),
	}
)

// cloud draws a soft cloud of overlapping ellipses.
func cloud(c *canvas, x, y, s float64) {
	col := alpha(rgb(246, 244, 240), 0.55)
	c.ellipse(col, x, y, 0.09*s, 0.03*s)
	c.ellipse(col, x+0.05*s, y-0.012*s*c.w/c.h, 0.06*s, 0.035*s)
	c.ellipse(col, x-0.05*s, y+0.004*s, 0.05*s, 0.022*s)
}

// alps draws a snow-capped range whose ridge runs through pts.
func alps(c *canvas, body color.RGBA, bottom float64, pts ...pt) {
	c.ridge(body, bottom, pts...)
	// Snow: the upper part of each peak.
	for i := 1; i+1 < len(pts); i++ {
		p, l, r := pts[i], pts[i-1], pts[i+1]
		if p.y > l.y || p.y > r.y {
			continue
		}
		d := 0.35
		a := pt{p.x + (l.x-p.x)*d, p.y + (l.y-p.y)*d}
		b := pt{p.x + (r.x-p.x)*d, p.y + (r.y-p.y)*d}
		m1 := pt{a.x + (p.x-a.x)*0.3, a.y + 0.012}
		m2 := pt{b.x + (p.x-b.x)*0.4, b.y + 0.006}
		c.poly(snowWhite, a, p, b, m2, pt{p.x, (p.y + b.y) / 2}, m1)
	}
}

// pine draws a conifer with its foot at (x, y) and height h.
func pine(c *canvas, col color.RGBA, x, y, h float64) {
	wd := h * 0.28 * c.h / c.w
	c.rect(woodDark, x-wd*0.06, y-h*0.12, x+wd*0.06, y)
	for i := range 3 {
		top := y - h + float64(i)*h*0.22
		bot := y - h*0.1 - float64(2-i)*h*0.16
		half := wd * (0.5 + 0.25*float64(i)) / 1.4
		c.poly(mix(col, rgb(30, 40, 30), 0.1*float64(i)), pt{x, top}, pt{x + half, bot}, pt{x - half, bot})
	}
}

// roundTree draws a broad-leaved tree with its foot at (x, y).
func roundTree(c *canvas, x, y, r float64) {
	ry := r * c.w / c.h
	c.rect(woodDark, x-r*0.1, y-ry*1.2, x+r*0.1, y)
	c.ellipse(leafShadow, x, y-ry*1.9, r, r*0.85)
	c.ellipse(leafGreen, x-r*0.2, y-ry*2.05, r*0.75, r*0.6)
}

// person draws a standing figure seen from the front, feet at (x, y),
// height h (fraction of the height).
func person(c *canvas, cloth, skinTone color.RGBA, x, y, h float64) {
	hw := h * 0.13 * c.h / c.w // half the shoulder width
	headR := h * 0.075 * c.h / c.w
	legs := mix(cloth, rgb(40, 40, 48), 0.6)
	c.poly(legs, pt{x - hw*0.7, y - h*0.45}, pt{x + hw*0.7, y - h*0.45}, pt{x + hw*0.6, y}, pt{x + hw*0.1, y}, pt{x, y - h*0.3}, pt{x - hw*0.1, y}, pt{x - hw*0.6, y})
	c.poly(cloth, pt{x - hw, y - h*0.78}, pt{x + hw, y - h*0.78}, pt{x + hw*0.85, y - h*0.42}, pt{x - hw*0.85, y - h*0.42})
	c.disc(cloth, x-hw*0.72, y-h*0.77, hw*0.28)
	c.disc(cloth, x+hw*0.72, y-h*0.77, hw*0.28)
	c.disc(skinTone, x, y-h*0.87, headR)
	c.ellipse(hairDark, x, y-h*0.905, headR*1.02, headR*0.62)
}

// bust draws a seated or distant figure: head and shoulders, the base of
// the shoulders at (x, y), width wd (fraction of the width).
func bust(c *canvas, cloth, skinTone, hair color.RGBA, x, y, wd float64) {
	hh := wd * c.w / c.h // the width as a height
	c.poly(cloth, pt{x - wd/2, y}, pt{x - wd*0.45, y - hh*0.32}, pt{x - wd*0.2, y - hh*0.42}, pt{x + wd*0.2, y - hh*0.42}, pt{x + wd*0.45, y - hh*0.32}, pt{x + wd/2, y})
	c.ellipse(skinTone, x, y-hh*0.62, wd*0.2, wd*0.24)
	c.ellipse(hair, x, y-hh*0.72, wd*0.21, wd*0.15)
}

// banner draws a vertical tricolour or the European flag on a pole.
func banner(c *canvas, x, top, wd, ht float64, stripes ...color.RGBA) {
	c.line(rgb(150, 140, 120), x, top-0.01, x, top+ht*2.6, wd*0.06)
	if len(stripes) == 1 {
		c.rect(stripes[0], x, top, x+wd, top+ht)
		for i := range 12 {
			a := float64(i) / 12 * 2 * math.Pi
			c.disc(rgb(230, 200, 70), x+wd/2+wd*0.3*math.Cos(a), top+ht/2+wd*0.3*math.Sin(a)*c.w/c.h, wd*0.035)
		}
		return
	}
	for i, s := range stripes {
		x0 := x + wd*float64(i)/float64(len(stripes))
		c.rect(s, x0, top, x0+wd/float64(len(stripes)), top+ht)
	}
}

// windows draws a grid of windows in the rectangle.
func windows(c *canvas, col color.RGBA, x0, y0, x1, y1 float64, cols, rows int) {
	cw, rh := (x1-x0)/float64(cols), (y1-y0)/float64(rows)
	for i := range cols {
		for j := range rows {
			x, y := x0+cw*float64(i), y0+rh*float64(j)
			c.rect(col, x+cw*0.28, y+rh*0.2, x+cw*0.72, y+rh*0.8)
		}
	}
}

// skyline paints Turin at dusk: the Alps behind, the Mole Antonelliana
// above the roofs, the Po in front.
func skyline(c *canvas) {
	c.vgradient(duskTop, duskHaze, 0, 0.62)
	c.disc(alpha(rgb(255, 236, 200), 0.5), 0.8, 0.5, 0.05)
	cloud(c, 0.22, 0.16, 1.2)
	cloud(c, 0.7, 0.1, 0.9)
	alps(c, rockFar, 0.7, pt{0, 0.46}, pt{0.08, 0.37}, pt{0.15, 0.41}, pt{0.26, 0.27}, pt{0.36, 0.4}, pt{0.44, 0.35}, pt{0.52, 0.43},
		pt{0.63, 0.3}, pt{0.72, 0.38}, pt{0.8, 0.26}, pt{0.9, 0.39}, pt{1, 0.34})
	c.ridge(rgb(150, 150, 156), 0.7, pt{0, 0.55}, pt{0.2, 0.5}, pt{0.4, 0.54}, pt{0.6, 0.52}, pt{0.8, 0.55}, pt{1, 0.5})
	// Superga on its hill, right.
	c.ridge(rgb(112, 124, 100), 0.7, pt{0.68, 0.62}, pt{0.8, 0.53}, pt{0.88, 0.52}, pt{1, 0.58})
	c.rect(rgb(200, 184, 160), 0.825, 0.49, 0.865, 0.53)
	c.ellipse(rgb(200, 184, 160), 0.845, 0.49, 0.014, 0.012)
	c.line(rgb(200, 184, 160), 0.845, 0.46, 0.845, 0.475, 0.003)

	// The roofs of the city, two rows.
	for i := range 22 {
		x := float64(i)*0.048 - 0.02
		top := 0.6 + 0.03*math.Sin(float64(i)*2.3) + 0.015*float64(i%3)
		col := mix(rgb(176, 150, 130), rgb(120, 108, 110), 0.3+0.2*math.Sin(float64(i)))
		c.rect(col, x, top, x+0.05, 0.8)
		c.rect(mix(roofRed, col, 0.4), x-0.003, top-0.008, x+0.053, top+0.004)
		windows(c, mix(col, rgb(250, 220, 150), 0.45), x+0.004, top+0.02, x+0.046, 0.78, 3, 5)
	}
	// The Mole Antonelliana: base, tall dome with concave sides, lantern
	// with columns, spire.
	moleBody, moleDark := rgb(178, 162, 140), rgb(120, 110, 100)
	c.rect(moleBody, 0.43, 0.5, 0.57, 0.8)
	windows(c, moleDark, 0.435, 0.52, 0.565, 0.66, 7, 3)
	c.rect(mix(moleBody, moleDark, 0.5), 0.425, 0.49, 0.575, 0.505)
	var dome []pt
	for i := 0; i <= 16; i++ {
		t := float64(i) / 16
		dome = append(dome, pt{0.435 + 0.04*math.Sin(t*math.Pi/2), 0.49 - 0.16*t*t*0.2 - 0.16*(1-math.Cos(t*math.Pi/2))})
	}
	for i := 16; i >= 0; i-- {
		t := float64(i) / 16
		dome = append(dome, pt{0.565 - 0.04*math.Sin(t*math.Pi/2), 0.49 - 0.16*t*t*0.2 - 0.16*(1-math.Cos(t*math.Pi/2))})
	}
	c.poly(rgb(132, 128, 124), dome...)
	for i := range 5 { // ribs on the dome
		x := 0.455 + 0.0225*float64(i)
		c.line(rgb(104, 100, 98), x, 0.49, 0.5+(x-0.5)*0.45, 0.3, 0.0015)
	}
	c.rect(moleBody, 0.48, 0.25, 0.52, 0.3)
	for i := range 5 {
		x := 0.482 + 0.009*float64(i)
		c.rect(moleDark, x+0.002, 0.255, x+0.006, 0.295)
	}
	c.poly(rgb(120, 116, 112), pt{0.478, 0.25}, pt{0.522, 0.25}, pt{0.505, 0.17}, pt{0.502, 0.06}, pt{0.498, 0.06}, pt{0.495, 0.17})
	c.disc(rgb(230, 210, 160), 0.5, 0.058, 0.004)

	// The Po, with reflections.
	c.vgradient(rgb(112, 126, 140), rgb(70, 82, 96), 0.8, 1)
	for i := range 14 {
		y := 0.81 + float64(i)*0.014
		c.line(alpha(rgb(230, 200, 150), 0.25), 0.47-0.01*float64(i%3), y, 0.53+0.012*float64(i%2), y, 0.002)
	}
	c.rect(rgb(90, 96, 100), 0, 0.795, 1, 0.805)
}

// winterGames paints a ski jump in the mountains, a jumper in the air.
func winterGames(c *canvas) {
	c.vgradient(rgb(96, 134, 184), rgb(206, 218, 230), 0, 0.5)
	cloud(c, 0.3, 0.12, 1)
	alps(c, rockBlue, 0.6, pt{0, 0.34}, pt{0.18, 0.2}, pt{0.34, 0.32}, pt{0.52, 0.16}, pt{0.7, 0.3}, pt{0.86, 0.18}, pt{1, 0.28})
	c.ridge(rgb(214, 222, 232), 1, pt{0, 0.48}, pt{0.3, 0.42}, pt{0.6, 0.47}, pt{1, 0.4})
	for i := range 9 {
		pine(c, rgb(58, 86, 70), 0.05+float64(i)*0.115, 0.5+0.02*math.Sin(float64(i)*1.7), 0.11)
	}
	c.ridge(snowWhite, 1, pt{0, 0.56}, pt{0.5, 0.6}, pt{1, 0.54})
	// The jump: a ramp down from the left, the landing slope below.
	c.poly(rgb(176, 172, 166), pt{0.02, 0.24}, pt{0.06, 0.24}, pt{0.36, 0.5}, pt{0.34, 0.52})
	c.line(rgb(120, 118, 116), 0.04, 0.24, 0.04, 0.6, 0.012)
	c.line(rgb(120, 118, 116), 0.2, 0.38, 0.2, 0.6, 0.01)
	c.poly(rgb(246, 248, 250), pt{0.34, 0.52}, pt{1, 0.86}, pt{1, 1}, pt{0.2, 1})
	for i := range 6 {
		x := 0.4 + float64(i)*0.1
		c.line(alpha(rgb(200, 80, 80), 0.7), x, 0.52+(x-0.34)*0.5, x+0.02, 0.56+(x-0.34)*0.5, 0.004)
	}
	// The jumper, leaning over skis in a V.
	jx, jy := 0.6, 0.44
	c.line(rgb(200, 70, 60), jx-0.1, jy+0.02, jx+0.12, jy+0.06, 0.008)
	c.line(rgb(60, 80, 170), jx-0.1, jy+0.05, jx+0.12, jy+0.07, 0.008)
	c.line(rgb(40, 60, 110), jx-0.02, jy+0.045, jx+0.06, jy+0.0, 0.03)
	c.disc(rgb(230, 200, 60), jx+0.075, jy-0.01, 0.016)
	// Flags of the games along the slope.
	for i, col := range []color.RGBA{rgb(60, 110, 170), rgb(210, 170, 60), rgb(60, 60, 66), rgb(70, 140, 90), rgb(190, 70, 70)} {
		x := 0.08 + float64(i)*0.05
		banner(c, x, 0.62, 0.035, 0.03, col)
	}
}

// paniere paints a basket of local produce on a wooden table.
func paniere(c *canvas) {
	c.vgradient(rgb(206, 190, 164), rgb(170, 146, 116), 0, 0.5)
	c.rect(rgb(150, 130, 104), 0, 0.12, 1, 0.13)
	c.vgradient(woodLight, rgb(110, 78, 52), 0.5, 1)
	for i := range 8 {
		y := 0.52 + float64(i)*0.06
		c.line(alpha(woodDark, 0.5), 0, y, 1, y+0.004, 0.003)
	}
	// A wine bottle and a jar of honey at the back.
	c.rect(rgb(50, 70, 50), 0.76, 0.2, 0.86, 0.55)
	c.poly(rgb(50, 70, 50), pt{0.76, 0.2}, pt{0.86, 0.2}, pt{0.825, 0.12}, pt{0.825, 0.05}, pt{0.795, 0.05}, pt{0.795, 0.12})
	c.rect(rgb(220, 210, 180), 0.765, 0.3, 0.855, 0.4)
	c.rect(rgb(130, 50, 50), 0.77, 0.33, 0.85, 0.36)
	c.rect(rgb(200, 140, 50), 0.06, 0.34, 0.2, 0.55)
	c.rect(rgb(170, 150, 120), 0.055, 0.31, 0.205, 0.345)
	c.rect(rgb(236, 226, 200), 0.08, 0.4, 0.18, 0.48)
	// Grissini in a glass.
	c.rect(alpha(rgb(220, 230, 230), 0.6), 0.62, 0.34, 0.7, 0.55)
	for i := range 6 {
		x := 0.63 + float64(i)*0.012
		c.line(rgb(214, 180, 120), x, 0.55, x-0.02+float64(i)*0.008, 0.2, 0.007)
	}
	// The basket and its handle.
	c.poly(rgb(118, 84, 50), pt{0.2, 0.5}, pt{0.68, 0.5}, pt{0.63, 0.72}, pt{0.25, 0.72})
	for i := range 6 {
		y := 0.52 + float64(i)*0.034
		c.line(rgb(162, 124, 80), 0.21+float64(i)*0.007, y, 0.67-float64(i)*0.007, y, 0.01)
	}
	var handle []pt
	for i := 0; i <= 24; i++ {
		a := math.Pi + float64(i)/24*math.Pi
		handle = append(handle, pt{0.44 + 0.22*math.Cos(a), 0.5 + 0.26*math.Sin(a)})
	}
	for i := 24; i >= 0; i-- {
		a := math.Pi + float64(i)/24*math.Pi
		handle = append(handle, pt{0.44 + 0.2*math.Cos(a), 0.5 + 0.235*math.Sin(a)})
	}
	c.poly(rgb(140, 102, 62), handle...)
	// In the basket: a wheel of toma, apples, hazelnuts, a loaf.
	c.ellipse(rgb(226, 204, 150), 0.34, 0.47, 0.1, 0.045)
	c.rect(rgb(226, 204, 150), 0.24, 0.47, 0.44, 0.5)
	c.ellipse(rgb(240, 226, 186), 0.34, 0.47, 0.1, 0.028)
	c.ellipse(rgb(176, 128, 74), 0.52, 0.46, 0.08, 0.04)
	for i := range 4 {
		c.disc(mix(appleRed, rgb(200, 170, 60), 0.2*float64(i%2)), 0.47+float64(i)*0.05, 0.49-0.015*float64(i%2), 0.027)
	}
	for i := range 9 {
		c.disc(rgb(130, 86, 50), 0.2+float64(i)*0.02, 0.76+0.01*float64(i%2), 0.009)
	}
}

// porticoes paints students under Turin's arcades.
func porticoes(c *canvas) {
	c.fill(rgb(200, 180, 150))
	c.vgradient(skyTop, skyHaze, 0, 0.12)
	c.rect(rgb(188, 168, 138), 0, 0.12, 1, 0.2)
	windows(c, rgb(110, 100, 90), 0, 0.12, 1, 0.2, 5, 1)
	c.rect(rgb(90, 72, 60), 0, 0.2, 1, 0.62) // the shade under the arcade
	for i := range 4 {
		x := -0.1 + float64(i)*0.34
		c.arch(rgb(236, 226, 204), x+0.05, 0.24, x+0.29, 0.6) // the bright street beyond
	}
	for i := range 5 {
		x := -0.1 + float64(i)*0.34
		c.rect(rgb(196, 176, 146), x-0.05, 0.2, x+0.05, 0.66)
		c.rect(rgb(176, 156, 128), x-0.055, 0.6, x+0.055, 0.66)
	}
	c.vgradient(rgb(150, 140, 130), rgb(120, 110, 100), 0.66, 1)
	for i := range 6 {
		x := 0.1 + float64(i)*0.16
		person(c, clothColors[i%len(clothColors)], mix(skin, skinDark, 0.35*float64(i%3)), x, 0.76+0.02*float64(i%2), 0.34)
		if i%2 == 0 { // a book or a folder under the arm
			c.rect(rgb(180, 60, 50), x+0.045, 0.56, x+0.065, 0.62)
		}
	}
}

// palace paints the Reggia di Venaria: the long baroque front, the
// central pavilion, the garden's avenue and fountain before it.
func palace(c *canvas) {
	c.vgradient(skyTop, skyHaze, 0, 0.34)
	cloud(c, 0.3, 0.08, 1.4)
	c.ridge(rgb(150, 160, 150), 0.4, pt{0, 0.3}, pt{0.4, 0.27}, pt{1, 0.31})
	front := rgb(214, 192, 158)
	c.rect(front, 0, 0.26, 1, 0.4)
	c.rect(rgb(120, 110, 104), -0.01, 0.245, 1.01, 0.262)
	windows(c, windowBlue, 0, 0.27, 1, 0.39, 9, 2)
	c.rect(mix(front, rgb(255, 255, 255), 0.2), 0.3, 0.2, 0.7, 0.4) // the pavilion
	c.poly(rgb(116, 106, 100), pt{0.28, 0.2}, pt{0.5, 0.165}, pt{0.72, 0.2})
	windows(c, windowBlue, 0.32, 0.215, 0.68, 0.39, 4, 3)
	c.arch(rgb(80, 70, 66), 0.45, 0.33, 0.55, 0.4)
	c.disc(rgb(240, 236, 226), 0.5, 0.19, 0.04)
	c.disc(rgb(80, 76, 72), 0.5, 0.19, 0.032)
	// The garden: lawns, the avenue in perspective, hedges, a fountain.
	c.vgradient(rgb(124, 144, 92), rgb(84, 110, 60), 0.4, 1)
	c.poly(rgb(214, 200, 170), pt{0.44, 0.4}, pt{0.56, 0.4}, pt{0.95, 1}, pt{0.05, 1})
	for i := range 6 {
		y := 0.42 + float64(i*i)*0.022
		s := 0.5 + float64(i)*0.5
		for _, side := range []float64{-1, 1} {
			x := 0.5 + side*(0.1+float64(i*i)*0.025)
			c.ellipse(leafShadow, x, y, 0.04*s, 0.05*s)
			c.ellipse(leafGreen, x-0.006*s, y-0.006*s, 0.028*s, 0.035*s)
		}
	}
	c.ellipse(rgb(170, 160, 140), 0.5, 0.52, 0.2, 0.06)
	c.ellipse(rgb(120, 150, 170), 0.5, 0.52, 0.17, 0.045)
	c.line(alpha(rgb(250, 250, 255), 0.8), 0.5, 0.52, 0.5, 0.46, 0.012)
	c.disc(alpha(rgb(250, 250, 255), 0.6), 0.5, 0.46, 0.02)
}

// orchard paints an apple tree heavy with fruit, a ladder and crates.
func orchard(c *canvas) {
	c.vgradient(rgb(140, 172, 200), rgb(220, 222, 200), 0, 0.4)
	c.ridge(grassFar, 1, pt{0, 0.38}, pt{0.5, 0.34}, pt{1, 0.37})
	for i := range 6 { // rows of trees far off
		roundTree(c, 0.08+float64(i)*0.17, 0.42, 0.07)
	}
	c.vgradient(rgb(120, 140, 84), grassNear, 0.44, 1)
	// The tree.
	c.poly(woodDark, pt{0.44, 0.62}, pt{0.56, 0.62}, pt{0.54, 0.4}, pt{0.62, 0.3}, pt{0.6, 0.29}, pt{0.51, 0.37}, pt{0.45, 0.28}, pt{0.43, 0.3}, pt{0.47, 0.4})
	c.ellipse(leafShadow, 0.5, 0.26, 0.46, 0.16)
	c.ellipse(leafGreen, 0.42, 0.22, 0.3, 0.12)
	c.ellipse(mix(leafGreen, rgb(160, 180, 90), 0.3), 0.62, 0.19, 0.22, 0.09)
	for i := range 26 {
		a := float64(i) * 2.4
		r := 0.08 + 0.3*math.Mod(float64(i)*0.37, 1)
		x := 0.5 + r*math.Cos(a)
		y := 0.26 + r*0.28*math.Sin(a)
		c.disc(mix(appleRed, rgb(210, 160, 70), 0.25*float64(i%3)), x, y, 0.03)
		c.disc(alpha(rgb(255, 240, 220), 0.35), x-0.008, y-0.004, 0.008)
	}
	// A ladder against the tree.
	c.line(woodLight, 0.7, 0.66, 0.78, 0.3, 0.018)
	c.line(woodLight, 0.8, 0.67, 0.86, 0.31, 0.018)
	for i := range 7 {
		t := 0.1 + float64(i)*0.13
		c.line(woodLight, 0.7+0.08*t, 0.66-0.36*t, 0.8+0.06*t, 0.67-0.36*t, 0.012)
	}
	// Crates of apples.
	for i, x := range []float64{0.1, 0.34} {
		y := 0.62 + 0.03*float64(i)
		c.rect(woodLight, x, y, x+0.26, y+0.09)
		c.line(woodDark, x, y+0.045, x+0.26, y+0.045, 0.006)
		for k := range 5 {
			c.disc(appleRed, x+0.03+float64(k)*0.05, y-0.003, 0.025)
		}
	}
}

// urbanRural paints the city in the plain, fields in front, hills behind.
func urbanRural(c *canvas) {
	c.vgradient(skyTop, skyHaze, 0, 0.3)
	alps(c, rockFar, 0.4, pt{0, 0.22}, pt{0.2, 0.14}, pt{0.4, 0.22}, pt{0.62, 0.12}, pt{0.85, 0.21}, pt{1, 0.17})
	c.ridge(rgb(140, 150, 130), 0.45, pt{0, 0.3}, pt{0.5, 0.27}, pt{1, 0.31})
	for i := range 16 { // the city
		x := float64(i) * 0.065
		top := 0.27 + 0.025*math.Abs(math.Sin(float64(i)*1.9))
		col := mix(rgb(190, 170, 150), rgb(140, 136, 140), math.Abs(math.Sin(float64(i)*0.7)))
		c.rect(col, x, top, x+0.06, 0.38)
		windows(c, mix(col, windowBlue, 0.5), x, top+0.01, x+0.06, 0.37, 3, 4)
	}
	c.rect(rgb(150, 130, 120), 0.46, 0.2, 0.5, 0.3) // a tower
	// The fields: bands in perspective, a farmhouse, a row of poplars.
	colors := []color.RGBA{rgb(170, 160, 90), grassFar, rgb(150, 130, 90), rgb(120, 140, 80), rgb(184, 170, 110)}
	for i := range 7 {
		y0 := 0.38 + float64(i*i)*0.0125 + float64(i)*0.01
		y1 := 0.38 + float64((i+1)*(i+1))*0.0125 + float64(i+1)*0.01
		c.poly(colors[i%len(colors)], pt{0, y0}, pt{1, y0 - 0.01}, pt{1, y1 - 0.01}, pt{0, y1})
	}
	for i := range 7 {
		x := 0.06 + float64(i)*0.06
		c.ellipse(leafShadow, x, 0.41, 0.014, 0.03)
	}
	c.rect(plaster, 0.62, 0.44, 0.8, 0.5)
	c.poly(roofRed, pt{0.6, 0.445}, pt{0.71, 0.42}, pt{0.82, 0.445})
	windows(c, woodDark, 0.62, 0.455, 0.8, 0.49, 4, 1)
	for i := range 9 {
		x0 := 0.05 + float64(i)*0.12
		c.line(alpha(rgb(90, 100, 60), 0.5), x0, 0.52, -0.6+float64(i)*0.32, 1, 0.006)
	}
}

// councilHall paints the council's chamber: curved benches facing the
// presidency, flags, a chandelier, panelled walls.
func councilHall(c *canvas) {
	c.vgradient(rgb(150, 110, 80), rgb(110, 80, 60), 0, 0.5)
	for i := range 6 { // wall panels
		x := float64(i) * 0.18
		c.rect(rgb(126, 90, 64), x+0.02, 0.08, x+0.16, 0.36)
	}
	c.rect(rgb(200, 180, 140), 0, 0.36, 1, 0.38)
	banner(c, 0.12, 0.14, 0.12, 0.08, italyGreen, rgb(236, 234, 228), italyRed)
	banner(c, 0.76, 0.14, 0.12, 0.08, euBlue)
	// The presidency's bench.
	c.rect(woodDark, 0.3, 0.3, 0.7, 0.4)
	c.rect(rgb(70, 90, 70), 0.3, 0.29, 0.7, 0.305)
	for i := range 3 {
		bust(c, suitDark, skin, hairDark, 0.4+float64(i)*0.1, 0.3, 0.07)
	}
	// Chandelier.
	c.line(rgb(180, 150, 90), 0.5, 0, 0.5, 0.07, 0.004)
	for i := range 5 {
		c.disc(alpha(rgb(255, 230, 170), 0.8), 0.42+float64(i)*0.04, 0.08, 0.012)
	}
	c.vgradient(rgb(120, 46, 44), rgb(90, 34, 34), 0.4, 1) // red carpet
	// Curved rows of benches, nearer and wider downwards.
	for row := range 5 {
		y := 0.46 + float64(row)*0.1
		r := 0.5 + float64(row)*0.16
		var top, bottom []pt
		for i := 0; i <= 20; i++ {
			a := math.Pi * (0.15 + 0.7*float64(i)/20)
			top = append(top, pt{0.5 - r*math.Cos(a), y - 0.1*math.Sin(a) + 0.1})
			bottom = append(bottom, pt{0.5 - r*math.Cos(a), y - 0.1*math.Sin(a) + 0.135})
		}
		for i := len(bottom) - 1; i >= 0; i-- {
			top = append(top, bottom[i])
		}
		c.poly(woodLight, top...)
		for i := 0; i < 20; i += 3 {
			a := math.Pi * (0.15 + 0.7*(float64(i)+1.5)/20)
			c.rect(rgb(60, 40, 30), 0.5-r*math.Cos(a)-0.03, y-0.1*math.Sin(a)+0.06, 0.5-r*math.Cos(a)+0.03, y-0.1*math.Sin(a)+0.1)
		}
	}
}

// conference paints a panel at a long table before a screen, the
// audience's heads in the foreground.
func conference(c *canvas) {
	c.vgradient(rgb(44, 54, 78), rgb(70, 84, 110), 0, 0.7)
	c.rect(rgb(30, 40, 60), 0, 0.04, 1, 0.06)
	// Screen with a slide: a title bar and a map of Europe's cities.
	c.rect(rgb(30, 34, 40), 0.19, 0.07, 0.81, 0.45)
	c.rect(rgb(224, 228, 232), 0.2, 0.08, 0.8, 0.44)
	c.rect(euBlue, 0.2, 0.08, 0.8, 0.15)
	c.rect(rgb(236, 238, 242), 0.24, 0.105, 0.6, 0.125)
	c.poly(rgb(186, 200, 180), pt{0.3, 0.4}, pt{0.34, 0.22}, pt{0.42, 0.18}, pt{0.52, 0.2}, pt{0.62, 0.17}, pt{0.7, 0.24}, pt{0.66, 0.36}, pt{0.56, 0.42})
	for i := range 9 {
		x := 0.36 + 0.035*float64(i)
		y := 0.24 + 0.04*math.Abs(math.Sin(float64(i)*1.3))
		c.disc(rgb(200, 80, 60), x, y, 0.005)
	}
	banner(c, 0.08, 0.3, 0.06, 0.07, euBlue)
	banner(c, 0.88, 0.3, 0.06, 0.07, italyGreen, rgb(236, 234, 228), italyRed)
	// The panel.
	for i := range 5 {
		bust(c, clothColors[(i*3)%len(clothColors)], mix(skin, skinDark, 0.3*float64(i%2)), hairDark, 0.26+float64(i)*0.12, 0.58, 0.06)
		c.line(rgb(40, 40, 44), 0.29+float64(i)*0.12, 0.585, 0.28+float64(i)*0.12, 0.55, 0.002)
	}
	c.rect(rgb(230, 232, 236), 0.18, 0.58, 0.82, 0.6)
	c.rect(rgb(40, 64, 120), 0.18, 0.6, 0.82, 0.7)
	for i := range 5 {
		c.rect(rgb(236, 236, 240), 0.24+float64(i)*0.12, 0.56, 0.28+float64(i)*0.12, 0.585)
	}
	c.vgradient(rgb(40, 40, 48), rgb(24, 24, 30), 0.7, 1)
	// The audience, from behind.
	for row := range 2 {
		for i := range 12 {
			x := float64(i)*0.09 + 0.045*float64(row)
			bust(c, mix(clothColors[(i+row)%len(clothColors)], rgb(20, 20, 26), 0.5), skinDark, mix(hairDark, rgb(120, 110, 100), 0.3*float64((i+row)%3)), x, 0.9+0.12*float64(row), 0.075+0.02*float64(row))
		}
	}
}

// lectern paints a speaker at a lectern before a banner and a screen.
func lectern(c *canvas) {
	c.vgradient(rgb(70, 60, 70), rgb(110, 100, 110), 0, 0.6)
	c.rect(rgb(150, 40, 56), 0.06, 0.06, 0.94, 0.2) // banner
	c.rect(rgb(236, 230, 226), 0.12, 0.11, 0.88, 0.13)
	c.rect(rgb(236, 230, 226), 0.2, 0.15, 0.8, 0.16)
	c.rect(rgb(30, 30, 36), 0.1, 0.24, 0.9, 0.5)
	c.rect(rgb(214, 220, 226), 0.12, 0.255, 0.88, 0.485)
	for i := range 5 { // a bar chart on the slide
		h := 0.05 + 0.035*float64(i)
		c.rect(rgb(60, 100, 150), 0.2+float64(i)*0.13, 0.46-h, 0.28+float64(i)*0.13, 0.46)
	}
	banner(c, 0.06, 0.36, 0.14, 0.08, euBlue)
	banner(c, 0.8, 0.36, 0.14, 0.08, rgb(236, 234, 236), rgb(236, 234, 236)) // Poland: white over red
	c.rect(rgb(200, 50, 60), 0.8, 0.40, 0.94, 0.44)
	c.vgradient(rgb(90, 70, 60), rgb(60, 46, 40), 0.6, 1)
	person(c, suitDark, skin, 0.5, 0.74, 0.3)
	c.poly(woodLight, pt{0.36, 0.6}, pt{0.64, 0.6}, pt{0.6, 0.8}, pt{0.4, 0.8})
	c.rect(rgb(236, 226, 200), 0.44, 0.64, 0.56, 0.68)
	c.line(rgb(30, 30, 30), 0.52, 0.6, 0.5, 0.53, 0.004)
}

// forum paints a large hall seen from the back: stage, screens, rows.
func forum(c *canvas) {
	c.vgradient(rgb(30, 36, 52), rgb(58, 66, 90), 0, 0.55)
	for i := range 7 { // spotlights
		x := 0.1 + float64(i)*0.13
		c.poly(alpha(rgb(255, 240, 210), 0.08), pt{x - 0.005, 0}, pt{x + 0.005, 0}, pt{x + 0.05, 0.52}, pt{x - 0.05, 0.52})
		c.disc(rgb(250, 240, 220), x, 0.01, 0.006)
	}
	c.rect(rgb(44, 110, 120), 0.3, 0.1, 0.7, 0.2)
	c.rect(rgb(230, 236, 236), 0.34, 0.135, 0.66, 0.165)
	for _, x := range []float64{0.04, 0.72} {
		c.rect(rgb(24, 26, 30), x, 0.1, x+0.24, 0.36)
		c.rect(rgb(200, 214, 222), x+0.01, 0.11, x+0.23, 0.35)
		c.disc(rgb(160, 130, 110), x+0.12, 0.2, 0.03)
		c.rect(rgb(60, 80, 110), x+0.07, 0.25, x+0.17, 0.35)
	}
	c.rect(rgb(90, 80, 80), 0.2, 0.44, 0.8, 0.52) // the stage
	c.rect(rgb(130, 110, 100), 0.2, 0.43, 0.8, 0.445)
	for i := range 4 {
		person(c, clothColors[i+2], mix(skin, skinDark, 0.4*float64(i%2)), 0.32+float64(i)*0.12, 0.44, 0.2)
	}
	c.vgradient(rgb(50, 40, 44), rgb(26, 22, 26), 0.52, 1)
	for row := range 4 {
		y := 0.62 + float64(row)*0.1
		wd := 0.035 + 0.01*float64(row)
		for i := 0; float64(i)*wd*1.3 < 1.1; i++ {
			x := float64(i)*wd*1.3 + wd*0.6*float64(row%2)
			bust(c, mix(clothColors[(i*5+row)%len(clothColors)], rgb(20, 20, 24), 0.55), skinDark, hairDark, x, y+0.06, wd)
		}
	}
}

// villageWell paints a sunlit village square around a well.
func villageWell(c *canvas) {
	c.vgradient(rgb(120, 164, 204), rgb(236, 222, 190), 0, 0.38)
	c.disc(alpha(rgb(255, 246, 220), 0.7), 0.8, 0.1, 0.05)
	c.ridge(rgb(176, 150, 110), 0.5, pt{0, 0.34}, pt{0.3, 0.3}, pt{0.7, 0.33}, pt{1, 0.29})
	for i := range 5 { // houses of earth
		x := -0.05 + float64(i)*0.22
		top := 0.3 + 0.02*float64(i%2)
		col := mix(rgb(200, 160, 110), rgb(220, 190, 140), 0.5*float64(i%2))
		c.rect(col, x, top, x+0.2, 0.46)
		c.rect(mix(col, rgb(90, 60, 40), 0.6), x+0.08, 0.38, x+0.12, 0.46)
		c.rect(mix(col, rgb(90, 60, 40), 0.4), x+0.02, top+0.03, x+0.05, top+0.06)
		c.rect(mix(col, rgb(110, 80, 50), 0.3), x-0.005, top-0.006, x+0.205, top+0.004)
	}
	roundTree(c, 0.86, 0.44, 0.09)
	c.vgradient(rgb(206, 170, 120), rgb(176, 136, 92), 0.46, 1)
	// The well: a stone drum, posts, a beam, a rope and a bucket.
	c.ellipse(rgb(150, 130, 110), 0.5, 0.62, 0.2, 0.05)
	c.rect(rgb(150, 130, 110), 0.3, 0.52, 0.7, 0.62)
	for i := range 3 {
		c.line(alpha(rgb(110, 94, 80), 0.8), 0.3, 0.55+float64(i)*0.025, 0.7, 0.55+float64(i)*0.025, 0.004)
	}
	c.ellipse(rgb(170, 150, 130), 0.5, 0.52, 0.2, 0.05)
	c.ellipse(rgb(50, 44, 40), 0.5, 0.52, 0.17, 0.035)
	c.line(woodDark, 0.32, 0.52, 0.32, 0.36, 0.02)
	c.line(woodDark, 0.68, 0.52, 0.68, 0.36, 0.02)
	c.line(woodDark, 0.3, 0.37, 0.7, 0.37, 0.025)
	c.line(rgb(190, 170, 130), 0.5, 0.37, 0.5, 0.46, 0.004)
	c.rect(rgb(120, 120, 124), 0.48, 0.46, 0.52, 0.49)
	// Villagers with water jars.
	person(c, rgb(190, 110, 60), skinDark, 0.16, 0.74, 0.3)
	c.ellipse(rgb(170, 100, 70), 0.16, 0.43, 0.035, 0.025)
	person(c, rgb(70, 110, 140), skinDark, 0.84, 0.76, 0.28)
	c.ellipse(rgb(220, 200, 90), 0.9, 0.62, 0.03, 0.04)
}

// classroom paints pupils at their desks before a blackboard.
func classroom(c *canvas) {
	c.vgradient(rgb(214, 200, 164), rgb(190, 174, 140), 0, 0.46)
	c.rect(rgb(150, 130, 100), 0, 0.42, 1, 0.46)
	c.rect(rgb(110, 90, 70), 0.1, 0.05, 0.76, 0.29)
	c.rect(rgb(52, 76, 62), 0.12, 0.065, 0.74, 0.275) // blackboard
	// Chalk: letters, a sum, a line of writing.
	chalk := rgb(226, 228, 220)
	for i := range 5 {
		x := 0.16 + float64(i)*0.055
		c.line(chalk, x, 0.1, x+0.02, 0.15, 0.005)
		c.line(chalk, x+0.02, 0.15, x+0.04, 0.1, 0.005)
	}
	c.line(chalk, 0.16, 0.19, 0.48, 0.19, 0.004)
	c.line(chalk, 0.16, 0.23, 0.4, 0.23, 0.004)
	c.line(chalk, 0.54, 0.16, 0.66, 0.16, 0.005)
	c.line(chalk, 0.6, 0.12, 0.6, 0.2, 0.005)
	// A window with light.
	c.rect(rgb(180, 200, 214), 0.82, 0.06, 0.97, 0.34)
	c.line(rgb(150, 130, 100), 0.895, 0.06, 0.895, 0.34, 0.01)
	// The teacher.
	person(c, rgb(150, 90, 110), skinDark, 0.66, 0.44, 0.24)
	c.vgradient(rgb(170, 140, 100), rgb(140, 110, 80), 0.46, 1)
	c.poly(alpha(rgb(255, 246, 220), 0.2), pt{0.82, 0.46}, pt{0.97, 0.46}, pt{0.75, 0.9}, pt{0.4, 0.9})
	// Pupils from behind, at two rows of desks.
	for row := range 2 {
		y := 0.53 + float64(row)*0.13
		wd := 0.14 + 0.04*float64(row)
		for i := range 4 {
			x := 0.14 + float64(i)*0.24 + 0.02*float64(row)
			bust(c, clothColors[(i+row*3)%len(clothColors)], skinDark, hairDark, x, y, wd)
		}
		c.rect(woodLight, 0, y, 1, y+0.03)
		c.rect(woodDark, 0, y+0.03, 1, y+0.04)
	}
}

// field paints a cultivated field in perspective with a farmer at work.
func field(c *canvas) {
	c.vgradient(rgb(130, 170, 206), rgb(236, 226, 196), 0, 0.34)
	c.disc(alpha(rgb(255, 246, 220), 0.7), 0.7, 0.08, 0.07)
	cloud(c, 0.3, 0.12, 1.6)
	c.ridge(rgb(150, 150, 110), 0.4, pt{0, 0.32}, pt{0.5, 0.29}, pt{1, 0.31})
	roundTree(c, 0.2, 0.335, 0.1)
	roundTree(c, 0.75, 0.33, 0.07)
	c.vgradient(rgb(170, 150, 90), rgb(120, 90, 60), 0.34, 1)
	// Rows of crops converging on the horizon.
	for i := range 13 {
		x := -1.2 + float64(i)*0.28
		c.poly(leafGreen, pt{0.5 + (x-0.5)*0.05 - 0.004, 0.34}, pt{0.5 + (x-0.5)*0.05 + 0.004, 0.34}, pt{x + 0.06, 1}, pt{x - 0.06, 1})
	}
	// A farmer with a hoe.
	person(c, rgb(200, 120, 60), skinDark, 0.56, 0.6, 0.2)
	c.ellipse(rgb(220, 200, 150), 0.56, 0.42, 0.1, 0.012) // a hat
	c.line(woodLight, 0.44, 0.62, 0.66, 0.46, 0.02)
	c.line(rgb(120, 120, 124), 0.42, 0.6, 0.46, 0.64, 0.03)
}

// meeting paints a delegation at a long table, flags at its head.
func meeting(c *canvas) {
	c.vgradient(rgb(214, 206, 190), rgb(186, 176, 160), 0, 0.5)
	c.rect(rgb(176, 196, 210), 0.3, 0.04, 0.7, 0.2) // a window
	c.line(rgb(150, 140, 120), 0.5, 0.04, 0.5, 0.2, 0.015)
	banner(c, 0.18, 0.1, 0.22, 0.05, italyGreen, rgb(236, 234, 228), italyRed)
	// Palestine: black, white, green stripes with a red triangle.
	c.line(rgb(150, 140, 120), 0.78, 0.09, 0.78, 0.24, 0.013)
	c.rect(rgb(40, 40, 40), 0.6, 0.1, 0.78, 0.117)
	c.rect(rgb(236, 234, 228), 0.6, 0.117, 0.78, 0.133)
	c.rect(rgb(40, 120, 70), 0.6, 0.133, 0.78, 0.15)
	c.poly(rgb(190, 50, 50), pt{0.6, 0.1}, pt{0.66, 0.125}, pt{0.6, 0.15})
	c.vgradient(rgb(130, 110, 90), rgb(100, 80, 64), 0.26, 1)
	// The table running away from us, people on both sides.
	c.poly(rgb(90, 60, 40), pt{0.42, 0.26}, pt{0.58, 0.26}, pt{0.8, 0.95}, pt{0.2, 0.95})
	c.poly(rgb(120, 86, 60), pt{0.43, 0.265}, pt{0.57, 0.265}, pt{0.76, 0.9}, pt{0.24, 0.9})
	for i := range 5 {
		t := float64(i) / 4
		y := 0.32 + t*t*0.5
		s := 0.1 + 0.14*t
		for side, x := range []float64{0.4 - t*0.22, 0.6 + t*0.22} {
			bust(c, clothColors[(i*2+side*5)%len(clothColors)], mix(skin, skinDark, 0.5*float64((i+side)%2)), hairDark, x+(float64(side)*2-1)*s*0.35, y, s)
		}
		c.rect(rgb(240, 240, 236), 0.47-t*0.15, y-0.01, 0.5-t*0.12, y+0.005)
		c.rect(rgb(240, 240, 236), 0.5+t*0.12, y-0.01, 0.53+t*0.15, y+0.005)
	}
	c.disc(rgb(200, 220, 230), 0.5, 0.5, 0.02) // water jug
}

// harbour paints Larache: a white town above the sea, a minaret, boats.
func harbour(c *canvas) {
	c.vgradient(rgb(110, 160, 206), rgb(226, 222, 210), 0, 0.3)
	cloud(c, 0.7, 0.06, 1.4)
	// The minaret.
	c.rect(rgb(226, 214, 190), 0.62, 0.1, 0.74, 0.36)
	c.rect(rgb(70, 130, 110), 0.62, 0.15, 0.74, 0.165)
	c.rect(rgb(226, 214, 190), 0.64, 0.05, 0.72, 0.1)
	c.poly(rgb(70, 130, 110), pt{0.64, 0.05}, pt{0.68, 0.025}, pt{0.72, 0.05})
	c.arch(rgb(110, 100, 90), 0.665, 0.2, 0.695, 0.25)
	// White houses stacked down to the sea.
	for row := range 5 {
		for i := range 5 {
			x := -0.05 + float64(i)*0.24 + 0.1*float64(row%2)
			y := 0.26 + float64(row)*0.06
			col := mix(rgb(240, 238, 232), rgb(210, 200, 186), 0.3*float64((i+row)%3))
			c.rect(col, x, y, x+0.22, y+0.08)
			c.rect(rgb(60, 100, 150), x+0.04, y+0.02, x+0.08, y+0.045)
			c.arch(rgb(60, 100, 150), x+0.13, y+0.035, x+0.17, y+0.08)
		}
	}
	c.vgradient(rgb(70, 120, 150), rgb(40, 80, 110), 0.56, 1)
	c.rect(rgb(170, 160, 140), 0, 0.55, 1, 0.57) // the quay
	for i := range 20 {
		y := 0.6 + float64(i)*0.02
		c.line(alpha(rgb(220, 236, 240), 0.25), 0.1*float64(i%5), y, 0.1*float64(i%5)+0.3, y, 0.003)
	}
	// Fishing boats.
	for i, col := range []color.RGBA{rgb(40, 90, 160), rgb(190, 60, 50), rgb(230, 200, 70)} {
		x, y := 0.1+float64(i)*0.3, 0.64+0.03*float64(i%2)
		c.poly(col, pt{x, y}, pt{x + 0.26, y}, pt{x + 0.22, y + 0.035}, pt{x + 0.04, y + 0.035})
		c.rect(rgb(240, 240, 236), x+0.02, y-0.005, x+0.24, y+0.002)
		c.line(woodDark, x+0.13, y, x+0.13, y-0.12, 0.01)
	}
}
