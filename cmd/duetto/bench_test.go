package main

import (
	"bytes"
	"testing"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/layout"
)

// The stages of a brochure build, measured one by one and whole. Compare
// them within one run (ratios), not against fixed times.

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

func BenchmarkWritePDF(b *testing.B) {
	pub := loadBrochure(b)
	doc, err := buildDocument(pub)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var buf bytes.Buffer
		if err := pdf.Write(&buf, doc, pdf.Options{}); err != nil {
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
		var buf bytes.Buffer
		if err := pdf.Write(&buf, doc, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
