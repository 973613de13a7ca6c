package jsonfast

import (
	"encoding/binary"
	"slices"
	"unicode/utf8"
)

// Position is a place in JSON text as editors count it: Line and Column
// from 1, Column and Offset in UTF-16 code units (what JavaScript strings,
// the Language Server Protocol, Monaco and CodeMirror count), and Byte, the
// offset in the UTF-8 text. Lines end at "\n", "\r\n" or "\r" (JSON's line
// breaks); U+2028 and U+2029 are ordinary characters.
type Position struct {
	Line, Column, Offset, Byte int
}

// Positions returns the Position of each byte offset in offs (which need not
// be sorted; an offset past the end is the end) in one pass over data.
func Positions(data []byte, offs []int) []Position {
	out := make([]Position, len(offs))
	if len(offs) == 0 {
		return out
	}
	order := make([]int, len(offs))
	for i := range order {
		order[i] = i
	}
	if !slices.IsSorted(offs) {
		slices.SortStableFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	}
	line, lineStart16, units, i := 1, 0, 0, 0
	for _, k := range order {
		target := min(max(offs[k], 0), len(data))
		for i < target {
			// Printable ASCII eight bytes at a time: one unit per byte.
			for i+8 <= target {
				x := binary.LittleEndian.Uint64(data[i:])
				if x&highs != 0 || (x-ones*0x20)&^x&highs != 0 {
					break
				}
				i += 8
				units += 8
			}
			if i >= target {
				break
			}
			c := data[i]
			switch {
			case c == '\n':
				i++
				units++
				line++
				lineStart16 = units
			case c == '\r':
				i++
				units++
				if i < len(data) && data[i] == '\n' {
					if i == target {
						// Between "\r" and "\n": still the line of the "\r".
						break
					}
					i++
					units++
				}
				line++
				lineStart16 = units
			case c < utf8.RuneSelf:
				i++
				units++
			default:
				r, size := utf8.DecodeRune(data[i:])
				i += size
				units++
				if r >= 0x10000 {
					units++
				}
			}
		}
		out[k] = Position{Line: line, Column: units - lineStart16 + 1, Offset: units, Byte: i}
	}
	return out
}

// CharEnd returns the byte offset just after the character at pos (one
// byte for ASCII or invalid UTF-8, the whole sequence otherwise), or pos at
// the end of the data: the span of "the offending character".
func CharEnd(data []byte, pos int) int {
	if pos >= len(data) {
		return len(data)
	}
	if data[pos] < utf8.RuneSelf {
		return pos + 1
	}
	_, size := utf8.DecodeRune(data[pos:])
	return pos + size
}
