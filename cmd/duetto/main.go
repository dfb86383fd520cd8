// Command duetto typesets bilingual Italian/English publications described
// in TOML into print-ready PDF.
//
//	duetto build                       # the embedded Turin brochure → turin.pdf
//	duetto build examples/turin -o out.pdf
//
// Exit codes: 0 success, 1 input or layout error, 2 usage error, 3
// internal error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK       = 0
	exitInput    = 1
	exitUsage    = 2
	exitInternal = 3
)

// version is set by the linker (-ldflags "-X main.version=…"), or read
// from the module's build information.
var version = ""

func main() {
	deferGC(gcFloor, gcPercent)
	// No heap profile unless --memprofile asks for one (startProfiles):
	// sampling allocations fills a table of stacks of more than a
	// megabyte, fresh pages written after they are read.
	runtime.MemProfileRate = 0
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// memProfileRate is the runtime's default runtime.MemProfileRate, which
// --memprofile restores.
const memProfileRate = 512 * 1024

// gcFloor is the memory below which a duetto process does not collect
// garbage, and gcPercent the GOGC it collects with past it (see
// deferGC).
const (
	gcFloor   = 64 << 20
	gcPercent = 200
)

// deferGC lets the heap grow to floor bytes before the first garbage
// collection, and collects with GOGC=percent after it. A build allocates
// most of what it will hold, so the collections that Go makes while a
// small heap grows (a brochure's six) find little to free: they cost a
// build of the brochure a tenth of its CPU time and leave its peak
// memory as it was. Past the floor, a collection when the heap has
// tripled rather than doubled (GOGC=200, not Go's 100) costs a 192-page
// book 7 % less CPU for 8 MiB more at its peak (77 MiB), a 1026-page one
// 5 % for 296 MiB instead of 252; the Go compiler raises its GOGC at
// start for the same reason. deferGC does nothing when the user sets
// GOGC or GOMEMLIMIT.
func deferGC(floor int64, percent int) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(floor)
	// The first collection, made when the memory reaches floor, finds
	// first unreachable and sets the collector for the rest of the run.
	first := new([64]byte)
	runtime.AddCleanup(first, func(struct{}) {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}, struct{}{})
}

// usageError marks errors in the command line itself.
type usageError struct{ error }

// run executes the command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) (code int) {
	debugMode := false
	for _, a := range args {
		if a == "--debug" {
			debugMode = true
		}
	}
	defer func() {
		if r := recover(); r != nil {
			code = reportInternal(stderr, r, debug.Stack(), debugMode)
		}
	}()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ie internalError
	if errors.As(err, &ie) {
		return reportInternal(stderr, ie.value, ie.stack, debugMode)
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "duetto: %v\nRun 'duetto --help' for usage.\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "%s\n", detail(err))
	return exitInput
}

// reportInternal prints a panic as a bug to report, with its stack
// trace only in debug mode, and returns the exit code for it.
func reportInternal(stderr io.Writer, v any, stack []byte, debugMode bool) int {
	fmt.Fprintf(stderr, "duetto: internal error: %v\nThis is a bug in duetto: please report it with the input that caused it.\n", v)
	if debugMode {
		fmt.Fprintf(stderr, "%s\n", stack)
	} else {
		fmt.Fprintf(stderr, "(run again with --debug for the stack trace)\n")
	}
	return exitInternal
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "duetto",
		Short: "Typeset bilingual Italian/English publications into print-ready PDF",
		Long: `duetto turns a TOML description of a bilingual publication — page geometry,
fonts, styles, the paired Italian/English text, photos and captions — into a
print-ready PDF: Italian and English side by side, each pair of paragraphs
starting level, justified and hyphenated for each language.

Exit codes: 0 success; 1 an error in the input (printed as file:line:col with
the source line) or in the layout, or a PDF that cannot be written; 2 a usage
error; 3 an internal error, a bug to report (--debug prints its stack trace).`,
		Example: `  duetto build                         # build the embedded Turin brochure
  duetto build --lang all -o turin.pdf # turin.pdf, turin-it.pdf, turin-en.pdf
  duetto init my-leaflet               # start your own publication
  duetto watch my-leaflet              # rebuild on every save
  duetto check my-leaflet              # preflight without writing`,
		Version:       moduleVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().Bool("debug", false, "print a stack trace on internal errors")
	root.PersistentFlags().String("cpuprofile", "", "write a CPU profile of the command to `file` (go tool pprof)")
	root.PersistentFlags().String("memprofile", "", "write a heap profile at the end of the command to `file`")
	var stopProfile func()
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		cpu, _ := cmd.Flags().GetString("cpuprofile")
		mem, _ := cmd.Flags().GetString("memprofile")
		stop, err := startProfiles(cpu, mem)
		stopProfile = stop
		return err
	}
	root.PersistentPostRun = func(cmd *cobra.Command, args []string) {
		if stopProfile != nil {
			stopProfile()
		}
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newBuildCmd(stdout), newDiffCmd(stdout), newInitCmd(stdout), newWatchCmd(stdout, stderr), newFontsCmd(stdout), newCheckCmd(stdout))
	root.AddCommand(newGendocsCmd(stdout), newGenCmd(stdout))
	addCompletions(root)
	return root
}

// startProfiles starts a CPU profile into cpu and arranges a heap profile
// into mem ("" for none); the returned function ends both.
func startProfiles(cpu, mem string) (func(), error) {
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		cpuFile = f
	}
	if mem != "" && runtime.MemProfileRate == 0 {
		runtime.MemProfileRate = memProfileRate // from here on: the command's allocations
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				runtime.GC()
				_ = pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}, nil
}

func moduleVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
