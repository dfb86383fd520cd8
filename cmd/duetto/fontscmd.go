package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/duetto-press/duetto/content"
	"github.com/duetto-press/duetto/fonts"
	"github.com/duetto-press/duetto/layout"
)

func newFontsCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "fonts [FILE.toml|DIR]",
		Short: "List the fonts a publication uses, their glyph coverage, and the built-in fonts",
		Long: `Fonts lists every face of the publication's [fonts] with its file and PostScript
name, and checks that it has a glyph for every character of the publication's
text (paragraphs, headings, captions, credits, cover); then it lists the fonts
built into duetto.`,
		Example: `  duetto fonts
  duetto fonts my-leaflet`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("fonts takes one publication, got %d", len(args))}
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
			text := publicationText(pub)
			families := make([]string, 0, len(pub.Fonts))
			for name := range pub.Fonts {
				families = append(families, name)
			}
			sort.Strings(families)
			fmt.Fprintln(stdout, "Fonts of the publication:")
			for _, fam := range families {
				for _, face := range []content.Face{content.Regular, content.Bold, content.Italic, content.BoldItalic} {
					src, ok := pub.Fonts[fam].Faces[face]
					if !ok {
						continue
					}
					f := res.Face(fam, face)
					where := src.Path
					if src.Builtin != "" {
						where = "builtin:" + src.Builtin
					}
					coverage := "covers all the text"
					if missing := f.Missing(text); len(missing) > 0 {
						var list []string
						for _, r := range missing {
							list = append(list, fmt.Sprintf("%q U+%04X", r, r))
						}
						coverage = "lacks " + strings.Join(list, ", ")
					}
					fmt.Fprintf(stdout, "  %-12s %-12s %-34s %s — %s\n", fam, face, where, f.Name(), coverage)
				}
			}
			fmt.Fprintln(stdout, "Built-in fonts (use as \"builtin:NAME\"):")
			for _, name := range fonts.BuiltinNames() {
				fmt.Fprintf(stdout, "  %s\n", name)
			}
			return nil
		},
	}
}

// publicationText gathers every text the publication sets.
func publicationText(pub *content.Publication) string {
	var b strings.Builder
	add := func(p *content.Pair) {
		if p != nil {
			b.WriteString(content.PlainText(p.It))
			b.WriteString(content.PlainText(p.En))
		}
	}
	add(&pub.Meta.Title)
	if pub.Cover != nil {
		add(&pub.Cover.Title)
		b.WriteString(pub.Cover.EdgeText)
	}
	if pub.Back != nil {
		b.WriteString(strings.Join(pub.Back.Lines, ""))
	}
	for _, s := range pub.Sections {
		add(&s.Heading)
		for _, blk := range s.Blocks {
			add(&blk.Text)
			add(&blk.Lead)
			add(blk.Source)
			b.WriteString(blk.Marker)
			for _, it := range blk.Items {
				add(&it.Text)
				b.WriteString(it.Label)
			}
			if f := blk.Figure; f != nil {
				add(f.Caption)
				add(f.Credit)
			}
		}
	}
	return b.String()
}
