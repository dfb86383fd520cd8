#!/bin/sh
# timeit.sh: time whole duetto processes, as a user runs them, and print
# wall time, pages per second and peak memory (RSS):
#   - the Turin brochure, `duetto build --lang all` (three editions);
#   - a generated bilingual publication of about 200 pages
#     (`duetto gen`, photos every few pages), `duetto build`;
#   - with PAGES="16 200 1000", generated publications of those sizes.
# Each case runs RUNS times (default 5); the best wall time and the
# largest RSS are shown. Needs GNU time (/usr/bin/time; Debian: apt-get
# install time). The machine should be otherwise idle: compare figures
# taken in one run of the script, not across machines. DUETTO=path times
# that binary instead of building this tree (to compare before and after;
# it still needs a duetto with `gen` to generate the publications, GEN).
set -eu
RUNS=${RUNS:-5}
PAGES=${PAGES:-200}
TIME=/usr/bin/time
if ! $TIME -v true >/dev/null 2>&1; then
	echo "timeit.sh needs GNU time: apt-get install time" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && CGO_ENABLED=0 go build -o "$work/duetto" ./cmd/duetto) # as make build
gen="$work/duetto"
bin=${DUETTO:-$work/duetto}

# measure NAME PAGES DIR ARGS...: run `duetto ARGS` in DIR RUNS times.
measure() {
	name=$1 pages=$2 dir=$3
	shift 3
	best="" rss=0
	i=0
	while [ $i -lt "$RUNS" ]; do
		start=$(date +%s%N)
		(cd "$dir" && $TIME -v "$bin" "$@" >/dev/null 2>"$work/time.txt") || {
			cat "$work/time.txt" >&2
			exit 1
		}
		end=$(date +%s%N)
		ms=$(( (end - start) / 1000000 ))
		kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
		if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
		i=$((i + 1))
	done
	awk -v n="$name" -v p="$pages" -v ms="$best" -v kb="$rss" 'BEGIN {
		printf "%-34s %6d pages %8d ms %8.0f pages/s %7.1f MiB peak RSS\n", n, p, ms, p / (ms / 1000), kb / 1024 }'
}

# pages DIR: the pages of the PDFs duetto wrote into DIR.
pages() {
	n=0
	for f in "$1"/*.pdf; do
		p=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p')
		n=$((n + ${p:-0}))
	done
	echo $n
}

mkdir -p "$work/turin"
"$bin" build --lang all -o "$work/turin/turin.pdf" >/dev/null
measure "brochure, --lang all (3 editions)" "$(pages "$work/turin")" "$work/turin" build --lang all -o turin.pdf
for n in $PAGES; do
	"$gen" gen --pages "$n" --seed 1 "$work/gen$n" >/dev/null
	(cd "$work/gen$n" && "$bin" build . >/dev/null 2>&1)
	measure "generated, bilingual" "$(pages "$work/gen$n")" "$work/gen$n" build .
done
