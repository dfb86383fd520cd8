package main

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/layout"
)

// resourceCache keeps the parsed fonts, inspected images and hyphenators
// of one build for the next, as watch rebuilds after every save: a text
// edit then neither parses a font nor reads a photo again, and the
// hyphenators remember the words they have already hyphenated. The
// resources are reused only when the publication asks for the same ones
// and none of their files has changed (by size and modification time);
// otherwise they are loaded afresh. A nil cache always loads afresh.
type resourceCache struct {
	key    string
	res    *layout.Resources
	writer *pdf.Cache // what the PDF writer computed from the resources
}

// writerCache returns the PDF writer's cache for a build with the
// resources load returned last: kept with them, a fresh one without a
// cache.
func (c *resourceCache) writerCache() *pdf.Cache {
	if c == nil {
		return pdf.NewCache()
	}
	if c.writer == nil {
		c.writer = pdf.NewCache()
	}
	return c.writer
}

// load returns the resources of pub, reused from the last call when
// nothing they come from has changed.
func (c *resourceCache) load(pub *content.Publication) (*layout.Resources, error) {
	if c == nil {
		return layout.LoadResources(pub)
	}
	key, err := resourceKey(pub)
	if err == nil && c.res != nil && key == c.key {
		return c.res, nil
	}
	c.writer = nil // it holds what was computed from the old resources
	res, lerr := layout.LoadResources(pub)
	if lerr != nil {
		c.key, c.res = "", nil
		return nil, lerr
	}
	if err == nil { // a file that cannot be stat'ed is never cached
		c.key, c.res = key, res
	}
	return res, nil
}

// resourceKey fingerprints what layout.LoadResources reads: the
// languages and their hyphenation exceptions, the built-in faces, and
// every other file but the TOML ones (content's ResourceFiles) with its
// size and modification time, in a fixed order.
func resourceKey(pub *content.Publication) (string, error) {
	var b strings.Builder
	for _, lang := range pub.Languages {
		fmt.Fprintf(&b, "lang %s %q\n", lang, pub.Hyphenation[lang].Words)
	}
	families := make([]string, 0, len(pub.Fonts))
	for name := range pub.Fonts {
		families = append(families, name)
	}
	sort.Strings(families)
	for _, name := range families {
		for _, face := range []content.Face{content.Regular, content.Bold, content.Italic, content.BoldItalic} {
			if src, ok := pub.Fonts[name].Faces[face]; ok {
				fmt.Fprintf(&b, "font %s %s %q %q\n", name, face, src.Builtin, src.Path)
			}
		}
	}
	files := pub.ResourceFiles()
	sort.Strings(files)
	for i, name := range files {
		if i > 0 && files[i-1] == name {
			continue
		}
		st, err := fs.Stat(pub.FS, name)
		if err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(&b, "file %q %d %d\n", name, st.Size(), st.ModTime().UnixNano())
	}
	return b.String(), nil
}
