package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/gen"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/layout"
)

// The stages of a brochure build, measured one by one and whole, and the
// whole build of generated publications of 16 to 1000 pages. Compare them
// within one run (ratios), not against fixed times. scripts/timeit.sh
// times the whole process.

func loadBrochure(b *testing.B) *content.Publication {
	b.Helper()
	pub, err := content.Load(examples.Turin(), content.RootName)
	if err != nil {
		b.Fatal(err)
	}
	return pub
}

func BenchmarkLoadTOML(b *testing.B) {
	for b.Loop() {
		loadBrochure(b)
	}
}

func BenchmarkLoadResources(b *testing.B) {
	pub := loadBrochure(b)
	for b.Loop() {
		if _, err := layout.LoadResources(pub); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	pub := loadBrochure(b)
	res, err := layout.LoadResources(pub)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := layout.Layout(pub, res); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayoutEditions lays out the three editions one after the other
// with one set of resources, as `build --lang all` does (concurrently).
func BenchmarkLayoutEditions(b *testing.B) {
	pub := loadBrochure(b)
	res, err := layout.LoadResources(pub)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, ed := range []string{"", pub.Languages[0], pub.Languages[1]} {
			if _, err := layout.LayoutEdition(pub, res, ed); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkWritePDF(b *testing.B) {
	pub := loadBrochure(b)
	doc, err := buildDocument(pub)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := pdf.Write(io.Discard, doc, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildBrochure(b *testing.B) {
	for b.Loop() {
		pub := loadBrochure(b)
		doc, err := buildDocument(pub)
		if err != nil {
			b.Fatal(err)
		}
		if err := pdf.Write(io.Discard, doc, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildAll is `duetto build --lang all` of the brochure, the
// files written into a temporary folder.
func BenchmarkBuildAll(b *testing.B) {
	out := filepath.Join(b.TempDir(), "turin.pdf")
	for b.Loop() {
		if err := build(buildSpec{out: out, lang: "all"}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWatchRebuild is what watch does after a one-paragraph edit of
// the brochure: the section file saved with one paragraph changed (the
// older and the current wording of page 15, in turn), then the three
// editions built and written with the resources and caches of the builds
// before, as watch keeps them.
func BenchmarkWatchRebuild(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "turin")
	if err := os.CopyFS(src, examples.Turin()); err != nil {
		b.Fatal(err)
	}
	section := filepath.Join(src, "sections", "03-cooperazione.toml")
	if err := os.Chmod(section, 0o644); err != nil {
		b.Fatal(err)
	}
	current, err := os.ReadFile(section)
	if err != nil {
		b.Fatal(err)
	}
	older, err := os.ReadFile("../../testdata/turin-older/03-cooperazione.toml")
	if err != nil {
		b.Fatal(err)
	}
	spec := buildSpec{source: src, out: filepath.Join(dir, "turin.pdf"), lang: "all", resources: &resourceCache{}}
	if err := build(spec, io.Discard); err != nil { // watch's first build
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		text := older
		if i%2 == 1 {
			text = current
		}
		i++
		if err := os.WriteFile(section, text, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := build(spec, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// generated returns a generated publication of about pages pages.
func generated(b *testing.B, pages int) fstest.MapFS {
	b.Helper()
	fsys, err := gen.Publication(pages, 1)
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

// BenchmarkBuildGenerated builds generated publications of about 16, 200
// and 1000 pages (bilingual edition, preflight included, to memory): time
// and memory should grow linearly with the pages.
func BenchmarkBuildGenerated(b *testing.B) {
	for _, pages := range []int{16, 200, 1000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			fsys := generated(b, pages)
			n := 0
			for b.Loop() {
				pub, err := content.Load(fsys, content.RootName)
				if err != nil {
					b.Fatal(err)
				}
				doc, err := buildDocument(pub)
				if err != nil {
					b.Fatal(err)
				}
				if err := pdf.Write(io.Discard, doc, pdf.Options{}); err != nil {
					b.Fatal(err)
				}
				n = len(doc.Pages)
			}
			b.ReportMetric(float64(n), "pages")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

func TestGeneratedPublicationBuilds(t *testing.T) {
	fsys, err := gen.Publication(40, 1)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := content.Load(fsys, content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := buildDocument(pub)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Pages); n < 30 || n > 55 {
		t.Errorf("%d pages for a publication of about 40", n)
	}
}
