package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// canvas is an RGBA picture with drawing helpers in relative coordinates:
// x from 0 to 1 across the width, y from 0 to 1 down the height. Round
// things (discs, ellipses' radii, line widths) are measured in fractions
// of the width, so that they stay round whatever the proportions.
type canvas struct {
	img  *image.RGBA
	w, h float64
}

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), w: float64(w), h: float64(h)}
}

// pt is a point in relative coordinates.
type pt struct{ x, y float64 }

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }

// mix blends a towards b by t (0: a, 1: b).
func mix(a, b color.RGBA, t float64) color.RGBA {
	l := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}

// alpha returns c at opacity a (0 to 1), premultiplied as image/color wants.
func alpha(c color.RGBA, a float64) color.RGBA {
	m := func(x uint8) uint8 { return uint8(math.Round(float64(x) * a)) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), uint8(math.Round(255 * a))}
}

// poly fills a polygon. Only the polygon's bounding box is rasterized,
// which keeps many small shapes on a large picture fast.
func (c *canvas) poly(col color.Color, pts ...pt) {
	if len(pts) < 3 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x, y := p.x*c.w, p.y*c.h
		minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	r := vector.NewRasterizer(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	r.MoveTo(float32(pts[0].x*c.w-ox), float32(pts[0].y*c.h-oy))
	for _, p := range pts[1:] {
		r.LineTo(float32(p.x*c.w-ox), float32(p.y*c.h-oy))
	}
	r.ClosePath()
	r.Draw(c.img, box, image.NewUniform(col), image.Point{})
}

func (c *canvas) rect(col color.Color, x0, y0, x1, y1 float64) {
	c.poly(col, pt{x0, y0}, pt{x1, y0}, pt{x1, y1}, pt{x0, y1})
}

// ellipsePts is an ellipse as a polygon; rx and ry are fractions of the
// width.
func (c *canvas) ellipsePts(cx, cy, rx, ry float64) []pt {
	const n = 64
	pts := make([]pt, n)
	for i := range pts {
		a := float64(i) / n * 2 * math.Pi
		pts[i] = pt{cx + rx*math.Cos(a), cy + ry*math.Sin(a)*c.w/c.h}
	}
	return pts
}

func (c *canvas) ellipse(col color.Color, cx, cy, rx, ry float64) {
	c.poly(col, c.ellipsePts(cx, cy, rx, ry)...)
}

func (c *canvas) disc(col color.Color, cx, cy, r float64) { c.ellipse(col, cx, cy, r, r) }

// arch is a rectangle from y1 up to y0 topped by a half ellipse.
func (c *canvas) arch(col color.Color, x0, y0, x1, y1 float64) {
	rx := (x1 - x0) / 2
	ry := rx * c.w / c.h
	pts := []pt{{x0, y1}, {x0, y0 + ry}}
	for i := 1; i < 24; i++ {
		a := math.Pi + float64(i)/24*math.Pi
		pts = append(pts, pt{x0 + rx + rx*math.Cos(a), y0 + ry + ry*math.Sin(a)})
	}
	pts = append(pts, pt{x1, y0 + ry}, pt{x1, y1})
	c.poly(col, pts...)
}

// line strokes a segment of width wd (a fraction of the width).
func (c *canvas) line(col color.Color, x0, y0, x1, y1, wd float64) {
	dx, dy := (x1-x0)*c.w, (y1-y0)*c.h
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*wd/2, dx/l*wd/2*c.w/c.h // normal, in relative units
	c.poly(col, pt{x0 + nx, y0 + ny}, pt{x1 + nx, y1 + ny}, pt{x1 - nx, y1 - ny}, pt{x0 - nx, y0 - ny})
}

// ridge fills the area below a line through pts down to y = bottom.
func (c *canvas) ridge(col color.Color, bottom float64, pts ...pt) {
	all := append([]pt{{pts[0].x, bottom}}, pts...)
	all = append(all, pt{pts[len(pts)-1].x, bottom})
	c.poly(col, all...)
}

// vgradient paints the rows from y0 to y1 from top colour to bottom.
func (c *canvas) vgradient(top, bottom color.RGBA, y0, y1 float64) {
	r0, r1 := int(y0*c.h), int(math.Ceil(y1*c.h))
	for y := max(r0, 0); y < min(r1, int(c.h)); y++ {
		col := mix(top, bottom, float64(y-r0)/float64(max(r1-r0-1, 1)))
		row := c.img.Pix[y*c.img.Stride : y*c.img.Stride+int(c.w)*4]
		for x := 0; x < len(row); x += 4 {
			row[x], row[x+1], row[x+2], row[x+3] = col.R, col.G, col.B, 255
		}
	}
}

// shade darkens (k < 1) or lightens (k > 1) the rows from y0 to y1
// progressively, from no change at y0 to k at y1.
func (c *canvas) shade(y0, y1, k float64) {
	r0, r1 := int(y0*c.h), int(math.Ceil(y1*c.h))
	for y := max(r0, 0); y < min(r1, int(c.h)); y++ {
		f := 1 + (k-1)*float64(y-r0)/float64(max(r1-r0, 1))
		row := c.img.Pix[y*c.img.Stride : y*c.img.Stride+int(c.w)*4]
		for x := 0; x < len(row); x += 4 {
			for i := range 3 {
				row[x+i] = uint8(min(255, math.Round(float64(row[x+i])*f)))
			}
		}
	}
}

// vignette darkens the corners a little, as a lens does.
func (c *canvas) vignette(strength float64) {
	cx, cy := c.w/2, c.h/2
	d := math.Hypot(cx, cy)
	for y := 0; y < int(c.h); y++ {
		row := c.img.Pix[y*c.img.Stride:]
		for x := 0; x < int(c.w); x++ {
			r := math.Hypot(float64(x)-cx, float64(y)-cy) / d
			f := 1 - strength*r*r*r
			for i := range 3 {
				row[4*x+i] = uint8(math.Round(float64(row[4*x+i]) * f))
			}
		}
	}
}

// band blends a dark veil over the rows from y0 down, rising from
// transparent to opacity a over the first fade of its height.
func (c *canvas) band(y0, fade, a float64) {
	r0 := int(y0 * c.h)
	fadeRows := max(int(fade*(c.h-float64(r0))), 1)
	for y := max(r0, 0); y < int(c.h); y++ {
		t := min(1, float64(y-r0)/float64(fadeRows))
		k := 1 - a*t*t*(3-2*t)
		row := c.img.Pix[y*c.img.Stride : y*c.img.Stride+int(c.w)*4]
		for x := 0; x < len(row); x += 4 {
			row[x] = uint8(math.Round(float64(row[x])*k + 8*(1-k)))
			row[x+1] = uint8(math.Round(float64(row[x+1])*k + 10*(1-k)))
			row[x+2] = uint8(math.Round(float64(row[x+2])*k + 16*(1-k)))
		}
	}
}

// fill paints the whole canvas.
func (c *canvas) fill(col color.RGBA) {
	draw.Draw(c.img, c.img.Bounds(), image.NewUniform(col), image.Point{}, draw.Src)
}
