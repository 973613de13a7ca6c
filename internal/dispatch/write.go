package dispatch

import (
	"strconv"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Control characters, '"' and '\\'
// are escaped, as are U+2028 and U+2029 (so that the output is also valid
// JavaScript); bytes that are not valid UTF-8 become U+FFFD, so the output is
// always valid UTF-8 JSON whatever a string held.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendProblems appends the problems as a JSON array.
func appendProblems(dst []byte, ps []validate.Problem) []byte {
	dst = append(dst, '[')
	for i := range ps {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"path":`...)
		dst = appendString(dst, ps[i].Path)
		dst = append(dst, `,"code":`...)
		dst = appendString(dst, string(ps[i].Code))
		dst = append(dst, `,"message":`...)
		dst = appendString(dst, ps[i].Message)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// maxMessageLines is how many problems the message of an error lists; the
// "errors" array always has them all.
const maxMessageLines = 20

// failure is the outcome of a call that did not succeed.
type failure struct {
	// summary is the first sentence of the message; empty when the one
	// problem's message is the whole message.
	summary string
	probs   []validate.Problem
}

// problemCount is "1 problem" or "N problems".
func problemCount(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return strconv.Itoa(n) + " problems"
}

// errorEnvelope writes {"error":{"message","errors"}} for f.
func errorEnvelope(f *failure) []byte {
	size := 64 + len(f.summary)
	for i := range f.probs {
		size += 2*(len(f.probs[i].Path)+len(f.probs[i].Message)) + 48
	}
	dst := make([]byte, 0, size)
	dst = append(dst, `{"error":{"message":`...)
	msg := make([]byte, 0, size/2)
	msg = append(msg, f.summary...)
	for i := range f.probs {
		if i == maxMessageLines {
			msg = append(msg, "\n... and "...)
			msg = strconv.AppendInt(msg, int64(len(f.probs)-i), 10)
			msg = append(msg, " more."...)
			break
		}
		if len(msg) > 0 {
			msg = append(msg, '\n')
		}
		if p := f.probs[i].Path; p != "" {
			msg = append(msg, p...)
			msg = append(msg, ": "...)
		}
		msg = append(msg, f.probs[i].Message...)
	}
	dst = appendString(dst, string(msg))
	dst = append(dst, `,"errors":`...)
	dst = appendProblems(dst, f.probs)
	return append(dst, "}}"...)
}
