package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/internal/pdf"
)

func newDiffCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "diff OLD.pdf NEW.pdf",
		Short: "Tell which pages differ between two PDFs written by duetto",
		Long: `Diff compares the page digests that duetto writes into every PDF (in its XMP
metadata) and prints the pages that differ, without rendering anything.`,
		Example: `  duetto diff turin-old.pdf turin.pdf`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError{fmt.Errorf("diff takes two PDFs, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var digests [2][]string
			for i, name := range args {
				data, err := os.ReadFile(name)
				if err != nil {
					return fmt.Errorf("cannot read %s: %w", name, err)
				}
				if digests[i], err = pdf.PageDigests(data); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
			}
			fmt.Fprintf(stdout, "%s: %d pages%s\n", args[1], len(digests[1])-1, describeChanges(pdf.ChangedPages(digests[0], digests[1])))
			return nil
		},
	}
}
