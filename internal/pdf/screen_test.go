package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/duetto-press/duetto/layout"
)

// With Options.RGB every colour operator is DeviceRGB, with the values
// the function gives, and none is DeviceCMYK.
func TestWriteRGBColours(t *testing.T) {
	doc := sampleDoc(t)
	doc.Bleed = 0
	rgb := func(c layout.Color) RGB {
		if c == layout.Black {
			return RGB{R: 51, G: 51, B: 51}
		}
		return RGB{R: 0, G: 76, B: 153}
	}
	var buf bytes.Buffer
	if err := Write(&buf, doc, Options{Uncompressed: true, RGB: rgb}); err != nil {
		t.Fatal(err)
	}
	pdf := buf.String()
	for _, want := range []string{"0 0.298 0.6 rg\n", "0.2 0.2 0.2 rg\n", "0.2 0.2 0.2 RG\n"} {
		if !strings.Contains(pdf, want) {
			t.Errorf("no %q in the content", want)
		}
	}
	streams := regexp.MustCompile(`(?s)stream\n(.*?)endstream`).FindAllStringSubmatch(pdf, -1)
	cmyk := regexp.MustCompile(`(?m)^[\d. ]+ [kK]$|\s[kK]\n`)
	n := 0
	for _, s := range streams {
		if !strings.Contains(s[1], " Tf") { // a page's content, not a font or an image
			continue
		}
		n++
		if m := cmyk.FindString(s[1]); m != "" {
			t.Errorf("a DeviceCMYK operator in a page's content: %q", m)
		}
	}
	if n == 0 {
		t.Fatal("found no page content")
	}
}
