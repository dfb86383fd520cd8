// Package examples ships duetto's example publications inside the binary,
// so that `duetto build` with no argument builds the Turin brochure from
// any directory.
package examples

import (
	"embed"
	"io/fs"
)

//go:embed turin
var files embed.FS

// Turin returns the Turin brochure: its root file is duetto.toml.
func Turin() fs.FS {
	sub, err := fs.Sub(files, "turin")
	if err != nil { // cannot happen: "turin" is a valid, embedded path
		panic(err)
	}
	return sub
}
