#!/bin/sh
# samecheck.sh TREE REFDIR: build a set of sample PDFs with the duetto of
# source tree TREE and compare them byte for byte with those in REFDIR.
# When REFDIR does not exist it is made, as the reference. The set: the
# embedded brochure (one edition, --lang all, --impose, --screen), the
# vetreria example, the spot-colour test booklet, and generated books of
# 200 pages (one edition and --lang all) and of 1000 pages. A change
# meant to keep the output must leave every file identical.
set -eu
if [ $# -ne 2 ] || [ ! -d "$1" ]; then
	echo "usage: samecheck.sh TREE REFDIR" >&2
	exit 2
fi
tree=$(cd "$1" && pwd)
ref=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP
(cd "$tree" && CGO_ENABLED=0 go build -o "$work/duetto" ./cmd/duetto)
d="$work/duetto"
out="$work/out"
mkdir -p "$out"
(cd "$work" && "$d" build -o "$out/brochure.pdf" >/dev/null)
(cd "$work" && "$d" build --lang all -o "$out/all.pdf" >/dev/null)
(cd "$work" && "$d" build --impose -o "$out/imposed.pdf" >/dev/null)
(cd "$work" && "$d" build --screen -o "$out/screen.pdf" >/dev/null)
"$d" build "$tree/examples/vetreria" -o "$out/vetreria.pdf" >/dev/null
"$d" build "$tree/cmd/duetto/testdata/spot" -o "$out/spot.pdf" >/dev/null
"$d" gen --pages 200 --seed 1 "$work/gen200" >/dev/null
"$d" build "$work/gen200" -o "$out/gen200.pdf" >/dev/null
"$d" build "$work/gen200" --lang all -o "$out/gen200all.pdf" >/dev/null
"$d" gen --pages 1000 --seed 1 "$work/gen1000" >/dev/null
"$d" build "$work/gen1000" -o "$out/gen1000.pdf" >/dev/null
if [ ! -d "$ref" ]; then
	mkdir -p "$ref"
	cp "$out"/*.pdf "$ref"/
	echo "reference made in $ref: $(ls "$ref" | wc -l) files"
	exit 0
fi
bad=0
for f in "$out"/*.pdf; do
	b=$(basename "$f")
	if [ ! -f "$ref/$b" ]; then
		echo "NEW      $b"
		bad=1
	elif cmp -s "$f" "$ref/$b"; then
		echo "same     $b"
	else
		echo "DIFFERS  $b"
		bad=1
	fi
done
for f in "$ref"/*.pdf; do
	[ -e "$f" ] || continue
	[ -e "$out/$(basename "$f")" ] || { echo "MISSING  $(basename "$f")"; bad=1; }
done
exit $bad
