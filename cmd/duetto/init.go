package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/examples"
)

// template is the publication `duetto init` writes.
//
//go:embed template
var template embed.FS

// templatePhoto is the placeholder photo the leaflet starts with, taken
// from the embedded brochure.
const templatePhoto = "images/cover.jpg"

func newInitCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a new bilingual publication: a commented 4-page leaflet",
		Long: `Init writes a small, complete publication into DIR (default: the current
folder): duetto.toml with the page, fonts, colours and styles, a section file
with paragraph pairs, a photo and its caption, and a placeholder photo. It
builds at once with 'duetto build DIR'. It never overwrites a file.`,
		Example: `  duetto init leaflet && duetto build leaflet`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("init takes one folder, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			files := map[string][]byte{}
			err := fs.WalkDir(template, "template", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := template.ReadFile(p)
				files[p[len("template/"):]] = data
				return err
			})
			if err != nil {
				return err
			}
			photo, err := fs.ReadFile(examples.Turin(), templatePhoto)
			if err != nil {
				return err
			}
			files["images/photo.jpg"] = photo
			// Refuse before writing anything.
			for name := range files {
				target := filepath.Join(dir, filepath.FromSlash(name))
				if _, err := os.Stat(target); err == nil {
					return fmt.Errorf("%s already exists: duetto init never overwrites a file", target)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
			for _, name := range sortedNames(files) {
				target := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(target, files[name], 0o644); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "wrote %s\n", target)
			}
			fmt.Fprintf(stdout, "Now edit %s and run: duetto build %s\n", filepath.Join(dir, "sections"), dir)
			return nil
		},
	}
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
