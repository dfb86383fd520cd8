package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/duetto-press/duetto/layout"
)

// The XMP metadata packet: the document's title, language, dates and
// producer for PDF readers and preflight tools, and — in duetto's own
// namespace — the digest of every page, so that a later build (or
// `duetto diff`) can tell which pages changed without rendering them.

const xmpNamespace = "https://github.com/duetto-press/duetto/ns/1.0/"

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmpPacket builds the packet for doc. With a PDF/X version it also
// carries what PDF/X checkers read from the metadata: the version, the
// trapping state and the document's identity (derived from its pages, so
// the same layout gets the same id).
//
// digests are doc's, as Digests returns them.
func xmpPacket(doc *layout.Document, pdfx string, digests []string) []byte {
	date := time.Unix(doc.Meta.Date, 0).UTC().Format("2006-01-02T15:04:05Z")
	var pages strings.Builder
	for i := range doc.Pages {
		if i > 0 {
			pages.WriteByte(' ')
		}
		fmt.Fprintf(&pages, "%d:%s", doc.Pages[i].Index, digests[doc.Pages[i].Index])
	}
	lang := doc.Meta.Lang
	if lang == "" {
		lang = "x-default"
	}
	var extra, ns strings.Builder
	if doc.Meta.Subject != "" {
		extra.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + xmlEscape(doc.Meta.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if len(doc.Meta.Keywords) > 0 {
		extra.WriteString("<pdf:Keywords>" + xmlEscape(strings.Join(doc.Meta.Keywords, ", ")) + "</pdf:Keywords>\n")
	}
	if pdfx != "" {
		ns.WriteString("\n xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"")
		sum := sha256.Sum256([]byte(doc.Meta.Title + "\n" + pages.String()))
		h := hex.EncodeToString(sum[:16])
		id := "uuid:" + h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		extra.WriteString("<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
		extra.WriteString("<pdf:Trapped>False</pdf:Trapped>\n")
		extra.WriteString("<pdfxid:GTS_PDFXVersion>" + xmlEscape(pdfx) + "</pdfxid:GTS_PDFXVersion>\n")
		extra.WriteString("<xmpMM:DocumentID>" + id + "</xmpMM:DocumentID>\n")
		extra.WriteString("<xmpMM:InstanceID>" + id + "</xmpMM:InstanceID>\n")
		extra.WriteString("<xmpMM:VersionID>1</xmpMM:VersionID>\n")
		extra.WriteString("<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n")
	}
	return []byte(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:duetto="` + xmpNamespace + `"` + ns.String() + `>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + xmlEscape(doc.Meta.Title) + `</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>` + xmlEscape(doc.Meta.Author) + `</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>` + xmlEscape(lang) + `</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>` + date + `</xmp:CreateDate>
<xmp:ModifyDate>` + date + `</xmp:ModifyDate>
<xmp:CreatorTool>duetto</xmp:CreatorTool>
<pdf:Producer>` + Producer + `</pdf:Producer>
` + extra.String() + `<duetto:pages>` + pages.String() + `</duetto:pages>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`)
}

// PageDigests reads the page digests a duetto PDF carries in its XMP
// metadata, indexed by physical page (1-based; entry 0 is unused). It
// returns an error for a PDF that duetto did not write.
func PageDigests(pdf []byte) ([]string, error) {
	// The first <duetto:pages>…</duetto:pages> with no other tag inside.
	const open, end = "<duetto:pages>", "</duetto:pages>"
	var list []byte
	for from := 0; list == nil; {
		i := bytes.Index(pdf[from:], []byte(open))
		if i < 0 {
			return nil, fmt.Errorf("no page digests: not a PDF written by duetto")
		}
		body := pdf[from+i+len(open):]
		if j := bytes.IndexByte(body, '<'); j >= 0 && bytes.HasPrefix(body[j:], []byte(end)) {
			list = body[:j:j]
		}
		from += i + len(open)
	}
	fields := strings.Fields(string(list))
	out := make([]string, len(fields)+1)
	for _, f := range fields {
		n, digest, ok := strings.Cut(f, ":")
		i, err := strconv.Atoi(n)
		if !ok || err != nil || i < 1 || i > len(fields) {
			return nil, fmt.Errorf("malformed page digest %q", f)
		}
		out[i] = digest
	}
	return out, nil
}

// ChangedPages compares two digest lists (from PageDigests, or made from
// a document) and returns the pages that differ, including pages only one
// of them has.
func ChangedPages(old, new []string) []int {
	var changed []int
	for i := 1; i < max(len(old), len(new)); i++ {
		var a, b string
		if i < len(old) {
			a = old[i]
		}
		if i < len(new) {
			b = new[i]
		}
		if a != b {
			changed = append(changed, i)
		}
	}
	return changed
}

// Digests lists the page digests of doc, indexed like PageDigests.
func Digests(doc *layout.Document) []string {
	out := make([]string, len(doc.Pages)+1)
	for i := range doc.Pages {
		out[doc.Pages[i].Index] = doc.Pages[i].Digest()
	}
	return out
}
