// Package jsonfast holds the one loop every JSON string scanner and writer
// of this module spends its time in: finding how much of a string needs no
// escaping. It reads eight bytes at a time, which matters most in
// WebAssembly, where a byte-at-a-time loop costs several times what it does
// natively.
package jsonfast

import "encoding/binary"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasByte reports whether any byte of x equals b (the classic SWAR test).
func hasByte(x uint64, b byte) bool {
	y := x ^ (ones * uint64(b))
	return (y-ones)&^y&highs != 0
}

// Special reports whether any of the eight bytes of x (read little-endian)
// is a control character, a quote, a backslash or not ASCII. It is small
// enough to be inlined into a caller's loop.
func Special(x uint64) bool {
	return x&highs != 0 || (x-ones*0x20)&^x&highs != 0 || hasByte(x, '"') || hasByte(x, '\\')
}

// Plain returns the length of the longest prefix of b made of printable
// ASCII other than '"' and '\\': the bytes a JSON string holds as they are.
func Plain(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if Special(binary.LittleEndian.Uint64(b[i:])) {
			break
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// PlainString is Plain for a string.
func PlainString(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if Special(x) {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}
