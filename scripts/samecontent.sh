#!/bin/sh
# samecontent.sh DIR REFDIR: compare each PDF of DIR with the one of the
# same name in REFDIR by content: both are rewritten by qpdf with every
# stream decoded (--qdf), and compared without their /ID, which follows
# the compressed bytes. For a change meant to alter how streams are
# compressed but nothing they hold. Needs qpdf.
set -eu
if [ $# -ne 2 ] || [ ! -d "$1" ] || [ ! -d "$2" ]; then
	echo "usage: samecontent.sh DIR REFDIR" >&2
	exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP
bad=0
# decode PDF OUT: OUT is PDF with its streams decoded and no /ID; false
# when qpdf cannot read it (exit 3 is warnings only).
decode() {
	rm -f "$work/q.pdf" "$2"
	rc=0
	qpdf --qdf --object-streams=disable --decode-level=generalized "$1" "$work/q.pdf" 2>"$work/err" || rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		cat "$work/err" >&2
		return 1
	fi
	grep -av '^  */ID \[' "$work/q.pdf" >"$2"
}
n=0
for f in "$1"/*.pdf; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	b=$(basename "$f")
	if [ ! -f "$2/$b" ]; then echo "NEW           $b"; bad=1; continue; fi
	if ! decode "$f" "$work/a.txt" || ! decode "$2/$b" "$work/b.txt"; then
		echo "FAILED        $b"
		bad=1
		continue
	fi
	if cmp -s "$work/a.txt" "$work/b.txt"; then echo "same content  $b"; else echo "DIFFERS       $b"; bad=1; fi
done
for f in "$2"/*.pdf; do
	[ -e "$f" ] || continue
	[ -e "$1/$(basename "$f")" ] || { echo "MISSING       $(basename "$f")"; bad=1; }
done
if [ $n -eq 0 ]; then echo "no PDF in $1" >&2; exit 2; fi
exit $bad
