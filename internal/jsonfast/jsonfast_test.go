package jsonfast

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
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

// TestPlainTwoBytes: Plain finds the first special byte of a word whatever
// byte follows it in the word (SpecialMask may flag bytes above the first
// special one, never below), for every pair of byte values.
func TestPlainTwoBytes(t *testing.T) {
	b := []byte(strings.Repeat("a", 16))
	for p1 := 0; p1 < 8; p1++ {
		for p2 := p1 + 1; p2 <= 8; p2++ {
			for c1 := 0; c1 < 256; c1++ {
				for c2 := 0; c2 < 256; c2++ {
					b[p1], b[p2] = byte(c1), byte(c2)
					if got, want := Plain(b), slow(b); got != want {
						t.Fatalf("Plain(%q) = %d, want %d", b, got, want)
					}
					if got, want := Special(binary.LittleEndian.Uint64(b)), slow(b[:8]) < 8; got != want {
						t.Fatalf("Special(%q) = %v, want %v", b[:8], got, want)
					}
				}
			}
			b[p1], b[p2] = 'a', 'a'
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

// TestAppendStringMatchesEncodingJSON: what AppendString writes decodes to
// the same string with encoding/json, for every kind of byte.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `{"a":"b\\c"}`, "tab\there\nnew\r\b\f\x00\x1f", "é😀", "\u2028\u2029", "bad\xffutf8", strings.Repeat(`"x`, 100)} {
		out := AppendString(nil, s)
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q -> %s: %v", s, out, err)
		}
		want := perByteFFFD(s)
		if back != want {
			t.Fatalf("%q -> %s -> %q", s, out, back)
		}
		if strings.ContainsAny(string(out), "\u2028\u2029") {
			t.Fatalf("%q: line separators must be escaped: %s", s, out)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("a\"b\\c\x00é")
	f.Fuzz(func(t *testing.T, s string) {
		var back string
		if err := json.Unmarshal(AppendString(nil, s), &back); err != nil || back != perByteFFFD(s) {
			t.Fatalf("%q round trip: %q, %v", s, back, err)
		}
	})
}

// perByteFFFD replaces each invalid byte with U+FFFD, as encoding/json does.
func perByteFFFD(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func TestUnquoteAndMessages(t *testing.T) {
	for body, want := range map[string]string{
		`plain`:                "plain",
		`a\"b\\c\/d\b\f\n\r\t`: "a\"b\\c/d\b\f\n\r\t",
		`\u00e9\ud83d\ude00`:   "é😀",
		`lone\ud800x`:          "lone\uFFFDx",
		`\udc00\u0000`:         "\uFFFD\x00",
	} {
		if got := Unquote([]byte(body)); got != want {
			t.Errorf("Unquote(%s) = %q, want %q", body, got, want)
		}
	}
	if got := SyntaxMessage([]byte("{\n  é x"), 7, "bad"); got != "Invalid JSON at line 2, column 5: bad." {
		t.Errorf("SyntaxMessage: %q", got)
	}
	if Describe([]byte("a\x01"), 1) != "byte 0x1" || Describe(nil, 0) != "the end of the input" || Describe([]byte("x"), 0) != "'x'" {
		t.Error("Describe")
	}
	if Kind('{') != "an object" || Kind('-') != "a number" || Kind('n') != "null" {
		t.Error("Kind")
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		in    string
		end   int
		float bool
		bad   int
		want  string
	}{
		{"0", 1, false, -1, ""},
		{"-12,", 3, false, -1, ""},
		{"1.5e-3}", 6, true, -1, ""},
		{"2E10", 4, true, -1, ""},
		{"01", 1, false, -1, ""}, // the number is 0; what follows is the caller's business
		{"-", 1, false, 1, "a digit"},
		{"x", 0, false, 0, "a digit"},
		{"1.", 2, true, 2, "a digit after the decimal point"},
		{"1e+", 3, true, 3, "a digit in the exponent"},
	} {
		end, float, bad, want := Number([]byte(c.in), 0)
		if end != c.end || float != c.float || bad != c.bad || want != c.want {
			t.Errorf("Number(%q) = %d %v %d %q, want %d %v %d %q", c.in, end, float, bad, want, c.end, c.float, c.bad, c.want)
		}
	}
}

// BenchmarkAppendUnquote decodes the benchmark's CreateBackendAuth request
// as the body of a JSON string (an escape every few bytes), the shape of a
// request body or a text to validate that JS hands over as a string.
func BenchmarkAppendUnquote(b *testing.B) {
	data, err := os.ReadFile("../../bench/fixtures/create-backend-auth.json")
	if err != nil {
		b.Fatal(err)
	}
	tok := AppendString(nil, string(data))
	body := tok[1 : len(tok)-1]
	buf := make([]byte, 0, len(data))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		buf = AppendUnquote(buf[:0], body)
	}
	if string(buf) != string(data) {
		b.Fatal("AppendUnquote does not give the text back")
	}
}
