package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/internal/preflight"
	"github.com/duetto-press/duetto/layout"
)

func newBuildCmd(stdout io.Writer) *cobra.Command {
	var out, lang string
	var verbose, imposed, screen bool
	cmd := &cobra.Command{
		Use:   "build [FILE.toml|DIR]",
		Short: "Build a publication's PDF",
		Long: `Build lays out a publication and writes its PDF. With no argument it builds
the Turin brochure embedded in duetto. The PDF is written to a temporary file
beside the target and renamed into place, so an error never damages an
earlier PDF.`,
		Example: `  duetto build
  duetto build examples/turin -o /tmp/turin.pdf
  duetto build --lang it            # the Italian-only edition
  duetto build --lang all -o turin.pdf   # turin.pdf, turin-it.pdf, turin-en.pdf
  duetto build --impose             # also turin-imposed.pdf, the printer's sheets
  duetto build --screen             # also turin-screen.pdf: RGB, no bleed, no marks`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("build takes one publication (a TOML file or a folder), got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			source := ""
			if len(args) == 1 {
				source = args[0]
			}
			return build(buildSpec{source: source, out: out, lang: lang, verbose: verbose, impose: imposed, screen: screen}, stdout)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output PDF (default: the publication's `output`)")
	cmd.Flags().StringVar(&lang, "lang", "bilingual", "edition: bilingual, it, en, or all (writes NAME.pdf, NAME-it.pdf, NAME-en.pdf)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print the time of each stage and the typographic report: worst line, hyphen ladders and pair gaps per page")
	cmd.Flags().BoolVar(&imposed, "impose", false, "also write NAME-imposed.pdf: the saddle-stitched booklet's sheets, front and back, as printer spreads")
	cmd.Flags().BoolVar(&screen, "screen", false, "also write NAME-screen.pdf (or [publication] output-screen): the screen edition, in RGB, cut to the trim, without marks or PDF/X, photos at 150 ppi")
	return cmd
}

// loadPublication loads the publication at source (a TOML file or a
// folder), or the embedded brochure when source is "".
func loadPublication(source string) (*content.Publication, error) {
	var pub *content.Publication
	var err error
	if source == "" {
		pub, err = content.Load(examples.Turin(), content.RootName)
	} else {
		pub, err = content.LoadPath(source)
	}
	if err != nil {
		return nil, err
	}
	if err := applySourceDate(pub, os.Getenv); err != nil {
		return nil, err
	}
	return pub, nil
}

// buildSpec says what one build makes.
type buildSpec struct {
	source  string // FILE.toml or DIR; "" for the embedded brochure
	out     string // output PDF; "" for the publication's own
	lang    string // "bilingual" (or ""), "it", "en" or "all"
	verbose bool
	impose  bool // also write the imposed printer spreads
	screen  bool // also write the screen edition (as output-screen does)
	// resources, when set, keeps the fonts, images and hyphenators of one
	// build for the next (watch): see resourceCache.
	resources *resourceCache
}

// build loads the publication, lays out the editions asked for and
// writes their PDFs, printing a line per PDF with the pages that changed.
// Every edition is laid out and its files written to temporary files
// before any earlier file is replaced, so an error leaves every earlier
// PDF as it was.
func build(spec buildSpec, stdout io.Writer) error {
	var times stageTimes // load, resources; each edition keeps its own
	prog := startProgress(stdout)
	defer prog.done()
	prog.set("reading the publication")
	start := time.Now()
	pub, err := loadPublication(spec.source)
	if err != nil {
		return err
	}
	times.since("load", start)
	out := spec.out
	if out == "" {
		out = pub.Meta.Output
		if out == "" {
			out = "out.pdf"
		}
	}
	var editions []string // "" is the bilingual edition
	switch spec.lang {
	case "", "bilingual":
		editions = []string{""}
	case "all":
		editions = []string{"", pub.Languages[0], pub.Languages[1]}
	default:
		if spec.lang != pub.Languages[0] && spec.lang != pub.Languages[1] {
			return usageError{fmt.Errorf("--lang %q: the publication's languages are %s and %s (or all, bilingual)", spec.lang, pub.Languages[0], pub.Languages[1])}
		}
		editions = []string{spec.lang}
	}
	nameOf := func(ed string) string {
		if ed != "" && len(editions) > 1 {
			return editionName(out, ed)
		}
		return out
	}
	// The screen edition: asked for by --screen or output-screen, named
	// by output-screen unless -o names the print edition.
	screenOf := func(ed string) string {
		if pub.Meta.OutputScreen == "" || spec.out != "" {
			return screenName(nameOf(ed))
		}
		if ed != "" && len(editions) > 1 {
			return editionName(pub.Meta.OutputScreen, ed)
		}
		return pub.Meta.OutputScreen
	}
	screen := spec.screen || pub.Meta.OutputScreen != ""
	for _, ed := range editions {
		if err := refuseInput(pub, nameOf(ed)); err != nil {
			return err
		}
		if err := refuseInput(pub, imposedName(nameOf(ed))); spec.impose && err != nil {
			return err
		}
		if err := refuseInput(pub, screenOf(ed)); screen && err != nil {
			return err
		}
		if err := checkOutput(nameOf(ed)); err != nil {
			return err
		}
	}
	prog.set("loading fonts and images")
	start = time.Now()
	res, err := spec.resources.load(pub)
	if err != nil {
		return inSource(pub, err)
	}
	if len(editions) == 1 && spec.resources == nil {
		// One layout, and no later build to use what it remembers.
		res.ForgetParagraphs()
	}
	times.since("fonts and images", start)
	prog.set(fmt.Sprintf("laying out, checking and writing %d edition(s)", len(editions)))
	start = time.Now()
	// Editions are laid out, checked and written concurrently:
	// they share the parsed fonts, images and hyphenators, which are
	// read-only, and nothing else.
	// Each edition writes its files to temporary files beside their
	// names as soon as it is ready, while the others are still being
	// made; they replace the earlier files only when every edition has
	// succeeded (see stagedFile).
	type result struct {
		name     string
		pages    int
		change   string           // the change note, against the file it replaces
		doc      *layout.Document // with -v, for the report
		staged   []stagedFile     // the edition's PDF, imposed and screen PDFs
		imposed  int              // sheets, with --impose
		screen   int              // pages, with --screen
		sname    string
		schange  string
		warnings []string
		times    stageTimes
		err      error
	}
	results := make([]result, len(editions))
	sep := newSeparator(pub)
	var scr *screener
	if screen {
		if scr, err = newScreener(pub); err != nil {
			return err
		}
	}
	cache := spec.resources.writerCache() // the photos' hashes, for every edition (and, in watch, the next build)
	// The editions share one subset of each font: of the runes they all show in it.
	runes := pdf.NewRuneUnion(len(editions))
	var wg sync.WaitGroup
	for i, ed := range editions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			added := false
			defer func() {
				if !added {
					runes.Leave()
				}
			}()
			r := &results[i]
			defer func() { // run's recover does not see this goroutine
				if v := recover(); v != nil {
					r.err = internalError{value: v, stack: debug.Stack()}
				}
			}()
			r.name = nameOf(ed)
			t := time.Now()
			doc, err := layout.LayoutEdition(pub, res, ed)
			if err != nil {
				r.err = err
				return
			}
			r.times.since("layout", t)
			var sdoc *layout.Document
			if scr != nil { // before print separates RGB photos
				t = time.Now()
				if sdoc, err = scr.edition(doc); err != nil {
					r.err = err
					return
				}
				r.times.since("screen photos", t)
			}
			t = time.Now()
			if err := sep.separate(doc); err != nil {
				r.err = err
				return
			}
			if sep.convert {
				r.times.since("RGB to CMYK", t)
			}
			// Preflight: errors stop the build before any file is replaced.
			t = time.Now()
			findings := preflight.Check(doc, preflight.DefaultLimits())
			x, pdfx, err := pdfxFor(pub, doc)
			if err != nil {
				r.err = err
				return
			}
			findings = append(findings, pdfx...)
			r.times.since("preflight", t)
			if preflight.Errors(findings) {
				r.err = preflightError{r.name, findings}
				return
			}
			for _, f := range findings {
				r.warnings = append(r.warnings, r.name+": "+f.String())
			}
			added = true // before Add, which counts the document even if it panics
			runes.Add(doc)
			runes.Runes() // waits for the other editions, which is not the write's time
			t = time.Now()
			file, err := pdf.Render(doc, pdf.Options{PDFX: x, Registration: pub.Page.Registration, ColorBar: pub.Page.ColorBar, Cache: cache, Union: runes})
			if err != nil {
				r.err = fmt.Errorf("writing PDF: %w", err)
				return
			}
			r.times.since("write", t)
			r.pages = len(doc.Pages)
			if spec.verbose {
				r.doc = doc
			}
			var imposed *pdf.File
			if spec.impose {
				t = time.Now()
				if imposed, err = impose(pub, doc, x, cache); err != nil {
					r.err = err
					return
				}
				r.times.since("impose", t)
			}
			var sfile *pdf.File
			if sdoc != nil {
				t = time.Now()
				r.sname = screenOf(ed)
				if sfile, err = writeScreen(r.sname, sdoc, scr, cache); err != nil {
					r.err = err
					return
				}
				r.screen = len(sdoc.Pages)
				r.schange = changeNote(r.sname, sfile.PageDigests())
				r.times.since("screen", t)
			}
			t = time.Now()
			r.change = changeNote(r.name, file.PageDigests())
			st, err := stage(r.name, file)
			if err != nil {
				r.err = err
				return
			}
			r.staged = append(r.staged, st)
			if imposed != nil {
				st, err := stage(imposedName(r.name), imposed)
				if err != nil {
					r.err = err
					return
				}
				r.staged = append(r.staged, st)
				r.imposed = len(doc.Pages) / 4
			}
			if sfile != nil {
				st, err := stage(r.sname, sfile)
				if err != nil {
					r.err = err
					return
				}
				r.staged = append(r.staged, st)
			}
			r.times.since("files", t)
		}()
	}
	wg.Wait()
	times.since("editions", start)
	prog.done()    // erase the line before the results are printed
	defer func() { // whatever was not renamed into place
		for i := range results {
			for k := range results[i].staged {
				results[i].staged[k].discard()
			}
		}
	}()
	var warnings []string
	for _, r := range results { // the first error in edition order
		if r.err != nil {
			return inSource(pub, r.err)
		}
		warnings = append(warnings, r.warnings...)
	}
	var staged []*stagedFile
	for i := range results {
		for k := range results[i].staged {
			staged = append(staged, &results[i].staged[k])
		}
	}
	if err := commitAll(staged); err != nil {
		return err
	}
	for i := range results {
		r := &results[i]
		fmt.Fprintf(stdout, "%s: %d pages%s\n", r.name, r.pages, r.change)
		if r.imposed > 0 {
			fmt.Fprintf(stdout, "%s: %d %s, front and back\n", imposedName(r.name), r.imposed, plural(r.imposed, "sheet", "sheets"))
		}
		if r.screen > 0 {
			fmt.Fprintf(stdout, "%s: %d pages for the screen%s\n", r.sname, r.screen, r.schange)
		}
		if spec.verbose {
			fmt.Fprintf(stdout, "time: %s\n", &r.times)
			printReport(stdout, r.doc)
		}
	}
	if spec.verbose {
		fmt.Fprintf(stdout, "time: %s (the editions concurrently)\n", &times)
	}
	for _, w := range warnings {
		fmt.Fprintln(stdout, w)
	}
	return nil
}

// preflightError is a build stopped by preflight errors.
type preflightError struct {
	name     string
	findings []preflight.Finding
}

func (e preflightError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is not fit to print; nothing was written:", e.name)
	for _, f := range e.findings {
		b.WriteString("\n  " + f.String())
	}
	return b.String()
}

// refuseInput refuses an output path that is one of the publication's
// own files (a TOML file, a font, an image): writing there would destroy
// the input.
func refuseInput(pub *content.Publication, out string) error {
	if pub.Dir == "" {
		return nil
	}
	target, err := filepath.Abs(out)
	if err != nil {
		return nil
	}
	ot, _ := os.Stat(target)
	for _, in := range pub.Inputs() {
		p, err := filepath.Abs(filepath.Join(pub.Dir, filepath.FromSlash(in)))
		if err != nil {
			continue
		}
		st, _ := os.Stat(p)
		if p == target || (ot != nil && st != nil && os.SameFile(ot, st)) {
			return fmt.Errorf("refusing to write %s: it is an input of the publication", out)
		}
	}
	return nil
}

// checkOutput refuses, before any work, an output that cannot be
// written: a folder, a path in a folder that does not exist, or a folder
// duetto may not write in (tried with a temporary file, which also finds
// read-only file systems).
func checkOutput(out string) error {
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder; give a file name such as %s", out, filepath.Join(out, "out.pdf"))
	}
	dir := filepath.Dir(out)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("cannot write %s: folder %s does not exist", out, dir)
	case !st.IsDir():
		return fmt.Errorf("cannot write %s: %s is a file, not a folder", out, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // the temporary file's name says nothing
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: folder %s is not writable (%w)", out, dir, err)
	}
	tmp.Close()
	return os.Remove(tmp.Name())
}

// internalError is a panic caught in a goroutine of the build, handed
// to run to report as a bug.
type internalError struct {
	value any
	stack []byte
}

func (e internalError) Error() string { return fmt.Sprintf("internal error: %v", e.value) }

// changeNote compares a new PDF's page digests with those of the duetto
// PDF it replaces: ", changed 14 15", ", unchanged", or "" when there is
// no earlier duetto PDF.
func changeNote(name string, digests []string) string {
	before, err := readDigests(name)
	if err != nil {
		return ""
	}
	return describeChanges(pdf.ChangedPages(before, digests))
}

// readDigests reads the page digests of the duetto PDF name. They are in
// the metadata near the end of the file (50–65 KB before it in the
// brochure and a 192-page book), so it reads the last parts first
// (photos make most of a file) and the whole file only when they are not
// there.
func readDigests(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	for _, tail := range []int64{128 << 10, 1 << 20} {
		if st.Size() <= tail {
			break
		}
		buf := make([]byte, tail)
		if _, err := f.ReadAt(buf, st.Size()-tail); err == nil {
			if d, err := pdf.PageDigests(buf); err == nil {
				return d, nil
			}
		}
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return pdf.PageDigests(data)
}

// describeChanges formats a list of changed pages.
func describeChanges(changed []int) string {
	if len(changed) == 0 {
		return ", unchanged"
	}
	parts := make([]string, len(changed))
	for i, n := range changed {
		parts[i] = strconv.Itoa(n)
	}
	return ", changed " + strings.Join(parts, " ")
}

// editionName is the file name of a language edition: turin.pdf → turin-it.pdf.
func editionName(out, lang string) string {
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "-" + lang + ext
}

// buildDocument runs the layout stages on a loaded publication.
func buildDocument(pub *content.Publication) (*layout.Document, error) {
	res, err := layout.LoadResources(pub)
	if err != nil {
		return nil, err
	}
	return layout.Layout(pub, res)
}

// writeAtomic writes data to name through a temporary file in the same
// folder and a rename, so readers never see a partial file and an error
// leaves the previous file intact.
func writeAtomic(name string, data []byte) error {
	st, err := stage(name, bytes.NewReader(data))
	if err != nil {
		return err
	}
	if err := st.commit(); err != nil {
		st.discard()
		return err
	}
	return nil
}

// stagedFile is an output written in full to a temporary file in its
// folder and synced to disk, waiting to replace name by a rename: until
// then, the earlier file is as it was.
type stagedFile struct {
	name, tmp string
	done      bool
}

// stage writes what src writes to a temporary file beside name.
func stage(name string, src io.WriterTo) (stagedFile, error) {
	dir := filepath.Dir(name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return stagedFile{}, fmt.Errorf("cannot write %s: folder %s does not exist", name, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return stagedFile{}, fmt.Errorf("cannot write %s: %w", name, err)
	}
	fail := func(err error) (stagedFile, error) {
		tmp.Close()
		os.Remove(tmp.Name())
		return stagedFile{}, fmt.Errorf("cannot write %s: %w", name, err)
	}
	// A PDF comes in pieces, half of them under 200 bytes (the objects
	// between the photos): they go out in one write per 32 KiB. A piece
	// in memory larger than what the buffer has left goes out directly
	// once the buffer is written; a photo streamed from its file fills
	// the buffer, and the rest of it is copied by the kernel, file to
	// file (bufio's ReadFrom).
	bw := bufio.NewWriterSize(tmp, 32<<10)
	if _, err := src.WriteTo(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return stagedFile{}, fmt.Errorf("cannot write %s: %w", name, err)
	}
	return stagedFile{name: name, tmp: tmp.Name()}, nil
}

// commitAll renames the staged files into place, all at
// once: a rename that replaces an earlier PDF frees the old file's
// blocks, some 2 ms for a brochure of 5 MB on ext4, and the editions'
// renames need not wait for each other. It returns the first error in
// the order of files.
func commitAll(files []*stagedFile) error {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { errs[i] = f.commit() })
	}
	wg.Wait()
	return firstError(errs)
}

// firstError returns the first error that is not nil, or nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// commit renames the staged file into place.
func (s *stagedFile) commit() error {
	if err := os.Rename(s.tmp, s.name); err != nil {
		return fmt.Errorf("cannot write %s: %w", s.name, err)
	}
	s.done = true
	return nil
}

// discard removes the temporary file of a staged file not committed.
func (s *stagedFile) discard() {
	if !s.done && s.tmp != "" {
		os.Remove(s.tmp)
	}
}
