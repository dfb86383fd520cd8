package layout

import "github.com/duetto-press/duetto/layout/linebreak"

// breakRagged breaks a paragraph for ragged (left, right or centred)
// setting by first fit: each line takes as many words as fit at their
// natural spacing. Ragged lines are not stretched, so the total-fit search
// of Knuth–Plass buys little here; headings and captions use this.
// A word wider than the line stands alone on its line, marked overfull.
func breakRagged(nodes []linebreak.Node, widths linebreak.Widths) []linebreak.Line {
	var lines []linebreak.Line
	start := 0
	for start < len(nodes) {
		start = skipDiscardable(nodes, start)
		if start >= len(nodes) {
			break
		}
		width := widths(len(lines))
		natural := 0.0
		lastBreak, lastNatural := -1, 0.0
		end := -1
		for i := start; i < len(nodes); i++ {
			n := nodes[i]
			if isBreak(nodes, i) {
				w := natural
				if n.Kind == linebreak.KindPenalty {
					w += n.Width
				}
				if w <= width+0.01 || lastBreak < 0 {
					lastBreak, lastNatural = i, w
				}
				if n.Kind == linebreak.KindPenalty && n.Penalty <= -linebreak.Infinity {
					end = i
					break
				}
				if w > width+0.01 {
					end = lastBreak
					break
				}
			}
			if n.Kind != linebreak.KindPenalty {
				natural += n.Width
			}
			if natural > width+0.01 && lastBreak >= 0 {
				end = lastBreak
				break
			}
		}
		if end < 0 {
			end = len(nodes)
			lastNatural = natural
		}
		hyph := end < len(nodes) && nodes[end].Kind == linebreak.KindPenalty && nodes[end].Flagged
		lines = append(lines, linebreak.Line{Start: start, End: end, Width: width, Natural: lastNatural, Hyphenated: hyph, Overfull: lastNatural > width+0.01})
		start = end + 1
	}
	return lines
}

// isBreak reports whether nodes[i] is a legal breakpoint (K&P 1981: a
// penalty below infinity, or glue preceded by a box).
func isBreak(nodes []linebreak.Node, i int) bool {
	switch n := nodes[i]; n.Kind {
	case linebreak.KindPenalty:
		return n.Penalty < linebreak.Infinity
	case linebreak.KindGlue:
		return i > 0 && nodes[i-1].Kind == linebreak.KindBox
	}
	return false
}

// skipDiscardable skips the glue and penalties that vanish at the start
// of a line.
func skipDiscardable(nodes []linebreak.Node, i int) int {
	for i < len(nodes) && nodes[i].Kind != linebreak.KindBox {
		i++
	}
	return i
}
