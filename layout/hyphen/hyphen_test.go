package hyphen

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

// show renders a token's breaks: "-" where a hyphen is added, "|" where
// the line may break without one.
func show(h *Hyphenator, word string) string {
	rs := []rune(word)
	var b strings.Builder
	breaks := h.Breaks(word)
	k := 0
	for i, r := range rs {
		for k < len(breaks) && breaks[k].Pos == i {
			if breaks[k].Hyphen {
				b.WriteByte('-')
			} else {
				b.WriteByte('|')
			}
			k++
		}
		b.WriteRune(r)
	}
	return b.String()
}

func mustNew(t testing.TB, lang string) *Hyphenator {
	t.Helper()
	h, err := New(lang)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestItalianWords(t *testing.T) {
	h := mustNew(t, "it")
	tests := []struct{ in, want string }{
		{"metropolitana", "me-tro-po-li-ta-na"},
		{"sviluppo", "svi-lup-po"},
		{"cooperazione", "coo-pe-ra-zio-ne"},
		{"internazionalizzazione", "in-ter-na-zio-na-liz-za-zio-ne"},
		{"Città", "Cit-tà"},
		{"paesaggistico", "pae-sag-gi-sti-co"},
		{"agroalimentari", "agroa-li-men-ta-ri"},
		{"sostenibile", "so-ste-ni-bi-le"},
		{"e", "e"},
		{"una", "una"},
		{"ambito", "am-bi-to"},
	}
	for _, tt := range tests {
		if got := show(h, tt.in); got != tt.want {
			t.Errorf("it %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEnglishWords(t *testing.T) {
	h := mustNew(t, "en")
	tests := []struct{ in, want string }{
		{"international", "in-ter-na-tional"},
		{"development", "de-vel-op-ment"},
		{"cooperation", "co-oper-a-tion"},
		{"partnerships", "part-ner-ships"},
		{"university", "uni-ver-sity"},
		{"metropolitan", "met-ro-pol-itan"},
		{"the", "the"},
	}
	for _, tt := range tests {
		if got := show(h, tt.in); got != tt.want {
			t.Errorf("en %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMinimumFragments(t *testing.T) {
	it, en := mustNew(t, "it"), mustNew(t, "en")
	for _, b := range it.Breaks("acqua") { // ac-qua: 2 and 3 letters
		if b.Pos < 2 || b.Pos > 3 {
			t.Errorf("it acqua: break at %d violates 2/2", b.Pos)
		}
	}
	for _, w := range []string{"cities", "policies", "gradually", "actions"} {
		n := len([]rune(w))
		for _, b := range en.Breaks(w) {
			if b.Pos < 2 || n-b.Pos < 3 {
				t.Errorf("en %q: break at %d violates 2/3", w, b.Pos)
			}
		}
	}
}

func TestPunctuationAroundWords(t *testing.T) {
	it := mustNew(t, "it")
	tests := []struct{ in, want string }{
		{"sviluppo,", "svi-lup-po,"},
		{"“metropolitana”.", "“me-tro-po-li-ta-na”."},
		{"(sviluppo)", "(svi-lup-po)"},
	}
	for _, tt := range tests {
		if got := show(it, tt.in); got != tt.want {
			t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNeverHyphenated(t *testing.T) {
	it, en := mustNew(t, "it"), mustNew(t, "en")
	for _, w := range []string{"www.cittametropolitana.torino.it", "info@example.org", "(ANCI),", "UNSSC", "CoCoPa", "MedNetJob", "9,52%", "2030:", "EU's", "https://example.org"} {
		if b := it.Breaks(w); len(b) != 0 {
			t.Errorf("it %q: breaks %v, want none", w, b)
		}
		if b := en.Breaks(w); len(b) != 0 {
			t.Errorf("en %q: breaks %v, want none", w, b)
		}
	}
}

func TestNumbersBreakOnlyAfterASlashOrHyphen(t *testing.T) {
	it := mustNew(t, "it")
	tests := []struct {
		in   string
		want []Break
	}{
		{"125/2014", []Break{{Pos: 4, Discouraged: true}}},
		{"125/2014)", []Break{{Pos: 4, Discouraged: true}}},
		{"2014-2020", []Break{{Pos: 5, Discouraged: true}}},
		{"67/1995,", []Break{{Pos: 3, Discouraged: true}}},
		{"9,52%", nil},
		{"www.example.org/2014/05", nil},
		{"2030:", nil},
	}
	for _, tt := range tests {
		got := it.Breaks(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("%q: breaks %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: breaks %v, want %v", tt.in, got, tt.want)
			}
		}
	}
}

func TestCompoundsBreakOnlyAtTheirHyphen(t *testing.T) {
	it, en := mustNew(t, "it"), mustNew(t, "en")
	tests := []struct {
		h       *Hyphenator
		in, out string
	}{
		{it, "co-sviluppo", "co-|sviluppo"},
		{it, "pubblico-privato", "pubblico-|privato"},
		{en, "Non-Governmental", "Non-|Governmental"},
		{en, "co-development", "co-|development"},
		{it, "Febbraio/February", "Febbraio/|February"},
	}
	for _, tt := range tests {
		if got := show(tt.h, tt.in); got != tt.out {
			t.Errorf("%q = %q, want %q", tt.in, got, tt.out)
		}
	}
}

func TestItalianApostrophe(t *testing.T) {
	it, en := mustNew(t, "it"), mustNew(t, "en")
	tests := []struct{ in, want string }{
		{"dell’Acqua", "dell’|Ac-qua"},
		{"l’internazionalizzazione", "l’|in-ter-na-zio-na-liz-za-zio-ne"},
		{"all’estero", "all’|este-ro"},
		{"un’azione", "un’|azio-ne"},
		{"dell'Acqua", "dell'|Ac-qua"},
	}
	for _, tt := range tests {
		if got := show(it, tt.in); got != tt.want {
			t.Errorf("it %q = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := show(en, "migrants’"); got != "mi-grants’" {
		t.Errorf("en migrants’ = %q", got)
	}
}

func TestExceptions(t *testing.T) {
	en := mustNew(t, "en")
	if got := show(en, "university"); got != "uni-ver-sity" { // from the pattern file's \hyphenation list
		t.Errorf("university = %q", got)
	}
	if err := en.AddException("Tu-rin-ese"); err != nil {
		t.Fatal(err)
	}
	if got := show(en, "Turinese"); got != "Tu-rin-ese" {
		t.Errorf("Turinese = %q", got)
	}
	for _, bad := range []string{"-ab", "a--b", "ab-", "a1-b"} {
		if err := en.AddException(bad); err == nil {
			t.Errorf("AddException(%q): want error", bad)
		}
	}
	if _, err := New("fr"); err == nil {
		t.Error("New(fr): want error")
	}
}

func BenchmarkBreaks(b *testing.B) {
	h := mustNew(b, "it")
	words := strings.Fields("La Città metropolitana di Torino collabora con le reti di comunità italiane all’estero e con le reti delle comunità di origine dei migranti residenti nella Città metropolitana di Torino, con i soggetti della società civile attivi nella cooperazione allo sviluppo")
	for b.Loop() {
		for _, w := range words {
			h.Breaks(w)
		}
	}
}

func TestBreaksAreRememberedAndSafeToShare(t *testing.T) {
	h := mustNew(t, "en")
	words := []string{"hyphenation", "cooperation", "table", "(international),", "125/2014", "www.example.com"}
	want := map[string][]Break{}
	for _, w := range words {
		want[w] = h.Breaks(w)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				for _, w := range words {
					got := h.Breaks(w)
					if !reflect.DeepEqual(got, want[w]) {
						t.Errorf("Breaks(%q) = %v, want %v", w, got, want[w])
					}
					if len(got) > 0 {
						got[0].Pos = -1 // the caller's own slice
					}
				}
			}
		}()
	}
	wg.Wait()
	// An exception added later replaces what was remembered.
	if err := h.AddException("ta-ble"); err != nil {
		t.Fatal(err)
	}
	if got := h.Breaks("table"); len(got) != 1 || got[0].Pos != 2 {
		t.Errorf("Breaks(table) after the exception = %v, want a break at 2", got)
	}
}

func BenchmarkBreaksUncached(b *testing.B) {
	h := mustNew(b, "it")
	words := strings.Fields("La Città metropolitana di Torino collabora con le reti di comunità italiane all’estero e con le reti delle comunità di origine dei migranti residenti nella Città metropolitana di Torino, con i soggetti della società civile attivi nella cooperazione allo sviluppo")
	for b.Loop() {
		for _, w := range words {
			h.breaks(w)
		}
	}
}

// SharedBreaks gives what Breaks gives, as one slice shared by every call
// for a token; Breaks gives each caller a copy of its own.
func TestSharedBreaksAreBreaksShared(t *testing.T) {
	h, err := New("it")
	if err != nil {
		t.Fatal(err)
	}
	withBreaks := 0
	for _, token := range []string{"cooperazione", "dell’Acqua,", "2014-2020", "(ANCI)", "e"} {
		shared := h.SharedBreaks(token)
		if got := h.Breaks(token); !reflect.DeepEqual(got, shared) {
			t.Errorf("%q: Breaks %v, SharedBreaks %v", token, got, shared)
		}
		if len(shared) == 0 {
			continue
		}
		withBreaks++
		if again := h.SharedBreaks(token); &again[0] != &shared[0] {
			t.Errorf("%q: SharedBreaks made a new slice", token)
		}
		if cap(shared) != len(shared) {
			t.Errorf("%q: SharedBreaks has room to append into: len %d, cap %d", token, len(shared), cap(shared))
		}
		own := h.Breaks(token)
		own[0].Pos = -1
		if h.SharedBreaks(token)[0].Pos == -1 {
			t.Errorf("%q: changing Breaks' slice changed the shared one", token)
		}
	}
	if withBreaks < 3 {
		t.Errorf("%d tokens with breaks, want 3: the test checks too little", withBreaks)
	}
}
