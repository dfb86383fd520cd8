package linebreak

// Penalty returns a possible break costing penalty; width is what the line
// gains when it breaks there (a hyphen's width), and flagged marks a
// hyphenation break (K&P 1981, §2).
func Penalty(width, penalty float64, flagged bool) Node {
	return Node{Kind: KindPenalty, Width: width, Penalty: penalty, Flagged: flagged}
}
