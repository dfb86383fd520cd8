# duetto — typesetting bilingual publications into print-ready PDF.
GO       ?= go
OUT      ?= out
PKGS     := ./...
TOOLS    := pdftoppm pdftotext pdffonts pdfinfo qpdf gs

.PHONY: all build test tools examples bench timeit lint placeholders docs clean

all: build

## build: compile the duetto command into $(OUT)/duetto, statically linked
# duetto needs no C: without cgo (which the net package that pflag
# imports would bring in) the binary links statically and starts about
# a millisecond sooner, no dynamic loader or libc to set up.
build:
	@mkdir -p $(OUT)
	CGO_ENABLED=0 $(GO) build -o $(OUT)/duetto ./cmd/duetto

## tools: install the PDF tools the end-to-end tests use (Debian/Ubuntu), if missing
tools:
	@missing=""; for t in $(TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing poppler-utils, qpdf, ghostscript (missing:$$missing)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends poppler-utils qpdf ghostscript python3; \
	fi

## test: run every test (installs the PDF tools first when missing)
test: tools
	$(GO) test -count=1 $(PKGS)

## examples: build every example, a contact sheet of each, a spread of each and a page with marks for the README
examples: build tools
	@mkdir -p $(OUT)/contact
	$(OUT)/duetto build examples/turin -o $(OUT)/turin.pdf
	rm -f $(OUT)/contact/page-*.png
	pdftoppm -r 40 -png $(OUT)/turin.pdf $(OUT)/contact/page
	$(GO) run ./internal/contactsheet -cols 8 -o docs/img/turin-contact.png $(OUT)/contact/page-*.png
	$(OUT)/duetto build examples/vetreria -o $(OUT)/vetreria.pdf
	rm -f $(OUT)/contact/spread-*.png
	# A spread of each example, cut to the trim (8 mm of marks + 3 mm of bleed = 31.18 pt).
	pdftoppm -r 50 -f 10 -l 11 -x 22 -y 22 -W 413 -H 585 -png $(OUT)/turin.pdf $(OUT)/contact/spread-turin
	$(GO) run ./internal/contactsheet -cols 2 -gap 0 -o docs/img/turin-spread.png $(OUT)/contact/spread-turin-*.png
	# The cover as the printer gets it: the bleed and the crop marks around the trim.
	pdftoppm -r 60 -f 1 -l 1 -singlefile -png $(OUT)/turin.pdf docs/img/turin-page-marks
	pdftoppm -r 60 -f 2 -l 3 -x 26 -y 26 -W 496 -H 496 -png $(OUT)/vetreria.pdf $(OUT)/contact/spread-vetreria
	$(GO) run ./internal/contactsheet -cols 2 -gap 0 -o docs/img/vetreria-spread.png $(OUT)/contact/spread-vetreria-*.png
	rm -f $(OUT)/contact/vpage-*.png
	pdftoppm -r 30 -png $(OUT)/vetreria.pdf $(OUT)/contact/vpage
	$(GO) run ./internal/contactsheet -cols 8 -o docs/img/vetreria-contact.png $(OUT)/contact/vpage-*.png

## bench: run the benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## docs: regenerate the command-line reference docs/cli.md from the command tree
docs:
	$(GO) run ./cmd/duetto gendocs -o docs/cli.md

## placeholders: regenerate the examples' placeholder photographs
placeholders:
	$(GO) run ./internal/genphotos -set turin
	$(GO) run ./internal/genphotos -set vetreria
	$(GO) generate ./examples

clean:
	rm -rf $(OUT)

## timeit: time whole builds (brochure, 3 editions; generated 200 pages): wall, pages/s, peak RSS
timeit:
	sh scripts/timeit.sh
