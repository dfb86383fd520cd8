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

// A screen edition is not printed: nothing of what print needs is
// checked, only that its text stays on the page.
func TestScreenLimits(t *testing.T) {
	const mm = 72 / 25.4
	var rgb bytes.Buffer
	if err := jpeg.Encode(&rgb, image.NewRGBA(image.Rect(0, 0, 50, 50)), nil); err != nil {
		t.Fatal(err)
	}
	frame := layout.Rect{X: 0, Y: 100, W: 200, H: 200} // 18 ppi, at the trim
	doc := &layout.Document{Trim: layout.Size{W: 400, H: 600}, Pages: []layout.Page{{Index: 1, Items: []layout.Item{
		&layout.TextRun{X: 1 * mm, Y: 100, Text: "Torino", Width: 30, Ascent: 7, Descent: 2, Color: layout.Color{C: 1, M: 1, Y: 1, K: 1}, Block: "p1"},
		&layout.Fill{Rect: layout.Rect{X: 0, Y: 100, W: 50, H: 50}, Color: layout.Color{C: 1, M: 1, Y: 1, K: 1}},
		&layout.Image{Path: "a.jpg", Data: rgb.Bytes(), Frame: frame, Clip: frame, Block: "fig"},
		&layout.Rule{X1: 100, Y1: 100, X2: 200, Y2: 100, Width: 0.1},
	}}}}
	if got := Check(doc, ScreenLimits()); len(got) != 0 {
		t.Errorf("screen findings %v, want none", got)
	}
	if got := Check(doc, DefaultLimits()); len(got) < 5 {
		t.Errorf("print findings %v, want safe-area, total-ink (2), resolution and hairline at least", got)
	}
	off := &layout.TextRun{X: 390, Y: 100, Text: "Torino", Width: 30, Ascent: 7, Descent: 2, Block: "p2"}
	doc.Pages[0].Items = append(doc.Pages[0].Items, off)
	got := Check(doc, ScreenLimits())
	if len(got) != 1 || got[0].Check != "safe-area" || got[0].Element != "p2" || !strings.Contains(got[0].Message, "runs off the page") {
		t.Errorf("findings %v, want one safe-area error for the text off the page", got)
	}
}

func TestCheckPDFX(t *testing.T) {
	jpegIn := func(img image.Image) []byte {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, nil); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	frame := layout.Rect{X: 100, Y: 100, W: 72, H: 72}
	tests := []struct {
		name  string
		data  []byte
		error bool
	}{
		{"grey photo", jpegIn(image.NewGray(image.Rect(0, 0, 50, 50))), false},
		{"CMYK photo", cmykHeaders(50, 50), false},
		{"RGB photo", jpegIn(image.NewRGBA(image.Rect(0, 0, 50, 50))), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &layout.Document{Trim: layout.Size{W: 400, H: 600}, Pages: []layout.Page{{Index: 2, Items: []layout.Item{
				&layout.Image{Path: "images/a.jpg", Data: tt.data, Frame: frame, Clip: frame, Block: "fig"},
			}}}}
			got := CheckPDFX(doc, "PDF/X-1a:2003")
			if !tt.error {
				if len(got) != 0 {
					t.Errorf("findings %v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Check != "pdfx" || got[0].Severity != Error || got[0].Page != 2 || got[0].Element != "fig" ||
				!strings.Contains(got[0].Message, "images/a.jpg is in rgb colour: PDF/X-1a:2003 allows CMYK and grey only") {
				t.Errorf("findings %v, want one pdfx error for the RGB photo", got)
			}
		})
	}
}

// cmykHeaders is what the headers of a 4-component (CMYK) baseline JPEG
// say, with an empty scan: Go's encoder writes no CMYK, and the check
// reads only headers.
func cmykHeaders(w, h int) []byte {
	sof := []byte{0xff, 0xc0, 0, 20, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 4}
	for id := byte(1); id <= 4; id++ {
		sof = append(sof, id, 0x11, 0)
	}
	sos := []byte{0xff, 0xda, 0, 14, 4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0}
	return bytes.Join([][]byte{{0xff, 0xd8}, sof, sos, {0x12, 0x34}, {0xff, 0xd9}}, nil)
}
