package main

import (
	"github.com/spf13/cobra"
)

// addCompletions tells the shell completion (duetto completion bash|zsh|
// fish|powershell) what each command's arguments and flags take: TOML
// files and folders for a publication, folders for init and watch, PDFs
// for diff, and the editions for --lang.
func addCompletions(root *cobra.Command) {
	publication := argsCompletion(1, []string{"toml"}, cobra.ShellCompDirectiveFilterFileExt)
	folder := argsCompletion(1, nil, cobra.ShellCompDirectiveFilterDirs)
	pdfs := argsCompletion(2, []string{"pdf"}, cobra.ShellCompDirectiveFilterFileExt)
	args := map[string]cobra.CompletionFunc{
		"build": publication, "check": publication, "fonts": publication,
		"init": folder, "watch": folder, "diff": pdfs,
	}
	editions := map[string][]string{
		"build": {"bilingual", "it", "en", "all"},
		"check": {"bilingual", "it", "en"},
		"watch": {"bilingual", "it", "en", "all"},
	}
	for _, cmd := range root.Commands() {
		name := cmd.Name()
		if f, ok := args[name]; ok && cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = f
		}
		register := func(flag string, f cobra.CompletionFunc) {
			if cmd.Flags().Lookup(flag) != nil {
				// The only error is a flag registered twice, which
				// this loop does not do.
				_ = cmd.RegisterFlagCompletionFunc(flag, f)
			}
		}
		if langs, ok := editions[name]; ok {
			register("lang", cobra.FixedCompletions(langs, cobra.ShellCompDirectiveNoFileComp))
		}
		register("output", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"pdf"}, cobra.ShellCompDirectiveFilterFileExt
		})
		register("png", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		})
	}
}

// argsCompletion completes up to n arguments with directive (and its
// extensions, for ShellCompDirectiveFilterFileExt), then nothing.
func argsCompletion(n int, exts []string, directive cobra.ShellCompDirective) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return exts, directive
	}
}
