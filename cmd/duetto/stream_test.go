package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/layout"
)

// editionPDFs lays out and writes every edition of pub with resources
// holding at most maxHeld bytes of photos, as build does (RGB photos
// separated, PDF/X when it applies, the screen edition too), each PDF
// written to a file; it returns the files' bytes and how many photos
// of the print editions were streamed.
func editionPDFs(t *testing.T, pub *content.Publication, maxHeld int64) (pdfs [][]byte, streamed int) {
	t.Helper()
	res, err := layout.LoadResourcesWith(pub, layout.LoadOptions{MaxHeldPhotos: maxHeld})
	if err != nil {
		t.Fatal(err)
	}
	scr, err := newScreener(pub)
	if err != nil {
		t.Fatal(err)
	}
	sep := newSeparator(pub)
	dir := t.TempDir()
	write := func(f *pdf.File) []byte {
		name := filepath.Join(dir, "out.pdf")
		out, err := os.Create(name) // an *os.File: photos are copied file to file
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteTo(out); err != nil {
			t.Fatal(err)
		}
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, ed := range []string{"", pub.Languages[0], pub.Languages[1]} {
		doc, err := layout.LayoutEdition(pub, res, ed)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.Pages {
			for _, it := range p.Items {
				if im, ok := it.(*layout.Image); ok && im.Data == nil && im.Stream != nil {
					streamed++
				}
			}
		}
		sdoc, err := scr.edition(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := sep.separate(doc); err != nil {
			t.Fatal(err)
		}
		x, _, err := pdfxFor(pub, doc)
		if err != nil {
			t.Fatal(err)
		}
		f, err := pdf.Render(doc, pdf.Options{PDFX: x, Cache: pdf.NewCache()})
		if err != nil {
			t.Fatal(err)
		}
		pdfs = append(pdfs, write(f))
		screen, err := writeScreen("screen.pdf", sdoc, scr, nil)
		if err != nil {
			t.Fatal(err)
		}
		pdfs = append(pdfs, write(screen))
	}
	return pdfs, streamed
}

// Photos read from their files when the PDF is written give the bytes of
// photos held in memory: the brochure's CMYK JPEGs, and an RGB PNG
// separated into CMYK.
func TestStreamedPhotosGiveTheSameBytes(t *testing.T) {
	brochure := filepath.Join(t.TempDir(), "turin")
	if err := os.CopyFS(brochure, examples.Turin()); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, dir string }{
		{"brochure", brochure},
		{"RGB photo separated", writePrintPub(t, "[print]\nrgb-images = \"convert\"\n", true)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pub, err := loadPublication(tt.dir)
			if err != nil {
				t.Fatal(err)
			}
			held, n := editionPDFs(t, pub, 1<<40)
			if n != 0 {
				t.Fatalf("%d photos streamed with every photo held", n)
			}
			streamed, n := editionPDFs(t, pub, 0)
			if n == 0 {
				t.Fatal("no photo was streamed")
			}
			for i := range held {
				if !bytes.Equal(held[i], streamed[i]) {
					t.Errorf("PDF %d: %d bytes with the photos held, %d streamed", i, len(held[i]), len(streamed[i]))
				}
			}
		})
	}
}

// A photo saved again between its reading and the writing of the PDF
// stops the write: its bytes would not be those the PDF was made for.
func TestStreamedPhotoChangedDuringTheBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "turin")
	if err := os.CopyFS(dir, examples.Turin()); err != nil {
		t.Fatal(err)
	}
	pub, err := loadPublication(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := layout.LoadResourcesWith(pub, layout.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.LayoutEdition(pub, res, "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdf.Render(doc, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(dir, "images", "venaria.jpg")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(photo, later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "changed during the build") {
		t.Errorf("WriteTo: %v, want an error saying venaria.jpg changed during the build", err)
	}
}
