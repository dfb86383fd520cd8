package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/layout"
)

func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestChecks(t *testing.T) {
	const mm = 72 / 25.4
	text := func(x, y float64, c layout.Color) *layout.TextRun {
		return &layout.TextRun{X: x, Y: y, Text: "Torino", Width: 30, Ascent: 7, Descent: 2, Color: c, Block: "p1"}
	}
	tests := []struct {
		name  string
		item  layout.Item
		check string
		sev   Severity
	}{
		{"text too near the edge", text(2*mm, 100, layout.Black), "safe-area", Error},
		{"rich black text", text(100, 100, layout.Color{C: 1, M: 1, Y: 1, K: 1}), "total-ink", Error},
		{"fill stops at the trim", &layout.Fill{Rect: layout.Rect{X: 0, Y: 100, W: 50, H: 50}, Color: layout.Black}, "bleed", Error},
		{"photo at 100 ppi", &layout.Image{Data: jpegOf(t, 100, 100), Frame: layout.Rect{X: 100, Y: 100, W: 72, H: 72}, Clip: layout.Rect{X: 100, Y: 100, W: 72, H: 72}, Block: "fig"}, "resolution", Error},
		{"photo at 200 ppi", &layout.Image{Data: jpegOf(t, 200, 200), Frame: layout.Rect{X: 100, Y: 100, W: 72, H: 72}, Clip: layout.Rect{X: 100, Y: 100, W: 72, H: 72}, Block: "fig"}, "resolution", Warning},
		{"hairline", &layout.Rule{X1: 100, Y1: 100, X2: 200, Y2: 100, Width: 0.1}, "hairline", Warning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &layout.Document{Trim: layout.Size{W: 400, H: 600}, Bleed: 3 * mm, Pages: []layout.Page{{Index: 1, Items: []layout.Item{tt.item}}}}
			got := Check(doc, DefaultLimits())
			if len(got) != 1 || got[0].Check != tt.check || got[0].Severity != tt.sev || got[0].Page != 1 {
				t.Fatalf("findings %v, want one %s %s", got, tt.sev, tt.check)
			}
			if !strings.Contains(got[0].String(), "page 1") {
				t.Errorf("String() = %q", got[0])
			}
		})
	}
	clean := &layout.Document{Trim: layout.Size{W: 400, H: 600}, Bleed: 3 * mm, Pages: []layout.Page{{Index: 1, Items: []layout.Item{
		text(100, 100, layout.Black),
		&layout.Fill{Rect: layout.Rect{X: -3 * mm, Y: -3 * mm, W: 400 + 6*mm, H: 100}, Color: layout.Color{C: 1, M: 0.7, K: 0.1}},
		&layout.Image{Data: jpegOf(t, 400, 400), Frame: layout.Rect{X: 100, Y: 200, W: 72, H: 72}, Clip: layout.Rect{X: 100, Y: 200, W: 72, H: 72}},
	}}}}
	if got := Check(clean, DefaultLimits()); len(got) != 0 {
		t.Errorf("a clean page: %v", got)
	}
}
