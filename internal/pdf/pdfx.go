package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// PDF/X conformance levels the writer can declare.
const (
	// PDFX1a2003 is PDF/X-1a:2003 (ISO 15930-4): a PDF 1.4 file of CMYK
	// (and grey) colour with every font embedded and no transparency.
	PDFX1a2003 = "PDF/X-1a:2003"
	// PDFX4 is PDF/X-4 (ISO 15930-7): PDF 1.6, with the output profile
	// embedded in the output intent.
	PDFX4 = "PDF/X-4"
)

// RegistryName is the registry of printing conditions that output intents
// name: the ICC's characterization data registry.
const RegistryName = "http://www.color.org"

// PDFX asks for a PDF/X file: the conformance keys in the document
// information, and an output intent naming the printing condition the
// CMYK values are meant for. The zero value writes a plain PDF.
type PDFX struct {
	// Version is PDFX1a2003 or PDFX4; "" writes no PDF/X keys.
	Version string
	// OutputCondition is the OutputConditionIdentifier, a name in the
	// ICC registry such as "FOGRA39".
	OutputCondition string
	// OutputInfo describes the condition in words ("Coated FOGRA39
	// (ISO 12647-2:2004)"); "" writes none.
	OutputInfo string
	// RegistryName is the registry that defines OutputCondition, usually
	// RegistryName; "" writes none (a condition of one's own).
	RegistryName string
	// Profile is an ICC output profile for CMYK, embedded as the intent's
	// DestOutputProfile; PDF/X-4 requires it, PDF/X-1a does not.
	Profile []byte
}

// header is the PDF version header a conformance level requires.
func (x PDFX) header() (string, error) {
	switch x.Version {
	case PDFX1a2003:
		return "%PDF-1.4", nil
	case PDFX4:
		if len(x.Profile) == 0 {
			return "", fmt.Errorf("pdf: %s needs an output profile", x.Version)
		}
		return "%PDF-1.6", nil
	}
	return "", fmt.Errorf("pdf: unknown PDF/X version %q (want %q or %q)", x.Version, PDFX1a2003, PDFX4)
}

// toPDFX rewrites the file fpdf wrote as a PDF/X file: the header gets
// the version the level requires; the document information gets
// /GTS_PDFXVersion (and /GTS_PDFXConformance for PDF/X-1a), /Trapped
// /False and dates with their time zone; the catalog gets the output
// intent and loses fpdf's empty list of embedded files; the profile, if
// any, is a new object. Every object is copied in its place and the
// cross-reference table and trailer are written anew, so the offsets stay
// exact. The result is a function of its input: no clock, no map order.
func toPDFX(f *file, x PDFX) error {
	head, err := x.header()
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(f.head, []byte("%PDF-1.")) || len(f.head) < 8 || f.head[7] > head[7] {
		return fmt.Errorf("pdf: making PDF/X: the file is PDF %q, later than %s allows", f.head[:min(8, len(f.head))], x.Version)
	}
	info, ok := f.objects[f.info]
	if !ok {
		return fmt.Errorf("pdf: making PDF/X: no document information")
	}
	catalog, ok := f.objects[f.root]
	if !ok {
		return fmt.Errorf("pdf: making PDF/X: no catalog")
	}

	keys := "/Trapped /False\n/GTS_PDFXVersion " + pdfString(x.Version) + "\n"
	if x.Version == PDFX1a2003 {
		keys += "/GTS_PDFXConformance " + pdfString(x.Version) + "\n"
	}
	info, err = insertKeys(zonedDates(info), keys)
	if err != nil {
		return fmt.Errorf("pdf: making PDF/X: document information: %w", err)
	}
	profile := 0
	if len(x.Profile) > 0 {
		profile = f.size
		f.size++
	}
	intent := "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier " + pdfString(x.OutputCondition)
	if x.RegistryName != "" {
		intent += " /RegistryName " + pdfString(x.RegistryName)
	}
	if x.OutputInfo != "" {
		intent += " /Info " + pdfString(x.OutputInfo)
	}
	if profile != 0 {
		intent += " /DestOutputProfile " + strconv.Itoa(profile) + " 0 R"
	}
	intent += " >>"
	catalog = bytes.Replace(catalog, []byte("/Names <<\n/EmbeddedFiles << /Names [\n  \n] >>\n>>\n"), nil, 1)
	catalog, err = insertKeys(catalog, "/OutputIntents ["+intent+"]\n")
	if err != nil {
		return fmt.Errorf("pdf: making PDF/X: catalog: %w", err)
	}
	f.objects[f.info], f.objects[f.root] = info, catalog
	if profile != 0 {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		_, _ = zw.Write(x.Profile) // a bytes.Buffer does not fail
		_ = zw.Close()
		var obj bytes.Buffer
		fmt.Fprintf(&obj, "%d 0 obj\n<< /N 4 /Length %d /Filter /FlateDecode >>\nstream\n", profile, z.Len())
		obj.Write(z.Bytes())
		obj.WriteString("\nendstream\nendobj\n")
		f.objects[profile] = obj.Bytes()
		f.order = append(f.order, profile)
	}
	copy(f.head, head)
	return nil
}

// file is a PDF split into its objects, as fpdf writes one: a header,
// objects numbered 1 to size-1, one cross-reference section, a trailer.
type file struct {
	head       []byte
	objects    map[int][]byte // object number → "n 0 obj … endobj\n"
	order      []int          // object numbers in the order of the file
	size       int            // the trailer's /Size
	root, info int
}

// parseFile splits pdf into objects by its cross-reference table.
func parseFile(pdf []byte) (*file, error) {
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	rest := pdf[sx+len("\nstartxref\n"):]
	xref, err := strconv.Atoi(string(rest[:max(0, bytes.IndexByte(rest, '\n'))]))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, fmt.Errorf("bad startxref")
	}
	tr := bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	if tr < xref {
		return nil, fmt.Errorf("no trailer after the cross-reference table")
	}
	f := &file{objects: map[int][]byte{}}
	trailer := pdf[tr:sx]
	if f.size, err = trailerInt(trailer, "/Size "); err != nil {
		return nil, err
	}
	if f.root, err = trailerInt(trailer, "/Root "); err != nil {
		return nil, err
	}
	if f.info, err = trailerInt(trailer, "/Info "); err != nil {
		return nil, err
	}
	table := pdf[xref : tr+1]
	first := fmt.Sprintf("xref\n0 %d\n", f.size)
	if !bytes.HasPrefix(table, []byte(first)) || len(table) != len(first)+20*f.size {
		return nil, fmt.Errorf("the cross-reference table is not one section of %d entries", f.size)
	}
	offsets := make([]int, f.size)
	for n := 1; n < f.size; n++ {
		e := table[len(first)+20*n:]
		if e[17] != 'n' {
			return nil, fmt.Errorf("object %d is not in use", n)
		}
		if offsets[n], err = strconv.Atoi(string(e[:10])); err != nil || offsets[n] <= 0 || offsets[n] >= xref {
			return nil, fmt.Errorf("object %d: bad offset", n)
		}
		f.order = append(f.order, n)
	}
	sort.Slice(f.order, func(i, j int) bool { return offsets[f.order[i]] < offsets[f.order[j]] })
	if len(f.order) == 0 {
		return nil, fmt.Errorf("no objects")
	}
	f.head = append([]byte{}, pdf[:offsets[f.order[0]]]...)
	for i, n := range f.order {
		end := xref
		if i+1 < len(f.order) {
			end = offsets[f.order[i+1]]
		}
		obj := pdf[offsets[n]:end]
		if !bytes.HasPrefix(obj, []byte(strconv.Itoa(n)+" 0 obj")) || !bytes.HasSuffix(obj, []byte("endobj\n")) {
			return nil, fmt.Errorf("object %d is not where the cross-reference table says", n)
		}
		f.objects[n] = obj
	}
	return f, nil
}

// trailerInt reads the integer after key in a trailer ("/Root 12 0 R").
func trailerInt(trailer []byte, key string) (int, error) {
	i := bytes.Index(trailer, []byte("\n"+key))
	if i < 0 {
		return 0, fmt.Errorf("the trailer has no %s", key)
	}
	v := trailer[i+1+len(key):]
	end := bytes.IndexAny(v, " \n")
	if end < 0 {
		return 0, fmt.Errorf("the trailer's %s is cut short", key)
	}
	n, err := strconv.Atoi(string(v[:end]))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("the trailer's %s is not a number", key)
	}
	return n, nil
}

// bytes writes the file out again with a new cross-reference table.
func (f *file) bytes() []byte {
	var out bytes.Buffer
	n := len(f.head) + 20*f.size + 200
	for _, obj := range f.objects {
		n += len(obj)
	}
	out.Grow(n)
	out.Write(f.head)
	offsets := make([]int, f.size)
	for _, n := range f.order {
		offsets[n] = out.Len()
		out.Write(f.objects[n])
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", f.size)
	for n := 1; n < f.size; n++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", f.size, f.root, f.info, xref)
	return out.Bytes()
}

// insertKeys adds dictionary entries at the end of an object that is one
// dictionary ("n 0 obj\n<<\n…\n>>\nendobj\n").
func insertKeys(obj []byte, keys string) ([]byte, error) {
	i := bytes.LastIndex(obj, []byte("\n>>\nendobj\n"))
	if i < 0 {
		return nil, fmt.Errorf("not a dictionary object")
	}
	out := make([]byte, 0, len(obj)+len(keys))
	out = append(out, obj[:i+1]...)
	out = append(out, keys...)
	return append(out, obj[i+1:]...), nil
}

// zonedDates gives the dates fpdf writes ("(D:20190601000000)", UTC but
// without saying so) their time zone, Z, as PDF/X checkers expect dates
// that agree with the XMP metadata's.
func zonedDates(obj []byte) []byte {
	out := make([]byte, 0, len(obj)+2)
	for {
		i := bytes.Index(obj, []byte("(D:"))
		if i < 0 {
			return append(out, obj...)
		}
		out = append(out, obj[:i+3]...)
		obj = obj[i+3:]
		if len(obj) >= 15 && isDigits(obj[:14]) && obj[14] == ')' { // YYYYMMDDHHmmSS
			out = append(out, obj[:14]...)
			out = append(out, 'Z')
			obj = obj[14:]
		}
	}
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// pdfString writes s as a PDF string: a literal one when it is printable
// ASCII, else UTF-16BE with a byte-order mark, in hex.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		var b bytes.Buffer
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte(')')
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}
