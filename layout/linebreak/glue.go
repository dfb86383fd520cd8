package linebreak

// Glue returns glue of natural width that may grow by stretch and shrink
// by shrink (K&P 1981, §2). A line may break at glue that follows a box;
// the glue then vanishes.
func Glue(width, stretch, shrink float64) Node {
	return Node{Kind: KindGlue, Width: width, Stretch: stretch, Shrink: shrink}
}

// FinishStretch is the stretch of the glue Finish puts at the end of a
// paragraph: so much larger than any interword stretch that the last line
// takes all its slack there and is set at natural spacing, as TeX's
// \parfillskip of 0pt plus 1fil does.
const FinishStretch = 1e6

// Finish appends TeX's end of paragraph (§2): a penalty forbidding a break
// before the final glue, the final glue (FinishStretch), and a forced
// break.
func Finish(nodes []Node) []Node {
	// A trailing space would be a legal break before the end: drop it.
	for len(nodes) > 0 && nodes[len(nodes)-1].Kind == KindGlue {
		nodes = nodes[:len(nodes)-1]
	}
	return append(nodes, Penalty(0, Infinity, false), Glue(0, FinishStretch, 0), Penalty(0, -Infinity, false))
}

// WordGlue returns interword glue that also carries the bounded stretch of
// the word before it (see Node.BoundedStretch).
func WordGlue(width, stretch, bounded, shrink float64) Node {
	return Node{Kind: KindGlue, Width: width, Stretch: stretch, Shrink: shrink, BoundedStretch: bounded}
}
