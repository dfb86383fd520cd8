// Command contactsheet tiles page images (PNG) into one contact sheet, in
// the order given, for the README.
//
//	go run ./internal/contactsheet -cols 8 -o sheet.png page-01.png page-02.png …
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
)

func main() {
	cols := flag.Int("cols", 8, "pages per row")
	out := flag.String("o", "contact.png", "output PNG")
	gap := flag.Int("gap", 8, "pixels between pages")
	flag.Parse()
	if err := run(flag.Args(), *cols, *gap, *out); err != nil {
		fmt.Fprintln(os.Stderr, "contactsheet:", err)
		os.Exit(1)
	}
}

func run(files []string, cols, gap int, out string) error {
	if len(files) == 0 || cols < 1 {
		return fmt.Errorf("need page images and cols >= 1")
	}
	var pages []image.Image
	cw, ch := 0, 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		pages = append(pages, img)
		cw, ch = max(cw, img.Bounds().Dx()), max(ch, img.Bounds().Dy())
	}
	rows := (len(pages) + cols - 1) / cols
	sheet := image.NewRGBA(image.Rect(0, 0, gap+cols*(cw+gap), gap+rows*(ch+gap)))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.RGBA{0x70, 0x70, 0x70, 0xff}), image.Point{}, draw.Src)
	for i, img := range pages {
		x, y := gap+(i%cols)*(cw+gap), gap+(i/cols)*(ch+gap)
		draw.Draw(sheet, image.Rect(x, y, x+cw, y+ch), img, img.Bounds().Min, draw.Src)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := png.Encode(f, sheet); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
