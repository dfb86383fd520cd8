package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/internal/gen"
	"github.com/duetto-press/duetto/layout"
)

// Photos passed through as stubs and spliced in must give the bytes fpdf
// writes when it copies them itself, plain and PDF/X.
func TestPassedThroughPhotosGiveTheSameBytes(t *testing.T) {
	cache := NewCache()
	for _, opt := range []Options{{}, {PDFX: PDFX{Version: PDFX1a2003, OutputCondition: "FOGRA39"}}, {Uncompressed: true}, {Cache: cache}, {Cache: cache}} {
		doc := sampleDoc(t)
		want, err := render(doc, opt, mode{noStubs: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := render(doc, opt, mode{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.parts) < 2 {
			t.Errorf("%+v: the photos were not passed through", opt)
		}
		if !bytes.Equal(fileBytes(t, got), fileBytes(t, want)) {
			t.Errorf("%+v: %d bytes with the photos passed through, %d through fpdf", opt, got.Len(), want.Len())
		}
		var buf bytes.Buffer
		if n, err := got.WriteTo(&buf); err != nil || int(n) != got.Len() || !bytes.Equal(buf.Bytes(), fileBytes(t, want)) {
			t.Errorf("%+v: WriteTo wrote %d bytes, %v", opt, n, err)
		}
	}
}

func TestJPEGStub(t *testing.T) {
	jpg := testJPEG(t, 100)
	stub, ok := jpegStub(jpg, "TAG")
	if !ok || !strings.HasSuffix(string(stub), "TAG") || len(stub) >= len(jpg) {
		t.Fatalf("stub of %d bytes, %v", len(stub), ok)
	}
	if sos := stub[len(stub)-len("TAG")-4:]; sos[0] != 0xFF || sos[1] != 0xDA {
		t.Errorf("the stub does not end at the scan header: % x", sos[:4])
	}
	for _, bad := range [][]byte{nil, []byte("\xFF\xD8"), []byte("\xFF\xD8\xFF\xE0\x00"), []byte("\x89PNG\r\n\x1a\n"), append([]byte("\xFF\xD8\xFF\xD9"), jpg...)} {
		if _, ok := jpegStub(bad, "TAG"); ok {
			t.Errorf("jpegStub(% x): want not ok", bad)
		}
	}
}

// A photo holding a string the clean-up passes look for goes through fpdf.
func TestUnspliceablePhotoGoesThroughFpdf(t *testing.T) {
	jpg := testJPEG(t, 60)
	// A comment segment after the start of image: still a valid JPEG.
	com := "/utf8ab+ \n/Parent "
	odd := append([]byte{0xFF, 0xD8, 0xFF, 0xFE, 0, byte(len(com) + 2)}, com...)
	odd = append(odd, jpg[2:]...)
	doc := sampleDoc(t)
	doc.Pages[0].Items = append(doc.Pages[0].Items, &layout.Image{Data: odd, Frame: layout.Rect{X: 20, Y: 20, W: 50, H: 50}, Clip: layout.Rect{X: 20, Y: 20, W: 50, H: 50}, Block: "odd"})
	want, err := render(doc, Options{}, mode{noStubs: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := render(doc, Options{}, mode{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fileBytes(t, got), fileBytes(t, want)) {
		t.Error("different bytes with an unspliceable photo")
	}
}

// The /ID hashes each photo by its SHA-256, not its bytes: it must still
// follow every byte of every photo, and nothing else.
func TestIDFollowsThePhotos(t *testing.T) {
	id := func(doc *layout.Document) string {
		f, err := Render(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`/ID \[<([0-9a-f]{32})>`).FindSubmatch(fileBytes(t, f))
		if m == nil {
			t.Fatal("no /ID")
		}
		return string(m[1])
	}
	base := id(sampleDoc(t))
	if again := id(sampleDoc(t)); again != base {
		t.Errorf("the same document: /ID %s, then %s", base, again)
	}
	doc := sampleDoc(t)
	im := doc.Pages[0].Items[len(doc.Pages[0].Items)-1].(*layout.Image)
	data := bytes.Clone(im.Data)
	data[len(data)-3] ^= 0x01 // a byte of the scan, before the end marker: same size, same headers
	im.Data = data
	if changed := id(doc); changed == base {
		t.Error("a photo's byte changed and the /ID did not")
	}
}

// fileBytes returns f as one slice.
func fileBytes(t *testing.T, f *File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The pages drawn on several goroutines, and their content streams
// compressed as they are drawn, must give the bytes of the pages drawn
// one by one and compressed from the file fpdf writes: for a generated
// publication (photos, rules, fills, bookmarks, kerning) and an imposed
// booklet. fpdf compressing the pages itself (as it does for a document
// with PNG images) uses another compressor, compress/zlib: its file must
// hold the same objects once every stream is inflated.
func TestPagesDrawnAtOnceGiveTheSameBytes(t *testing.T) {
	fsys, err := gen.Publication(40, 1)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := content.Load(fsys, content.RootName)
	if err != nil {
		t.Fatal(err)
	}
	res, err := layout.LoadResources(pub)
	if err != nil {
		t.Fatal(err)
	}
	gendoc, err := layout.Layout(pub, res)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		doc  *layout.Document
		opt  Options
	}{
		{"generated", gendoc, Options{Cache: NewCache()}},
		{"generated PDF/X", gendoc, Options{PDFX: PDFX{Version: PDFX1a2003, OutputCondition: "FOGRA39"}}},
		{"booklet", booklet(16), Options{Saddle: true, Creep: 0.5, Registration: true, ColorBar: true}},
	} {
		want, err := render(tc.doc, tc.opt, mode{oneByOne: true, inFile: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []mode{{}, {oneByOne: true}, {inFile: true}} {
			got, err := render(tc.doc, tc.opt, m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fileBytes(t, got), fileBytes(t, want)) {
				t.Errorf("%s, %+v: %d bytes, %d drawn one by one", tc.name, m, got.Len(), want.Len())
			}
		}
		byFpdf, err := render(tc.doc, tc.opt, mode{oneByOne: true, noDeflate: true})
		if err != nil {
			t.Fatal(err)
		}
		g, ng := inflated(t, fileBytes(t, byFpdf))
		w, nw := inflated(t, fileBytes(t, want))
		if nw == 0 || ng != nw {
			t.Errorf("%s: %d streams inflated, %d with fpdf compressing: want as many, and some", tc.name, nw, ng)
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s: fpdf compressing the pages gives other objects once inflated (%d bytes, want %d)", tc.name, len(g), len(w))
		}
	}
}

// inflated returns a PDF as the writer makes one with every Flate stream
// inflated: each stream's dictionary without its /Length and /Filter,
// then its data, up to the cross-reference table; the /ID, which follows
// the compressed bytes, is left out. Two files that give the same are
// the same objects, whatever compressor deflated their streams. n is the
// number of streams inflated.
func inflated(t *testing.T, pdf []byte) (out []byte, n int) {
	t.Helper()
	var b bytes.Buffer
	length := regexp.MustCompile(`/Length (\d+)`)
	for {
		i := bytes.Index(pdf, []byte(">>\nstream\n"))
		if i < 0 {
			break
		}
		start := bytes.LastIndex(pdf[:i], []byte(" obj\n"))
		dict := pdf[start:i]
		m := length.FindSubmatch(dict)
		if m == nil {
			t.Fatalf("a stream without /Length: %q", dict)
		}
		size, err := strconv.Atoi(string(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		data := pdf[i+len(">>\nstream\n"):][:size]
		if bytes.Contains(dict, []byte("/Filter /FlateDecode")) {
			n++
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%q: %v", dict, err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%q: %v", dict, err)
			}
		}
		dict = length.ReplaceAll(dict, nil)
		dict = bytes.ReplaceAll(dict, []byte("/Filter /FlateDecode"), nil)
		b.Write(pdf[:start])
		b.Write(dict)
		b.WriteString(">>\nstream\n")
		b.Write(data)
		pdf = pdf[i+len(">>\nstream\n")+size:]
	}
	if x := bytes.LastIndex(pdf, []byte("\nxref\n")); x >= 0 {
		pdf = pdf[:x]
	}
	b.Write(pdf)
	return b.Bytes(), n
}

// The second document written with a Cache registers its photos as
// copies of the records fpdf made of the first's stubs, with its own stub
// as their data, and gives the bytes of a document written alone.
func TestPhotoRecordsAreReused(t *testing.T) {
	doc := sampleDoc(t)
	alone, err := Render(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	for i := range 2 {
		got, err := Render(doc, Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fileBytes(t, got), fileBytes(t, alone)) {
			t.Errorf("document %d written with the cache: other bytes than alone", i+1)
		}
		if want := i * len(cache.jpegs); cache.jpegsReused != want {
			t.Errorf("after document %d: %d records reused, want %d", i+1, cache.jpegsReused, want)
		}
	}
	if len(cache.jpegs) == 0 {
		t.Fatal("the cache kept no record of the photos")
	}
	for sum, rec := range cache.jpegs {
		f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 100, Ht: 100}})
		stub := []byte("a stub")
		got := cache.reuseJPEG(f, "photo", sum, stub)
		if got == nil {
			t.Fatal("reuseJPEG: nil, with a record kept (fpdf's image records are not as the writer knows them?)")
		}
		if f.GetImageInfo("photo") != got {
			t.Error("reuseJPEG: the copy is not registered under its name")
		}
		if got.Width() != rec.Width() || got.Height() != rec.Height() {
			t.Errorf("reuseJPEG: %v×%v, the record is %v×%v", got.Width(), got.Height(), rec.Width(), rec.Height())
		}
		if again := cache.reuseJPEG(f, "photo", sum, stub); again != nil {
			t.Error("reuseJPEG registered a name twice")
		}
		if other := cache.reuseJPEG(f, "other", [32]byte{}, stub); other != nil {
			t.Error("reuseJPEG: a record for a photo never kept")
		}
	}
}
