package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/internal/preflight"
	"github.com/duetto-press/duetto/layout"
)

func newCheckCmd(stdout io.Writer) *cobra.Command {
	var lang string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [FILE.toml|DIR]",
		Short: "Preflight a publication without writing a PDF",
		Long: `Check lays out the publication and runs the print checks that every build
runs: photos below 300 ppi (warning) or 150 ppi (error) at their printed size,
text within 5 mm of the trim, colour areas and photos that reach a trim edge
but not the bleed, more than 300 % total ink, lines thinner than 0.25 pt.
Each finding names the page and the block. It exits 1 when there are errors.`,
		Example: `  duetto check
  duetto check my-leaflet --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("check takes one publication, got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			source := ""
			if len(args) == 1 {
				source = args[0]
			}
			pub, err := loadPublication(source)
			if err != nil {
				return err
			}
			res, err := layout.LoadResources(pub)
			if err != nil {
				return inSource(pub, err)
			}
			ed := ""
			if lang != "bilingual" {
				ed = lang
			}
			doc, err := layout.LayoutEdition(pub, res, ed)
			if err != nil {
				return inSource(pub, err)
			}
			if err := newSeparator(pub).separate(doc); err != nil {
				return err
			}
			findings := preflight.Check(doc, preflight.DefaultLimits())
			if _, pdfx, err := pdfxFor(pub, doc); err != nil {
				return err
			} else {
				findings = append(findings, pdfx...)
			}
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if findings == nil {
					findings = []preflight.Finding{}
				}
				if err := enc.Encode(findings); err != nil {
					return err
				}
			} else {
				for _, f := range findings {
					fmt.Fprintln(stdout, f)
				}
				fmt.Fprintf(stdout, "%d pages checked: %d findings\n", len(doc.Pages), len(findings))
			}
			if preflight.Errors(findings) {
				return fmt.Errorf("preflight found errors")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "bilingual", "edition to check: bilingual, it or en")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the findings as JSON")
	return cmd
}
