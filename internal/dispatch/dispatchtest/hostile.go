package dispatchtest

import (
	"bytes"
	"math/rand/v2"
	"strings"
)

// Call is one dispatcher call.
type Call struct {
	Function string
	Input    []byte
}

// functions are the dispatcher's functions, and names close to them.
var functions = []string{"validate", "validateAuthConfig", "buildRequest", "signRequest", "operations", "cli"}

// valid are well-formed envelopes that hostile calls are derived from.
var valid = []Call{
	{"validate", []byte(`{"operation":"GetBackend","input":{"AppId":"a","BackendEnvironmentName":"b"}}`)},
	{"validate", []byte(`{"operation":"CreateBackendAuth","input":{"AppId":"a","BackendEnvironmentName":"b","ResourceName":"r","ResourceConfig":{"AuthResources":"USER_POOL_ONLY","Service":"COGNITO","UserPoolConfigs":{"UserPoolName":"p","SignInMethod":"EMAIL","RequiredSignUpAttributes":["EMAIL"]}}}}`)},
	{"validateAuthConfig", []byte(`{"config":{"AuthResources":"USER_POOL_ONLY","Service":"COGNITO","UserPoolConfigs":{"UserPoolName":"p","SignInMethod":"EMAIL","RequiredSignUpAttributes":["EMAIL"]}},"mode":"create"}`)},
	{"buildRequest", []byte(`{"operation":"GetBackendJob","input":{"AppId":"a","BackendEnvironmentName":"b","JobId":"j"},"options":{"region":"us-east-1","validate":true}}`)},
	{"signRequest", []byte(`{"request":{"method":"POST","url":"https://example.amazonaws.com/a?b=c","headers":{"Host":"example.amazonaws.com","X-A":["1","2"]},"body":"{}"},"options":{"credentials":{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"SECRETKEYEXAMPLE","sessionToken":"TOKENEXAMPLE"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z","presign":true,"expiresIn":60}}`)},
	{"operations", []byte(`{}`)},
	{"cli", []byte(`{"args":["validate","--operation","GetBackend","in.json"],"files":{"in.json":"{}"},"env":{"AWS_REGION":"us-east-1"},"now":"2015-08-30T12:36:00Z"}`)},
}

// Secrets are the credential values used by the hostile calls; no output may
// contain them.
var Secrets = []string{"SECRETKEYEXAMPLE", "TOKENEXAMPLE"}

// Hostile returns n malformed calls, deterministic for a seed: random
// bytes, truncated and mutated envelopes, deep nesting, unknown functions,
// wrong types, invalid UTF-8 and NUL bytes.
func Hostile(seed uint64, n int) []Call {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]Call, 0, n)
	for len(out) < n {
		base := valid[r.IntN(len(valid))]
		fn := base.Function
		if r.IntN(8) == 0 {
			fn = functions[r.IntN(len(functions))]
		}
		var in []byte
		switch r.IntN(10) {
		case 0: // random bytes
			in = make([]byte, r.IntN(256))
			for i := range in {
				in[i] = byte(r.UintN(256))
			}
		case 1: // truncated envelope
			in = base.Input[:r.IntN(len(base.Input))]
		case 2: // flipped bytes
			in = bytes.Clone(base.Input)
			for k := 1 + r.IntN(4); k > 0; k-- {
				in[r.IntN(len(in))] = byte(r.UintN(256))
			}
		case 3: // deep nesting, in the envelope or in the input
			depth := 1000 + r.IntN(100000)
			open, closing := "[", "]"
			if r.IntN(2) == 0 {
				open, closing = `{"a":`, "}"
			}
			nest := strings.Repeat(open, depth)
			if r.IntN(2) == 0 {
				nest += "1" + strings.Repeat(closing, depth) // well-formed
			}
			if r.IntN(2) == 0 {
				in = []byte(nest)
			} else {
				in = []byte(`{"operation":"GetBackend","input":` + nest + `}`)
			}
		case 4: // unknown or garbled function name
			fn = garble(r, base.Function)
			in = base.Input
		case 5: // a value replaced by one of another type
			in = replaceValue(r, base.Input)
		case 6: // invalid UTF-8 inside strings and names
			in = bytes.Clone(base.Input)
			for k := 1 + r.IntN(3); k > 0; k-- {
				i := bytes.IndexByte(in[r.IntN(len(in)):], '"')
				if i >= 0 {
					bad := [][]byte{{0xff}, {0xc3}, {0xed, 0xa0, 0x80}, {0xf4, 0x90, 0x80, 0x80}, {0xe2, 0x82}}[r.IntN(5)]
					pos := len(in) - len(in[i:]) + 1
					in = append(in[:pos:pos], append(bad, in[pos:]...)...)
				}
			}
			if r.IntN(2) == 0 {
				fn = fn + "\xff"
			}
		case 7: // NUL bytes and control characters
			in = bytes.Clone(base.Input)
			for k := 1 + r.IntN(3); k > 0; k-- {
				pos := r.IntN(len(in) + 1)
				in = append(in[:pos:pos], append([]byte{[]byte{0, 1, 0x1f, '\n'}[r.IntN(4)]}, in[pos:]...)...)
			}
			if r.IntN(4) == 0 {
				fn = fn + "\x00"
			}
		case 8: // escapes: lone surrogates, bad escapes, huge numbers
			s := string(base.Input)
			reps := []string{`"\ud800"`, `"\udfff\ud800"`, `"\x"`, `"\u12"`, `1e999999`, `-0.0e-0`, `123456789012345678901234567890`, `"` + strings.Repeat(`\u0000`, 1000) + `"`}
			if i := strings.Index(s, `"a"`); i >= 0 {
				s = s[:i] + reps[r.IntN(len(reps))] + s[i+3:]
			} else if i := strings.Index(s, `"us-east-1"`); i >= 0 {
				s = s[:i] + reps[r.IntN(len(reps))] + s[i+11:]
			} else {
				s = reps[r.IntN(len(reps))]
			}
			in = []byte(s)
		default: // an envelope of another function, or duplicated members
			other := valid[r.IntN(len(valid))]
			in = other.Input
			if r.IntN(2) == 0 && len(in) > 2 {
				in = append(append(bytes.Clone(in[:len(in)-1]), ','), in[1:]...)
			}
		}
		out = append(out, Call{fn, in})
	}
	return out
}

func garble(r *rand.Rand, s string) string {
	switch r.IntN(5) {
	case 0:
		return ""
	case 1:
		return strings.ToUpper(s)
	case 2:
		return s + s
	case 3:
		return string([]byte{byte(r.UintN(256)), byte(r.UintN(256))})
	}
	return strings.Repeat("x", r.IntN(5000))
}

// replaceValue replaces the value after a random ':' with a value of a
// random type.
func replaceValue(r *rand.Rand, in []byte) []byte {
	var colons []int
	for i, c := range in {
		if c == ':' {
			colons = append(colons, i)
		}
	}
	if len(colons) == 0 {
		return in
	}
	at := colons[r.IntN(len(colons))] + 1
	// Find the end of the value that starts at `at` (a rough scan is
	// enough: a wrong cut makes the input malformed, which is hostile too).
	end, depth, inStr := at, 0, false
	for end < len(in) {
		c := in[end]
		switch {
		case inStr:
			if c == '\\' {
				end++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				goto done
			}
			depth--
		case c == ',' && depth == 0:
			goto done
		}
		end++
	}
done:
	vals := []string{`null`, `true`, `0`, `-1.5e3`, `""`, `"x"`, `[]`, `[null]`, `{}`, `{"x":1}`, `[{"a":[]}]`}
	return append(append(bytes.Clone(in[:at]), vals[r.IntN(len(vals))]...), in[end:]...)
}

// ValidCall is a call and its exact expected output, checked after a
// hostile run to show that the instance still answers correctly.
func ValidCall() (Call, string) {
	return Call{"validate", []byte(`{"operation":"GetBackend","input":{"AppId":""}}`)},
		`{"result":{"valid":false,"errors":[{"path":"/AppId","code":"empty","message":"AppId must not be empty: it is part of the request URI."}],"warnings":[]}}`
}

// CheckOutput reports what is wrong with a dispatcher output, or "" when it
// is a well-formed envelope that does not leak a secret.
func CheckOutput(out []byte) string {
	switch {
	case !bytes.HasPrefix(out, []byte(`{"result":`)) && !bytes.HasPrefix(out, []byte(`{"error":{"message":`)):
		return "not an envelope"
	case bytes.Contains(out, []byte("internal error")):
		return "internal error (a panic was recovered)"
	}
	for _, s := range Secrets {
		if bytes.Contains(out, []byte(s)) && !bytes.HasPrefix(out, []byte(`{"result":`)) {
			return "an error leaks a secret"
		}
	}
	return ""
}
