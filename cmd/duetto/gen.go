package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/internal/gen"
)

// newGenCmd is the hidden `duetto gen`: it writes a large publication for
// benchmarks (see internal/gen).
func newGenCmd(stdout io.Writer) *cobra.Command {
	var pages int
	var seed uint64
	cmd := &cobra.Command{
		Use:    "gen DIR",
		Short:  "Write a generated publication of about --pages pages into DIR (for benchmarks)",
		Hidden: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("gen takes one folder, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if pages < 1 {
				return usageError{fmt.Errorf("--pages %d: want at least 1", pages)}
			}
			fsys, err := gen.Publication(pages, seed)
			if err != nil {
				return err
			}
			if err := gen.WriteDir(fsys, args[0]); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: a publication of about %d pages (seed %d)\n", args[0], pages, seed)
			return nil
		},
	}
	cmd.Flags().IntVar(&pages, "pages", 200, "about how many pages (bilingual edition)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed of the text's recombination")
	return cmd
}
