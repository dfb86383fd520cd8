#!/bin/sh
# samecontent.sh DIR REFDIR: compare each PDF of DIR with the one of the
# same name in REFDIR by content: both are rewritten by qpdf with every
# stream decoded (--qdf), and compared without their /ID, which follows
# the compressed bytes. For a change meant to alter how streams are
# compressed but nothing they hold. Needs qpdf.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bad=0
for f in "$1"/*.pdf; do
	b=$(basename "$f")
	for side in a b; do
		src=$f
		[ $side = b ] && src=$2/$b
		qpdf --qdf --object-streams=disable --decode-level=generalized "$src" "$work/$side.pdf" || true
		grep -av '^  */ID \[' "$work/$side.pdf" >"$work/$side.txt"
	done
	if cmp -s "$work/a.txt" "$work/b.txt"; then echo "same content  $b"; else echo "DIFFERS       $b"; bad=1; fi
done
exit $bad
