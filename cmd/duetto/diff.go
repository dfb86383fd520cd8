package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/internal/pdf"
)

func newDiffCmd(stdout io.Writer) *cobra.Command {
	var pngDir string
	cmd := &cobra.Command{
		Use:   "diff OLD.pdf NEW.pdf",
		Short: "Tell which pages differ between two PDFs written by duetto",
		Long: `Diff compares the page digests that duetto writes into every PDF (in its XMP
metadata) and prints the pages that differ, without rendering anything. With
--png DIR it also writes, for each changed page, an image of the old page
beside the new one (this needs pdftoppm, from poppler-utils).`,
		Example: `  duetto diff turin-old.pdf turin.pdf
  duetto diff turin-old.pdf turin.pdf --png changes/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError{fmt.Errorf("diff takes two PDFs, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var digests [2][]string
			for i, name := range args {
				data, err := os.ReadFile(name)
				if err != nil {
					return fmt.Errorf("cannot read %s: %w", name, err)
				}
				if digests[i], err = pdf.PageDigests(data); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
			}
			changed := pdf.ChangedPages(digests[0], digests[1])
			fmt.Fprintf(stdout, "%s: %d pages%s\n", args[1], len(digests[1])-1, describeChanges(changed))
			if pngDir == "" || len(changed) == 0 {
				return nil
			}
			if err := os.MkdirAll(pngDir, 0o755); err != nil {
				return err
			}
			for _, page := range changed {
				name := filepath.Join(pngDir, fmt.Sprintf("page-%02d.png", page))
				if err := sideBySide(args[0], args[1], page, len(digests[0])-1, len(digests[1])-1, name); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "wrote %s\n", name)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pngDir, "png", "", "write old|new images of the changed pages into this folder")
	return cmd
}

// sideBySide renders page of the old and the new PDF (a page one of them
// lacks stays blank) and writes them next to each other as one PNG.
func sideBySide(oldPDF, newPDF string, page, oldPages, newPages int, out string) error {
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return fmt.Errorf("--png needs pdftoppm (Debian package poppler-utils): %w", err)
	}
	tmp, err := os.MkdirTemp("", "duetto-diff")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	render := func(file string, pages int, base string) (image.Image, error) {
		if page > pages {
			return nil, nil
		}
		p := strconv.Itoa(page)
		cmd := exec.Command(tool, "-r", "50", "-png", "-singlefile", "-f", p, "-l", p, file, filepath.Join(tmp, base))
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("pdftoppm %s: %v: %s", file, err, b)
		}
		f, err := os.Open(filepath.Join(tmp, base+".png"))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return png.Decode(f)
	}
	a, err := render(oldPDF, oldPages, "old")
	if err != nil {
		return err
	}
	b, err := render(newPDF, newPages, "new")
	if err != nil {
		return err
	}
	const gap = 12
	w, h := 0, 0
	for _, im := range []image.Image{a, b} {
		if im != nil {
			w, h = max(w, im.Bounds().Dx()), max(h, im.Bounds().Dy())
		}
	}
	sheet := image.NewRGBA(image.Rect(0, 0, 2*w+gap, h))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.RGBA{0x80, 0x80, 0x80, 0xff}), image.Point{}, draw.Src)
	for i, im := range []image.Image{a, b} {
		if im != nil {
			x := i * (w + gap)
			draw.Draw(sheet, image.Rect(x, 0, x+im.Bounds().Dx(), im.Bounds().Dy()), im, im.Bounds().Min, draw.Src)
		}
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
