package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/examples"
	"github.com/duetto-press/duetto/internal/pdf"
	"github.com/duetto-press/duetto/layout"
)

func newBuildCmd(stdout io.Writer) *cobra.Command {
	var out string
	var verbose bool
	cmd := &cobra.Command{
		Use:   "build [FILE.toml|DIR]",
		Short: "Build a publication's PDF",
		Long: `Build lays out a publication and writes its PDF. With no argument it builds
the Turin brochure embedded in duetto. The PDF is written to a temporary file
beside the target and renamed into place, so an error never damages an
earlier PDF.`,
		Example: `  duetto build
  duetto build examples/turin -o /tmp/turin.pdf`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("build takes one publication (a TOML file or a folder), got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var pub *content.Publication
			var err error
			if len(args) == 0 {
				pub, err = content.Load(examples.Turin(), content.RootName)
			} else {
				pub, err = content.LoadPath(args[0])
			}
			if err != nil {
				return err
			}
			if out == "" {
				out = pub.Meta.Output
				if out == "" {
					out = "out.pdf"
				}
			}
			doc, err := buildDocument(pub)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := pdf.Write(&buf, doc, pdf.Options{}); err != nil {
				return fmt.Errorf("writing PDF: %w", err)
			}
			if err := writeAtomic(out, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %d pages\n", out, len(doc.Pages))
			if verbose {
				printReport(stdout, doc)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output PDF (default: the publication's `output`)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print the typographic report: worst line, hyphen ladders and pair gaps per page")
	return cmd
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
	dir := filepath.Dir(name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write %s: folder %s does not exist", name, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}

// detail formats an error for the terminal: content errors with their
// source line and caret.
func detail(err error) string {
	var list content.ErrorList
	if errors.As(err, &list) {
		return list.Detail()
	}
	return "duetto: " + err.Error()
}
