package jsonfast

import (
	"strings"
	"testing"
)

func slow(b []byte) int {
	for i, c := range b {
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return len(b)
}

func TestPlainMatchesByteLoop(t *testing.T) {
	base := strings.Repeat("abcdefghijklmnop", 3)
	for pos := 0; pos < len(base); pos++ {
		for _, c := range []byte{0, 0x1f, 0x20, '"', '\\', 0x7f, 0x80, 0xff, 'a', '~', '!', '#', '[', ']'} {
			b := []byte(base)
			b[pos] = c
			if got, want := Plain(b), slow(b); got != want {
				t.Fatalf("Plain(%q) = %d, want %d", b, got, want)
			}
			if got, want := PlainString(string(b)), slow(b); got != want {
				t.Fatalf("PlainString(%q) = %d, want %d", b, got, want)
			}
		}
	}
}

func FuzzPlain(f *testing.F) {
	f.Add([]byte(`hello "world"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if Plain(b) != slow(b) || PlainString(string(b)) != slow(b) {
			t.Fatalf("mismatch on %q", b)
		}
	})
}
