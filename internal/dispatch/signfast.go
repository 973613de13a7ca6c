//go:build !nosign

package dispatch

import (
	"bytes"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// glueSignArgs reads signRequest's envelope when it is exactly as the JS
// glue writes it — {"request":R,"options":{"credentials":{"accessKeyId":
// …,"secretAccessKey":…[,"sessionToken":…]},"region":…[,"service":…],
// "signingDate":…}[,"bodyLength":N,"bodySha256":…|,"omitBody":true]},
// members in that order, no white space, no null, no lone surrogate — and
// reports ok. Anything else, including anything readSignArgs would find a
// problem with, is not ok, and readSignArgs reads the envelope instead: so
// this path accepts a subset of what readSignArgs accepts, reads it to the
// same values (TestGlueSignArgs), and has no message of its own. It does
// not look inside R (the request decoder does, as for readSignArgs): it
// only finds where R ends, as readSignArgs does.
//
// It costs a third of readSignArgs in WebAssembly, where the general
// reader's per-member work (a callback, a name lookup, a path) was ~8% of
// a signRequest.
func glueSignArgs(in []byte) (a signArgs, ok bool) {
	r := glueReader{Reader: jsonfast.Reader{Data: in}}
	if !r.lit(`{"request":`) || r.Peek() != '{' {
		return a, false
	}
	raw, _, _, ok := r.Skip(len(in), false) // as readSignArgs: the decoder checks R
	if !ok || !r.lit(`,"options":{"credentials":{"accessKeyId":`) {
		return a, false
	}
	o := &a.opts
	c := &o.Credentials
	if c.AccessKeyID, ok = r.str(); !ok || !r.lit(`,"secretAccessKey":`) {
		return a, false
	}
	if c.SecretAccessKey, ok = r.str(); !ok {
		return a, false
	}
	if r.lit(`,"sessionToken":`) {
		if c.SessionToken, ok = r.str(); !ok {
			return a, false
		}
	}
	if !r.lit(`},"region":`) {
		return a, false
	}
	if o.Region, ok = r.str(); !ok {
		return a, false
	}
	if r.lit(`,"service":`) {
		if o.Service, ok = r.str(); !ok {
			return a, false
		}
	}
	if !r.lit(`,"signingDate":`) || r.Peek() != '"' {
		return a, false
	}
	if o.Time, ok = r.date(); !ok || !r.lit("}") {
		return a, false
	}
	switch {
	case r.lit(`,"bodyLength":`):
		if a.digest.Length, ok = r.length(); !ok || !r.lit(`,"bodySha256":`) {
			return a, false
		}
		if a.digest.SHA256, ok = r.str(); !ok {
			return a, false
		}
		a.haveHash = true
	case r.lit(`,"omitBody":true`):
		a.omitBody = true
	}
	if !r.lit("}") || r.Pos != len(in) {
		return a, false
	}
	a.raw = raw
	return a, true
}

type glueReader struct{ jsonfast.Reader }

// lit consumes s if the input continues with it.
func (r *glueReader) lit(s string) bool {
	if !bytes.HasPrefix(r.Data[r.Pos:], []byte(s)) {
		return false
	}
	r.Pos += len(s)
	return true
}

// str reads a string without a lone surrogate.
func (r *glueReader) str() (string, bool) {
	if r.Pos >= len(r.Data) || r.Data[r.Pos] != '"' {
		return "", false
	}
	start, end, escaped, lone, ok := r.String()
	if !ok || lone >= 0 {
		return "", false
	}
	return r.StringValue(start, end, escaped), true
}

// length reads bodyLength as plain digits: 0 to 2^53-1 without a leading
// zero, fraction or exponent (intValue reads those too).
func (r *glueReader) length() (int64, bool) {
	var n int64
	i := r.Pos
	for i < len(r.Data) && r.Data[i] >= '0' && r.Data[i] <= '9' && i-r.Pos < 16 {
		n = n*10 + int64(r.Data[i]-'0')
		i++
	}
	if i == r.Pos || i < len(r.Data) && r.Data[i] >= '0' && r.Data[i] <= '9' || r.Data[r.Pos] == '0' && i-r.Pos > 1 || n > 1<<53-1 {
		return 0, false
	}
	r.Pos = i
	return n, true
}

// date reads the signing date: Date.prototype.toISOString's form
// (2015-08-30T12:36:00.000Z) without a copy, or another RFC 3339 date and
// time as signOption reads it (time.Parse).
func (r *glueReader) date() (time.Time, bool) {
	d := r.Data[r.Pos:]
	if len(d) >= 26 && d[0] == '"' && d[5] == '-' && d[8] == '-' && d[11] == 'T' && d[14] == ':' && d[17] == ':' && d[20] == '.' && d[24] == 'Z' && d[25] == '"' {
		num := func(i, n int) int {
			v := 0
			for _, c := range d[i : i+n] {
				if c < '0' || c > '9' {
					return -1
				}
				v = v*10 + int(c-'0')
			}
			return v
		}
		y, mo, dd, h, mi, sec, ms := num(1, 4), num(6, 2), num(9, 2), num(12, 2), num(15, 2), num(18, 2), num(21, 3)
		// Days 29 to 31 take time.Parse, which knows each month's length.
		if y >= 0 && mo >= 1 && mo <= 12 && dd >= 1 && dd <= 28 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59 && ms >= 0 {
			r.Pos += 26
			return time.Date(y, time.Month(mo), dd, h, mi, sec, ms*int(time.Millisecond), time.UTC), true
		}
	}
	v, ok := r.str()
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, v)
	return t, err == nil
}
