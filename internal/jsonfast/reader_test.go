package jsonfast

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestInteger checks the exact reading of number text against math/big.
func TestInteger(t *testing.T) {
	for _, tok := range []string{
		"0", "-0", "5", "5.0", "5e0", "50e-1", "0.5e1", "-5", "1.0000000000000001", "24.9999999999999999",
		"1e-400", "1e400", "0e999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "92233720368547758070e-1", "1e18", "1e19", "123456789012345678901234567890",
		"0.000", "100e-2", "1E2", "1e+2", "3.6e3", "1" + strings.Repeat("0", 30) + "e-30",
	} {
		v, integral, fits := Integer([]byte(tok))
		r, ok := new(big.Rat).SetString(tok)
		if !ok {
			t.Fatalf("big.Rat cannot read %q", tok)
		}
		wantIntegral := r.IsInt()
		if integral != wantIntegral {
			t.Errorf("Integer(%q): integral %v, want %v", tok, integral, wantIntegral)
			continue
		}
		if !integral {
			continue
		}
		n := r.Num()
		wantFits := n.IsInt64()
		if fits != wantFits || (fits && v != n.Int64()) {
			t.Errorf("Integer(%q) = %d, %v; want %s, %v", tok, v, fits, n, wantFits)
		}
	}
}

func TestPositions(t *testing.T) {
	data := []byte("a\r\nb\rc\n😀é\u2028x")
	offs := []int{0, 1, 2, 3, 4, 5, 6, 7, len("a\r\nb\rc\n😀"), len("a\r\nb\rc\n😀é\u2028"), len(data), len(data) + 5}
	want := []Position{
		{1, 1, 0, 0}, {1, 2, 1, 1}, {1, 3, 2, 2}, {2, 1, 3, 3}, {2, 2, 4, 4}, {3, 1, 5, 5}, {3, 2, 6, 6}, {4, 1, 7, 7},
		{4, 3, 9, 11}, {4, 5, 11, 16}, {4, 6, 12, 17}, {4, 6, 12, 17},
	}
	got := Positions(data, offs)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("offset %d: %+v, want %+v", offs[i], got[i], want[i])
		}
	}
	// Unsorted offsets give the same answers.
	rev := make([]int, len(offs))
	for i := range offs {
		rev[i] = offs[len(offs)-1-i]
	}
	for i, p := range Positions(data, rev) {
		if p != want[len(offs)-1-i] {
			t.Errorf("reversed offset %d: %+v", rev[i], p)
		}
	}
}

// TestSkipMatchesStrictScan: Skip with check set refuses what the
// validator refuses, and reports the first lone surrogate.
func TestSkipMatchesStrictScan(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		lone int
	}{
		{`{"a":[1,"x",{"b":null}]}`, true, -1},
		{`{"a":"\ud800"}`, true, 6},
		{`{"\udc00":1}`, true, 2},
		{"{\"a\":\"\t\"}", false, -1},
		{`[1,]`, false, -1},
		{`{"a" 1}`, false, -1},
		{`[01]`, false, -1},
	} {
		r := Reader{Data: []byte(c.in)}
		_, lone, deep, ok := r.Skip(MaxDepth, true)
		if ok != c.ok || deep || (ok && lone != c.lone) {
			t.Errorf("Skip(%q) = lone %d, deep %v, ok %v; want lone %d, ok %v", c.in, lone, deep, ok, c.lone, c.ok)
		}
	}
	r := Reader{Data: []byte(strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1))}
	if _, _, deep, ok := r.Skip(MaxDepth, true); !deep || ok || r.Failed {
		t.Errorf("deep nesting: deep %v ok %v failed %v", deep, ok, r.Failed)
	}
}

// FuzzReaderAgreesWithEncodingJSON: on valid UTF-8, the Reader accepts a
// document (one value, then only white space) exactly when encoding/json
// does; on text that is not UTF-8 it only accepts if encoding/json does.
func FuzzReaderAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[1,2,{"a":"b\u00e9\ud83d\ude00"}]`, `{"a":1,}`, `01`, `1.`, `-`, `"\ud800"`, "\"\x7f\"", `[1e5,-0.0,true,false,null]`, " \t\n\r1 ", `{"a" 1}`, `"\q"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Reader{Data: data}
		_, _, deep, ok := r.Skip(MaxDepth, true)
		if deep {
			return
		}
		ok = ok && r.End()
		want := json.Valid(data)
		if utf8.Valid(data) && ok != want {
			t.Fatalf("%q: Reader %v, encoding/json %v (%s)", data, ok, want, r.ErrWhat)
		}
		if ok && !want {
			t.Fatalf("%q: Reader accepts what encoding/json refuses", data)
		}
	})
}

// FuzzStringDecode: StringDecode accepts a string token exactly when
// String does, and decodes it as encoding/json does (a lone surrogate
// escape becomes U+FFFD in both), reporting the first lone surrogate escape
// where there is one.
func FuzzStringDecode(f *testing.F) {
	for _, s := range []string{`"abc"`, `"a\"b\\c\/\b\f\n\r\t"`, `"\u00e9\ud83d\ude00"`, `"\ud800x"`, `"\udc00"`, "\"\xff\"", "\"a\tb\"", `"abc`, `"\q"`, `"\u12"`, `"é😀"`, `"x\ud83d\ud83d\ude00"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || data[0] != '"' {
			return
		}
		a := Reader{Data: data}
		_, _, _, _, ok := a.String()
		b := Reader{Data: data}
		val, escaped, lone, ok2 := b.StringDecode(nil)
		if ok != ok2 || a.ErrPos != b.ErrPos || a.ErrWhat != b.ErrWhat || a.Pos != b.Pos {
			t.Fatalf("%q: String ok %v at %d (%s); StringDecode ok %v at %d (%s)", data, ok, a.ErrPos, a.ErrWhat, ok2, b.ErrPos, b.ErrWhat)
		}
		if !ok {
			return
		}
		tok := data[:b.Pos]
		var want string
		if err := json.Unmarshal(tok, &want); err != nil {
			t.Fatalf("%q: StringDecode accepts what encoding/json refuses: %v", tok, err)
		}
		if string(val) != want {
			t.Fatalf("%q: StringDecode %q, encoding/json %q", tok, val, want)
		}
		if !escaped && string(val) != string(tok[1:len(tok)-1]) {
			t.Fatalf("%q: not escaped, but the value %q is not the token's body", tok, val)
		}
		// lone is the first \u escape of a surrogate that is not half of a pair.
		wantLone := -1
		for i := 1; i < len(tok)-1; i++ {
			if tok[i] != '\\' {
				continue
			}
			if tok[i+1] != 'u' {
				i++
				continue
			}
			u, _ := Hex4(tok, i+2)
			if u >= 0xD800 && u < 0xDC00 && i+11 < len(tok) && tok[i+6] == '\\' && tok[i+7] == 'u' {
				if u2, _ := Hex4(tok, i+8); u2 >= 0xDC00 && u2 < 0xE000 {
					i += 11
					continue
				}
			}
			if u >= 0xD800 && u < 0xE000 {
				wantLone = i
				break
			}
			i += 5
		}
		if lone != wantLone {
			t.Fatalf("%q: lone surrogate at %d, want %d", tok, lone, wantLone)
		}
	})
}
