// Package examples ships duetto's example publications inside the binary,
// so that `duetto build` with no argument builds the Turin brochure from
// any directory.
package examples

import (
	"crypto/sha256"
	"embed"
	"io/fs"
	"slices"
	"strings"
	"unsafe"
)

// files holds every file of the examples. The photographs are also
// compiled in as strings (photos.go, written by gen_photos.go through go
// generate, with their SHA-256), which the linker stores once for both:
// a string's bytes can be handed out without the copy that embed.FS
// makes on every read. The sums are trusted as they are: a photograph
// replaced without go generate would carry its old one, which
// TestPhotosCurrent (run by make test and CI) does not let pass.
//
//go:generate go run gen_photos.go
//go:embed turin
var files embed.FS

// Turin returns the Turin brochure: its root file is duetto.toml. The
// file system is also a layout.SharedFS: its method SharedFile hands out
// the brochure's photographs without a copy (a file system that fs.Sub
// makes of it does not).
func Turin() fs.FS {
	sub, err := fs.Sub(files, "turin")
	if err != nil { // cannot happen: "turin" is a valid, embedded path
		panic(err)
	}
	return bundle{FS: sub, dir: "turin/"}
}

// photo is a photograph compiled into the binary: its path in files, its
// bytes and their SHA-256, computed when photos.go was made.
type photo struct {
	name string
	data *string
	sum  [sha256.Size]byte
}

// bundle is an example's file system: its embedded files, and its
// photographs shared without a copy.
type bundle struct {
	fs.FS
	dir string // the example's folder in files, with a final slash
}

// SharedFile returns the bytes of the named file and their SHA-256
// without copying them, when it is one of the example's photographs:
// the bytes are the binary's own read-only memory and must never be
// written to. For any other file ok is false; read it from the file
// system as usual.
func (b bundle) SharedFile(name string) (data []byte, sum [sha256.Size]byte, ok bool) {
	if !fs.ValidPath(name) {
		return nil, sum, false
	}
	full := b.dir + name
	i, found := slices.BinarySearchFunc(photos, full, func(p photo, name string) int { return strings.Compare(p.name, name) })
	if !found {
		return nil, sum, false
	}
	p := photos[i]
	return unsafe.Slice(unsafe.StringData(*p.data), len(*p.data)), p.sum, true
}

// ReadFile, Stat and ReadDir are the embedded file system's own, which
// wrapping it would otherwise hide.

// ReadFile reads the named file (fs.ReadFileFS).
func (b bundle) ReadFile(name string) ([]byte, error) { return fs.ReadFile(b.FS, name) }

// Stat describes the named file (fs.StatFS).
func (b bundle) Stat(name string) (fs.FileInfo, error) { return fs.Stat(b.FS, name) }

// ReadDir lists the named folder (fs.ReadDirFS).
func (b bundle) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(b.FS, name) }
