package layout

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sync"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/fonts"
	"github.com/duetto-press/duetto/images"
	"github.com/duetto-press/duetto/layout/hyphen"
)

// Resources are the parsed fonts, inspected images and hyphenators a
// publication needs. They are loaded once and may be reused by several
// layouts of the same publication (editions, rebuilds).
type Resources struct {
	faces   map[string]*fonts.Face // by fontKey
	images  map[string]*imageRes   // by path in the publication's FS
	hyphens map[string]*hyphen.Hyphenator
	// paras remembers the paragraphs the layouts set and their line
	// breaks (breakcache.go).
	paras *paraCache
}

type imageRes struct {
	info   images.Info
	data   []byte            // nil when streamed
	stream *Stream           // when the photos are not held in memory
	sum    [sha256.Size]byte // of the file: every edition's digests and writer use it
}

// ForgetParagraphs makes later layouts with r remember no paragraphs or
// line breaks (breakcache.go): for a build that lays out one edition
// once, where nothing would find them and they would only hold memory
// (a third of a 200-page build's). Call it before any layout with r.
func (r *Resources) ForgetParagraphs() { r.paras = nil }

// Face returns the parsed face of a font family, or nil.
func (r *Resources) Face(family string, face content.Face) *fonts.Face {
	return r.faces[fontKey(family, face)]
}

// fontKey names a face of a family, e.g. "sans-bold".
func fontKey(family string, face content.Face) string { return family + "-" + string(face) }

// LoadResources parses every font face and inspects every image pub uses.
// Errors name the source position of the font or figure.
func LoadResources(pub *content.Publication) (*Resources, error) {
	return LoadResourcesWith(pub, LoadOptions{MaxHeldPhotos: DefaultMaxHeldPhotos})
}

// LoadOptions are the choices of LoadResourcesWith.
type LoadOptions struct {
	// MaxHeldPhotos is the most bytes of photos held in memory: a
	// publication with more has them read from their files when each PDF
	// is written (Image.Stream), so that memory does not grow with its
	// photos. 0 streams every photo.
	MaxHeldPhotos int64
}

// DefaultMaxHeldPhotos is LoadResources' MaxHeldPhotos. The brochure's 16
// photos are 4.8 MB; a generated 200-page book's 64, 19 MB.
const DefaultMaxHeldPhotos = 12 << 20

// LoadResourcesWith is LoadResources with options.
func LoadResourcesWith(pub *content.Publication, opt LoadOptions) (*Resources, error) {
	r := &Resources{faces: map[string]*fonts.Face{}, images: map[string]*imageRes{}, hyphens: map[string]*hyphen.Hyphenator{}, paras: newParaCache()}
	// The fonts, the hyphenators and the images are loaded at the same
	// time; the errors are reported in that order.
	var fontErrs, hyphenErrs []error
	var side sync.WaitGroup
	side.Add(2)
	go func() {
		defer side.Done()
		fontErrs = r.loadFonts(pub)
	}()
	go func() {
		defer side.Done()
		hyphenErrs = r.loadHyphenators(pub)
	}()
	imageErrs := r.loadImages(pub, opt.MaxHeldPhotos)
	side.Wait()
	errs := append(append(fontErrs, imageErrs...), hyphenErrs...)
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return r, nil
}

// loadFonts parses every font face pub names.
func (r *Resources) loadFonts(pub *content.Publication) []error {
	var errs []error
	for _, fam := range sortedFamilies(pub) {
		for _, face := range []content.Face{content.Regular, content.Bold, content.Italic, content.BoldItalic} {
			src, ok := fam.Faces[face]
			if !ok {
				continue
			}
			var f *fonts.Face
			var err error
			if src.Builtin != "" {
				f, err = fonts.Builtin(src.Builtin)
			} else {
				var data []byte
				data, err = fs.ReadFile(pub.FS, src.Path)
				if err == nil {
					f, err = fonts.Parse(src.Path, data)
				}
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: font %s %s: %w", src.Pos, fam.Name, face, err))
				continue
			}
			r.faces[fontKey(fam.Name, face)] = f
		}
	}
	return errs
}

// loadImages reads, inspects and hashes every image pub uses, and keeps
// their bytes unless they are more than maxHeld in all. The files that
// pub's file system shares (SharedFS) are neither read nor hashed: their
// bytes and sums are taken as they are, and never streamed.
func (r *Resources) loadImages(pub *content.Publication, maxHeld int64) []error {
	var errs []error
	// Images are read, inspected and hashed concurrently (they are most
	// of a publication's bytes), once per file; errors are reported for
	// every reference to a bad file, in source order.
	type job struct {
		name string
		res  *imageRes
		err  error
	}
	type ref struct {
		pos content.Pos
		job *job
	}
	var refs []ref
	jobs := map[string]*job{}
	var order []*job
	addImage := func(pos content.Pos, name string) {
		if name == "" {
			return
		}
		j := jobs[name]
		if j == nil {
			j = &job{name: name}
			jobs[name] = j
			order = append(order, j)
		}
		refs = append(refs, ref{pos, j})
	}
	if pub.Cover != nil {
		addImage(pub.Cover.Pos, pub.Cover.Image)
	}
	for _, s := range pub.Sections {
		for _, b := range s.Blocks {
			if b.Figure != nil {
				pos := b.Figure.FilePos
				if pos.Line == 0 {
					pos = b.Pos
				}
				addImage(pos, b.Figure.File)
			}
		}
	}
	shared, _ := pub.FS.(SharedFS)
	var total int64 // of the photos read into memory
	for _, j := range order {
		if shared != nil {
			if data, sum, ok := shared.SharedFile(j.name); ok {
				j.res = &imageRes{data: data, sum: sum}
				continue
			}
		}
		if st, err := fs.Stat(pub.FS, j.name); err == nil {
			total += st.Size()
		}
	}
	stream := total > maxHeld
	var wg sync.WaitGroup
	// Each of the photos read at once has a buffer: a streamed photo is
	// only inspected and hashed, and its buffer read into again for the
	// next one, rather than every photo of a long book read into fresh
	// memory to be dropped. A buffer holds the largest photo it has read
	// until every photo is read.
	bufs := make(chan []byte, runtime.GOMAXPROCS(0))
	for range cap(bufs) {
		bufs <- nil
	}
	for _, j := range order {
		wg.Add(1)
		buf := <-bufs
		go func() {
			defer wg.Done()
			if j.res != nil { // shared: in memory already, and hashed
				bufs <- buf
				j.res.info, j.err = images.Inspect(j.name, j.res.data)
				return
			}
			if !stream {
				buf = nil // the photo keeps its bytes
			}
			data, st, err := readFile(pub.FS, j.name, buf)
			if stream {
				defer func() {
					if data == nil { // not read: the buffer is as it was
						data = buf
					}
					bufs <- data
				}()
			} else {
				defer func() { bufs <- nil }()
			}
			if err != nil {
				j.err = err
				return
			}
			info, err := images.Inspect(j.name, data)
			if err != nil {
				j.err = err
				return
			}
			j.res = &imageRes{info: info, data: data, sum: sha256.Sum256(data)}
			if stream {
				head := min(len(data), 64) // enough to tell a PNG, which the writer reads whole
				if info.HeaderLen > 0 {
					head = info.HeaderLen
				}
				j.res.stream = &Stream{FS: pub.FS, Path: j.name, Head: bytes.Clone(data[:head]), Size: st.Size(), ModTime: st.ModTime()}
				j.res.data = nil
			}
		}()
	}
	wg.Wait()
	for _, rf := range refs {
		if rf.job.err != nil {
			errs = append(errs, fmt.Errorf("%s: image: %w", rf.pos, rf.job.err))
			continue
		}
		r.images[rf.job.name] = rf.job.res
	}
	return errs
}

// SharedFS is a file system that hands out some of its files' bytes
// without a copy, with their SHA-256: files compiled into the binary,
// such as the example brochure's photographs (package examples).
// Resources use them as they are, for as long as the resources live.
type SharedFS interface {
	fs.FS
	// SharedFile returns the bytes of the named file and their SHA-256,
	// or ok false when the file is not shared (or does not exist): the
	// caller then reads it as usual. The bytes must never be written to.
	SharedFile(name string) (data []byte, sum [sha256.Size]byte, ok bool)
}

// loadHyphenators makes the hyphenator of each language, with the
// publication's exceptions.
func (r *Resources) loadHyphenators(pub *content.Publication) []error {
	var errs []error
	for _, lang := range pub.Languages {
		h, err := hyphen.New(lang)
		if err != nil {
			errs = append(errs, fmt.Errorf("hyphenation for %q: %w", lang, err))
			continue
		}
		if ex, ok := pub.Hyphenation[lang]; ok {
			for _, w := range ex.Words {
				if err := h.AddException(w); err != nil {
					errs = append(errs, fmt.Errorf("%s: hyphenation.%s: %w", ex.Pos, lang, err))
				}
			}
		}
		r.hyphens[lang] = h
	}
	return errs
}

// readFile reads a file of fsys and returns its bytes with what the open
// file says of itself, so that both are of the same file. The bytes are
// read into buf when it has room for them.
func readFile(fsys fs.FS, name string, buf []byte) ([]byte, fs.FileInfo, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	var data []byte
	if size := int(st.Size()); cap(buf) >= size {
		data = buf[:size]
	} else {
		data = make([]byte, size)
	}
	if _, err := io.ReadFull(f, data); err == io.ErrUnexpectedEOF {
		return nil, nil, fmt.Errorf("%s changed while it was read", name)
	} else if err != nil {
		return nil, nil, err // the file's own errors name it
	}
	return data, st, nil
}

func sortedFamilies(pub *content.Publication) []*content.FontFamily {
	names := make([]string, 0, len(pub.Fonts))
	for n := range pub.Fonts {
		names = append(names, n)
	}
	sortStrings(names)
	out := make([]*content.FontFamily, len(names))
	for i, n := range names {
		out[i] = pub.Fonts[n]
	}
	return out
}
