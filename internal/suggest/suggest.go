// Package suggest finds the names close to a misspelled one, for the "did
// you mean" of messages: member names, enum values, operations, functions
// and commands.
package suggest

import (
	"sort"
	"strings"
)

// CloseMatches returns the candidates close to name (see Closest), closest
// first, at most five.
func CloseMatches(name string, candidates []string) []string {
	type match struct {
		name string
		d    int
	}
	var ms []match
	lower := strings.ToLower(name)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		switch {
		case lc == lower:
			return []string{c} // differs only in case: that is the one meant
		case Closest(name, []string{c}) != "":
			ms = append(ms, match{c, editDistance(name, c)})
		case len(lower) >= 3 && strings.Contains(lc, lower):
			ms = append(ms, match{c, 10 + len(lc) - len(lower)})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].d < ms[j].d })
	if len(ms) > 5 {
		ms = ms[:5]
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.name
	}
	return out
}

// Closest returns the candidate closest to name, or "" when none is close: a
// candidate equal but for letter case, or one within a small edit distance
// (one edit for short names, up to three for long ones), or else the
// shortest candidate that contains name (at least four letters).
func Closest(name string, candidates []string) string {
	if len(name) > 128 {
		return ""
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return c
		}
		limit := 1
		switch {
		case len(c) >= 12:
			limit = 3
		case len(c) >= 5:
			limit = 2
		}
		if diff := len(c) - len(name); diff > limit || -diff > limit {
			continue // the distance is at least the difference in length
		}
		if d := editDistance(name, c); d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" || len(name) < 4 {
		return best
	}
	// A part of a name ("Secret" for "ClientSecret"): the shortest that has it.
	lower := strings.ToLower(name)
	for _, c := range candidates {
		if strings.Contains(strings.ToLower(c), lower) && (best == "" || len(c) < len(best)) {
			best = c
		}
	}
	return best
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// editDistance is the Levenshtein distance between a and b, ignoring ASCII
// letter case and counting an adjacent transposition as one edit. It works
// on bytes: every name it compares (members, enum values, operations) is
// ASCII.
func editDistance(a, b string) int {
	var bufs [3][66]int
	var prev2, prev, cur []int
	if len(b) < len(bufs[0]) {
		prev2, prev, cur = bufs[0][:len(b)+1], bufs[1][:len(b)+1], bufs[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		ai := lowerASCII(a[i-1])
		for j := 1; j <= len(b); j++ {
			bj := lowerASCII(b[j-1])
			cost := 1
			if ai == bj {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ai == lowerASCII(b[j-2]) && lowerASCII(a[i-2]) == bj {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
