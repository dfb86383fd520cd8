package linebreak

// Box returns a box of the given width: material that cannot stretch,
// shrink or break (K&P 1981, §2).
func Box(width float64) Node { return Node{Kind: KindBox, Width: width} }
