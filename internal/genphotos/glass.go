package main

import (
	"image/color"
	"math"
)

// This file draws the placeholders of the glass museum leaflet
// (examples/vetreria): a square page of 210 mm with a 3 mm bleed, a text
// area of 178 mm and columns of 85 mm.
const (
	squareBleed  = 216.0                  // the whole page, bleed included
	squareText   = 178.0                  // the text area
	squareColumn = (squareText - 8) / 2.0 // one language's column
)

// glassPhotos lists the leaflet's photographs.
func glassPhotos() []photo {
	return []photo{
		{"cover.jpg", 2560, 2560, squareBleed, squareBleed, furnaceMouth, []string{"La bocca del forno fusorio", "The mouth of the melting furnace"}},
		{"glassworks.jpg", 2110, 760, squareText, 64, glassworks, []string{"La vetreria di Valmorena verso il 1930", "The Valmorena glassworks around 1930"}},
		{"bench.jpg", 880, 760, squareText * 0.4, 62, masterBench, []string{"Il banco del maestro", "The master’s bench"}},
		{"demijohn.jpg", 640, 840, squareText * 0.24, 56, demijohn, []string{"Damigiana, 1925 circa", "Demijohn, about 1925"}},
		{"chair.jpg", 2110, 1020, squareText, 86, glassChair, []string{"La piazza di Battista Giraudo, 1952", "Battista Giraudo’s chair, 1952"}},
		{"collection.jpg", 2560, 2560, squareBleed, squareBleed, collection, []string{"La sala del vino", "The wine room"}},
	}
}

// Colours of glass and of the glassworks.
var (
	glassGreen  = rgb(62, 118, 74)
	glassAmber  = rgb(170, 104, 36)
	glassCobalt = rgb(40, 66, 150)
	glassClear  = rgb(196, 214, 210)
	glassMilk   = rgb(226, 228, 222)
	firebrick   = rgb(118, 62, 44)
	soot        = rgb(34, 26, 24)
	glowWhite   = rgb(255, 244, 200)
	glowYellow  = rgb(255, 196, 80)
	glowOrange  = rgb(236, 112, 36)
)

// glow paints concentric discs from a hot centre outwards, fading.
func glow(c *canvas, x, y, r float64) {
	for i := 12; i >= 1; i-- {
		t := float64(i) / 12
		col := mix(glowYellow, glowOrange, t)
		c.disc(alpha(col, 0.10+0.05*(1-t)), x, y, r*t)
	}
	c.disc(alpha(glowWhite, 0.8), x, y, r*0.12)
}

// bottle draws a bottle of glass colour col standing at (x, y) (the
// middle of its foot), wd wide (fraction of the width) and h high
// (fraction of the height), with a highlight down its left side.
func bottle(c *canvas, col color.RGBA, x, y, wd, h float64) {
	body := alpha(col, 0.86)
	shoulder := y - h*0.62
	c.rect(body, x-wd/2, shoulder, x+wd/2, y)
	c.ellipse(body, x, shoulder, wd/2, wd*0.32)
	c.rect(body, x-wd*0.16, y-h*0.97, x+wd*0.16, shoulder)
	c.rect(mix(col, rgb(20, 20, 20), 0.3), x-wd*0.2, y-h, x+wd*0.2, y-h*0.95) // the lip
	c.line(alpha(rgb(255, 255, 255), 0.45), x-wd*0.3, shoulder+h*0.04, x-wd*0.3, y-h*0.05, wd*0.09)
	c.line(alpha(rgb(255, 255, 255), 0.3), x-wd*0.07, y-h*0.93, x-wd*0.07, shoulder-h*0.02, wd*0.05)
}

// jar draws a wide pharmacy jar with a lid.
func jar(c *canvas, col color.RGBA, x, y, wd, h float64) {
	body := alpha(col, 0.88)
	c.rect(body, x-wd/2, y-h*0.78, x+wd/2, y)
	c.ellipse(body, x, y-h*0.78, wd/2, wd*0.12)
	c.rect(mix(col, rgb(255, 255, 255), 0.2), x-wd*0.3, y-h*0.92, x+wd*0.3, y-h*0.8)
	c.disc(mix(col, rgb(255, 255, 255), 0.2), x, y-h*0.94, wd*0.08)
	c.rect(alpha(rgb(250, 246, 232), 0.9), x-wd*0.32, y-h*0.55, x+wd*0.32, y-h*0.3) // the label
	c.line(alpha(rgb(255, 255, 255), 0.4), x-wd*0.36, y-h*0.72, x-wd*0.36, y-h*0.08, wd*0.07)
}

// furnaceMouth paints a glassblower at the glowing mouth of a furnace in
// a dark hall, the top left dark for the cover's title.
func furnaceMouth(c *canvas) {
	c.vgradient(rgb(14, 12, 14), rgb(48, 30, 24), 0, 0.75)
	// The brick dome of the furnace, lit from its mouth.
	var dome []pt
	for i := 0; i <= 32; i++ {
		a := math.Pi * float64(i) / 32
		dome = append(dome, pt{0.62 - 0.36*math.Cos(a), 0.72 - 0.42*math.Sin(a)})
	}
	c.poly(firebrick, dome...)
	for row := range 9 { // courses of brick
		y := 0.34 + float64(row)*0.042
		c.line(alpha(soot, 0.55), 0.26, y, 0.98, y, 0.0025)
		for i := range 14 {
			x := 0.27 + float64(i)*0.052 + 0.026*float64(row%2)
			c.line(alpha(soot, 0.45), x, y, x, y+0.042, 0.002)
		}
	}
	c.shade(0.3, 0.75, 0.7)
	// The mouth, white-hot inside, and its glow on the bricks.
	glow(c, 0.62, 0.57, 0.34)
	c.arch(glowOrange, 0.54, 0.49, 0.7, 0.66)
	c.arch(glowYellow, 0.56, 0.515, 0.68, 0.66)
	c.arch(glowWhite, 0.585, 0.545, 0.655, 0.66)
	// The floor of beaten earth.
	c.vgradient(rgb(70, 44, 30), rgb(30, 22, 18), 0.66, 1)
	c.ellipse(alpha(glowOrange, 0.25), 0.6, 0.7, 0.3, 0.04)
	// The glassblower, a silhouette against the glow, pipe to the mouth.
	man := rgb(20, 16, 16)
	x, foot := 0.27, 0.86
	c.poly(man, pt{x - 0.05, foot - 0.3}, pt{x + 0.045, foot - 0.3}, pt{x + 0.06, foot}, pt{x + 0.025, foot}, pt{x, foot - 0.16}, pt{x - 0.02, foot}, pt{x - 0.055, foot})
	c.poly(man, pt{x - 0.07, foot - 0.5}, pt{x + 0.06, foot - 0.5}, pt{x + 0.05, foot - 0.29}, pt{x - 0.055, foot - 0.29})
	c.disc(man, x-0.005, foot-0.55, 0.04)
	c.line(man, x+0.04, foot-0.47, x+0.15, foot-0.39, 0.03)    // the arms
	c.line(rgb(60, 56, 56), x+0.1, foot-0.42, 0.6, 0.6, 0.008) // the blowpipe
	glow(c, 0.6, 0.6, 0.05)
	c.disc(glowYellow, 0.6, 0.6, 0.018) // the gather of glass on the pipe
	// Sparks.
	for i := range 18 {
		a := float64(i) * 2.39
		r := 0.05 + 0.012*float64(i)
		c.disc(alpha(glowYellow, 0.7), 0.62+r*math.Cos(a), 0.5+r*0.6*math.Sin(a), 0.002)
	}
}

// glassworks paints the glassworks in its valley: a long brick hall, the
// tall chimney smoking, beech woods and mountains behind.
func glassworks(c *canvas) {
	c.vgradient(rgb(120, 150, 180), rgb(220, 214, 196), 0, 0.55)
	cloud(c, 0.2, 0.1, 0.7)
	cloud(c, 0.78, 0.14, 0.6)
	alps(c, rockFar, 0.62, pt{0, 0.34}, pt{0.1, 0.22}, pt{0.22, 0.3}, pt{0.36, 0.12}, pt{0.5, 0.28}, pt{0.64, 0.16}, pt{0.8, 0.3}, pt{0.92, 0.2}, pt{1, 0.26})
	c.ridge(rgb(84, 104, 64), 0.7, pt{0, 0.4}, pt{0.2, 0.34}, pt{0.45, 0.42}, pt{0.7, 0.36}, pt{1, 0.44})
	for i := range 40 { // the beech woods, rounded crowns
		x := float64(i)*0.026 - 0.01
		y := 0.44 + 0.03*math.Sin(float64(i)*1.7)
		c.ellipse(mix(rgb(96, 112, 58), rgb(150, 120, 60), 0.3+0.3*math.Sin(float64(i)*0.9)), x, y, 0.02, 0.02)
	}
	c.vgradient(rgb(128, 140, 92), rgb(100, 112, 72), 0.5, 1) // the meadow
	// The furnace hall: long, with a pitched roof and arched windows.
	c.rect(brick, 0.3, 0.42, 0.86, 0.72)
	c.poly(roofRed, pt{0.28, 0.43}, pt{0.58, 0.3}, pt{0.88, 0.43})
	for i := range 8 {
		x := 0.33 + float64(i)*0.065
		c.arch(windowBlue, x, 0.5, x+0.03, 0.62)
	}
	c.rect(woodDark, 0.555, 0.6, 0.605, 0.72) // the great door
	// The warehouse, lower, at the left.
	c.rect(plaster, 0.1, 0.52, 0.3, 0.72)
	c.poly(roofRed, pt{0.09, 0.53}, pt{0.2, 0.46}, pt{0.31, 0.53})
	windows(c, windowBlue, 0.11, 0.55, 0.29, 0.7, 4, 2)
	// The chimney, and its smoke drifting right.
	c.poly(mix(brick, soot, 0.2), pt{0.755, 0.42}, pt{0.775, 0.05}, pt{0.8, 0.05}, pt{0.82, 0.42})
	c.rect(soot, 0.77, 0.04, 0.805, 0.06)
	for i := range 9 {
		t := float64(i)
		c.ellipse(alpha(rgb(200, 200, 204), 0.35-0.03*t), 0.8+0.04*t, 0.03-0.004*t, 0.02+0.006*t, 0.012+0.003*t)
	}
	c.rect(rgb(150, 130, 100), 0, 0.72, 1, 0.75) // the road
}

// masterBench paints the glassblower's bench: two long arms to roll the
// pipe on, the seat, tools laid out, the furnace's glow on the wall.
func masterBench(c *canvas) {
	c.vgradient(rgb(60, 40, 32), rgb(96, 64, 44), 0, 0.62)
	glow(c, 0.9, 0.25, 0.5)
	c.vgradient(rgb(90, 70, 54), rgb(56, 42, 34), 0.62, 1)
	// The bench: seat, the two arms, the legs.
	c.rect(woodDark, 0.2, 0.45, 0.8, 0.5)
	c.rect(woodLight, 0.08, 0.36, 0.92, 0.385)
	c.rect(woodLight, 0.08, 0.42, 0.92, 0.445)
	for _, x := range []float64{0.24, 0.76} {
		c.rect(woodDark, x-0.015, 0.385, x+0.015, 0.72)
	}
	// A blowpipe across the arms, a gather of glass at its end.
	c.line(rgb(70, 70, 74), 0.02, 0.35, 0.98, 0.33, 0.012)
	c.disc(glowOrange, 0.9, 0.335, 0.03)
	c.disc(glowYellow, 0.9, 0.335, 0.016)
	// Tools on the seat: tongs, shears, a wooden paddle.
	c.line(rgb(40, 40, 44), 0.3, 0.47, 0.46, 0.44, 0.008)
	c.line(rgb(40, 40, 44), 0.3, 0.475, 0.46, 0.49, 0.008)
	c.line(rgb(40, 40, 44), 0.52, 0.47, 0.64, 0.455, 0.01)
	c.rect(woodLight, 0.66, 0.44, 0.74, 0.48)
	// A bucket of water under the bench.
	c.rect(rgb(80, 80, 84), 0.42, 0.56, 0.54, 0.66)
	c.ellipse(rgb(110, 130, 140), 0.48, 0.56, 0.06, 0.015)
}

// demijohn paints a big green demijohn on a plank, lit from a window.
func demijohn(c *canvas) {
	c.vgradient(rgb(214, 206, 188), rgb(170, 160, 140), 0, 0.66)
	c.rect(rgb(236, 232, 220), 0.62, 0.04, 0.94, 0.4) // the window
	c.line(rgb(150, 130, 100), 0.78, 0.04, 0.78, 0.4, 0.02)
	c.line(rgb(150, 130, 100), 0.62, 0.22, 0.94, 0.22, 0.02)
	c.rect(woodLight, 0, 0.62, 1, 0.66)
	c.vgradient(rgb(120, 90, 64), rgb(90, 66, 48), 0.66, 1)
	// The demijohn: a round body, a short neck.
	body := alpha(glassGreen, 0.88)
	c.ellipse(body, 0.5, 0.4, 0.42, 0.4)
	c.rect(body, 0.43, 0.1, 0.57, 0.2)
	c.rect(mix(glassGreen, soot, 0.3), 0.41, 0.08, 0.59, 0.11)
	c.ellipse(alpha(rgb(255, 255, 255), 0.35), 0.3, 0.38, 0.05, 0.16)
	c.ellipse(alpha(rgb(255, 255, 255), 0.2), 0.68, 0.33, 0.03, 0.08)
	c.ellipse(alpha(soot, 0.3), 0.5, 0.625, 0.36, 0.02) // its shadow
}

// collection paints the wine room: shelves of coloured bottles and jars
// against tall bright windows.
func collection(c *canvas) {
	c.vgradient(rgb(226, 220, 206), rgb(200, 192, 176), 0, 1)
	for i := range 3 { // the windows behind the shelves
		x := 0.08 + float64(i)*0.31
		c.arch(rgb(246, 244, 236), x, 0.04, x+0.22, 0.6)
	}
	colours := []color.RGBA{glassGreen, glassAmber, glassCobalt, glassClear, glassMilk, mix(glassGreen, glassAmber, 0.5)}
	for shelf := range 3 {
		y := 0.2 + float64(shelf)*0.19
		c.rect(woodDark, 0.02, y, 0.98, y+0.014)
		for i := range 13 {
			x := 0.06 + float64(i)*0.072
			col := colours[(i*5+shelf*3)%len(colours)]
			h := 0.1 + 0.04*math.Abs(math.Sin(float64(i*3+shelf)))
			if (i+shelf)%4 == 0 {
				jar(c, col, x, y, 0.05, h*0.8)
			} else {
				bottle(c, col, x, y, 0.036, h)
			}
		}
	}
	c.rect(woodDark, 0, 0.6, 1, 0.64) // the display table
	c.vgradient(rgb(110, 84, 62), rgb(76, 58, 44), 0.64, 1)
	for i := range 7 {
		x := 0.12 + float64(i)*0.12
		bottle(c, colours[i%len(colours)], x, 0.6, 0.06, 0.16+0.03*float64(i%3))
	}
}

// glassChair paints an old group photograph in sepia: a team of
// glassmakers standing before the furnace hall's brick wall, the master
// in the middle with his blowpipe.
func glassChair(c *canvas) {
	sepia := func(r, g, b uint8) color.RGBA {
		l := 0.3*float64(r) + 0.59*float64(g) + 0.11*float64(b)
		return rgb(uint8(min(255, l*1.07)), uint8(l*0.95), uint8(l*0.78))
	}
	c.fill(sepia(150, 110, 90))
	for row := range 14 { // the brick wall
		y := float64(row) * 0.05
		c.line(sepia(90, 70, 60), 0, y, 1, y, 0.0015)
		for i := range 30 {
			x := float64(i)*0.036 + 0.018*float64(row%2)
			c.line(sepia(90, 70, 60), x, y, x, y+0.05, 0.001)
		}
	}
	c.arch(sepia(60, 50, 46), 0.42, 0.05, 0.58, 0.62) // the great door, dark
	c.vgradient(sepia(120, 100, 80), sepia(90, 76, 64), 0.62, 1)
	cloths := []color.RGBA{sepia(70, 70, 80), sepia(200, 190, 170), sepia(90, 80, 70), sepia(230, 226, 214), sepia(60, 60, 66)}
	for i := range 7 {
		x := 0.2 + float64(i)*0.1
		h := 0.5 + 0.04*math.Sin(float64(i)*2.1)
		if i == 3 {
			h = 0.56
		}
		person(c, cloths[i%len(cloths)], sepia(206, 164, 134), x, 0.68, h)
	}
	c.line(sepia(50, 50, 52), 0.535, 0.68, 0.56, 0.1, 0.004) // the master's blowpipe
	c.vignette(0.5)
}
