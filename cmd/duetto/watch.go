package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/content"
)

// settle is how long watch waits after the last change before it
// rebuilds: editors save in bursts (a temporary file, a rename, a write).
const settle = 150 * time.Millisecond

func newWatchCmd(stdout, stderr io.Writer) *cobra.Command {
	var out, lang string
	cmd := &cobra.Command{
		Use:   "watch [DIR]",
		Short: "Rebuild the PDFs whenever a file of the publication changes",
		Long: `Watch builds the publication in DIR (default: the current folder), then
rebuilds it each time one of its TOML files, images or fonts is saved, and
prints which pages changed and how long it took. An input error is printed and
the last good PDF is kept; watch goes on until interrupted (Ctrl-C).`,
		Example: `  duetto watch my-leaflet
  duetto watch examples/turin --lang all -o /tmp/turin.pdf`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("watch takes one folder, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			return watch(ctx, buildSpec{source: dir, out: out, lang: lang}, stdout, stderr, nil)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output PDF (default: the publication's `output`, in DIR)")
	cmd.Flags().StringVar(&lang, "lang", "all", "editions to rebuild: bilingual, it, en or all")
	return cmd
}

// watch builds spec, then rebuilds it after every settled burst of
// changes under spec.source until ctx ends. ready, if not nil, is closed
// once the first build is done and the folder is watched.
func watch(ctx context.Context, spec buildSpec, stdout, stderr io.Writer, ready chan<- struct{}) error {
	st, err := os.Stat(spec.source)
	if err != nil || !st.IsDir() {
		return usageError{fmt.Errorf("watch needs the publication's folder, not %q", spec.source)}
	}
	if spec.out == "" { // the publication's own name, in its folder
		spec.out = filepath.Join(spec.source, "out.pdf")
		if pub, err := content.LoadPath(spec.source); err == nil && pub.Meta.Output != "" {
			spec.out = filepath.Join(spec.source, pub.Meta.Output)
		}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", spec.source, err)
	}
	defer w.Close()
	if err := watchTree(w, spec.source); err != nil {
		return err
	}
	spec.resources = &resourceCache{} // fonts, images and hyphenators, kept while their files stay the same
	rebuild := func() {
		start := time.Now()
		if err := build(spec, stdout); err != nil {
			fmt.Fprintf(stderr, "%s\n(keeping the last good PDF; watching for the next change)\n", detail(err))
			return
		}
		fmt.Fprintf(stdout, "built in %d ms\n", time.Since(start).Milliseconds())
	}
	rebuild()
	if ready != nil {
		close(ready)
	}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = watchTree(w, ev.Name) // a new folder: watch it too
				}
			}
			if relevant(ev.Name, spec.out) {
				timer = time.After(settle)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(stderr, "watch: %v\n", err)
		case <-timer:
			timer = nil
			rebuild()
		}
	}
}

// watchTree watches dir and every folder under it.
func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			if err := w.Add(p); err != nil {
				return fmt.Errorf("cannot watch %s: %w", p, err)
			}
		}
		return nil
	})
}

// relevant reports whether a change to name should trigger a rebuild:
// the publication's sources, not the PDFs it writes nor editors' and
// duetto's temporary files.
func relevant(name, out string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".tmp") || strings.HasSuffix(base, ".swp") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".toml", ".jpg", ".jpeg", ".png", ".ttf":
		return true
	}
	return false
}
