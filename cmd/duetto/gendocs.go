package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// cliDocPath is where the command-line reference lives in the repository.
const cliDocPath = "docs/cli.md"

func newGendocsCmd(stdout io.Writer) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:    "gendocs",
		Short:  "Write the command-line reference (docs/cli.md) from the command tree",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			doc := cliReference(cmd.Root())
			if out == "" || out == "-" {
				_, err := stdout.Write(doc)
				return err
			}
			return writeAtomic(out, doc)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `file` instead of standard output (\"-\")")
	return cmd
}

// cliReference renders the reference of every visible command under root
// as Markdown, in the order of the command tree.
func cliReference(root *cobra.Command) []byte {
	// Cobra adds its help and completion commands and the help and
	// version flags only when it executes; add them now so that the
	// reference shows what a user sees.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var cmds []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.InitDefaultVersionFlag()
		cmds = append(cmds, c)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && sub.Name() != "help" {
				walk(sub)
			}
		}
	}
	walk(root)

	var b bytes.Buffer
	fmt.Fprintf(&b, "# duetto command-line reference\n\n")
	fmt.Fprintf(&b, "<!-- Generated from the command tree by `go run ./cmd/duetto gendocs -o %s`; do not edit by hand. A test fails when this file is out of date. -->\n\n", cliDocPath)
	fmt.Fprintf(&b, "Every command also takes `-h`, `--help`. Exit codes: 0 success, 1 input or layout error, 2 usage error, 3 internal error.\n\n")
	fmt.Fprintf(&b, "| command | what it does |\n| --- | --- |\n")
	for _, c := range cmds[1:] {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s |\n", c.CommandPath(), anchor(c.CommandPath()), cell(c.Short))
	}
	for _, c := range cmds {
		b.WriteString("\n")
		commandDoc(&b, c)
	}
	return b.Bytes()
}

// commandDoc writes the section of one command.
func commandDoc(b *bytes.Buffer, c *cobra.Command) {
	fmt.Fprintf(b, "## %s\n\n", c.CommandPath())
	if long := strings.TrimSpace(c.Long); long != "" {
		b.WriteString(long + "\n\n")
	} else {
		b.WriteString(strings.TrimSpace(c.Short) + ".\n\n")
	}
	var usage []string
	if c.Runnable() {
		usage = append(usage, c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		usage = append(usage, c.CommandPath()+" [command]")
	}
	fmt.Fprintf(b, "```\n%s\n```\n", strings.Join(usage, "\n"))
	if c.HasAvailableSubCommands() {
		b.WriteString("\nSubcommands:\n\n")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && sub.Name() != "help" {
				fmt.Fprintf(b, "- [`%s`](#%s): %s\n", sub.CommandPath(), anchor(sub.CommandPath()), sub.Short)
			}
		}
	}
	if ex := strings.TrimRight(c.Example, " \n"); ex != "" {
		fmt.Fprintf(b, "\nExamples:\n\n```sh\n%s\n```\n", dedent(ex))
	}
	flags, global := c.LocalFlags(), (*pflag.FlagSet)(nil)
	if c == c.Root() { // the global flags are documented here, once
		flags, global = c.LocalNonPersistentFlags(), c.PersistentFlags()
	}
	for _, set := range []struct {
		title string
		flags *pflag.FlagSet
	}{{"Flags", flags}, {"Global flags (every command takes them)", global}} {
		if set.flags == nil {
			continue
		}
		if rows := flagRows(set.flags); rows != "" {
			fmt.Fprintf(b, "\n%s:\n\n| flag | default | meaning |\n| --- | --- | --- |\n%s", set.title, rows)
		}
	}
}

// flagRows renders a flag set as table rows, leaving out -h/--help.
func flagRows(fs *pflag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		spec := "--" + f.Name
		if f.Shorthand != "" {
			spec = "-" + f.Shorthand + ", " + spec
		}
		if name != "" {
			spec += " " + name
		}
		def := ""
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			def = "`" + f.DefValue + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", spec, def, cell(usage))
	})
	return b.String()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

// anchor is the GitHub anchor of a "## path" heading.
func anchor(path string) string {
	return strings.ReplaceAll(strings.ToLower(path), " ", "-")
}

// dedent removes the indentation common to every non-empty line.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return strings.Join(lines, "\n")
}
