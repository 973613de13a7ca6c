//go:build !nosign

package dispatch

import (
	"bytes"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
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
	if !ok || !r.lit(`,"options":`) || !r.signOptions(&a.opts) {
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

// glueBuildSignArgs is glueSignArgs for buildAndSignRequest's envelope as
// the glue writes it: {"operation":…,"input":V,"buildOptions":{["region":
// …][,"endpoint":…][,"validate":b][,"useFipsEndpoint":b]
// [,"useDualstackEndpoint":b]},"signOptions":{as signRequest's}}. It reads
// into b and opts what the general reader would (TestGlueBuildSignArgs),
// or declines; V is only delimited, as the general reader does.
func glueBuildSignArgs(in []byte, b *buildArgs, opts *client.SignOptions) bool {
	r := glueReader{Reader: jsonfast.Reader{Data: in}}
	var ok bool
	if !r.lit(`{"operation":`) {
		return false
	}
	if b.op, ok = r.str(); !ok || !r.lit(`,"input":`) {
		return false
	}
	b.haveOp = true
	if b.v.data, _, _, ok = r.Skip(len(in), false); !ok || !r.lit(`,"buildOptions":{`) {
		return false
	}
	b.v.json = true
	o := &b.opts
	first := true
	for _, m := range [...]string{"region", "endpoint", "validate", "useFipsEndpoint", "useDualstackEndpoint"} {
		if !r.name(m, first) {
			continue
		}
		first = false
		switch m {
		case "region":
			o.Region, ok = r.str()
		case "endpoint":
			o.Endpoint, ok = r.str()
		case "validate":
			b.strict, ok = r.boolean()
		case "useFipsEndpoint":
			o.UseFIPSEndpoint, ok = r.boolean()
		case "useDualstackEndpoint":
			o.UseDualStackEndpoint, ok = r.boolean()
		}
		if !ok {
			return false
		}
	}
	return r.lit(`},"signOptions":`) && r.signOptions(opts) && r.lit("}") && r.Pos == len(in)
}

// signOptions reads signRequest's options as the glue writes them.
func (r *glueReader) signOptions(o *client.SignOptions) bool {
	c := &o.Credentials
	var ok bool
	if !r.lit(`{"credentials":{"accessKeyId":`) {
		return false
	}
	if c.AccessKeyID, ok = r.str(); !ok || !r.lit(`,"secretAccessKey":`) {
		return false
	}
	if c.SecretAccessKey, ok = r.str(); !ok || !r.optional(`,"sessionToken":`, &c.SessionToken) || !r.lit(`},"region":`) {
		return false
	}
	if o.Region, ok = r.str(); !ok || !r.optional(`,"service":`, &o.Service) {
		return false
	}
	if !r.lit(`,"signingDate":`) || r.Peek() != '"' {
		return false
	}
	o.Time, ok = r.date()
	return ok && r.lit("}")
}

type glueReader struct{ jsonfast.Reader }

// name consumes the member name n ("n": after a ',' unless first).
func (r *glueReader) name(n string, first bool) bool {
	d := r.Data[r.Pos:]
	if !first {
		if len(d) == 0 || d[0] != ',' {
			return false
		}
		d = d[1:]
	}
	if len(d) < len(n)+3 || d[0] != '"' || string(d[1:1+len(n)]) != n || d[1+len(n)] != '"' || d[2+len(n)] != ':' {
		return false
	}
	r.Pos += len(n) + 3
	if !first {
		r.Pos++
	}
	return true
}

// optional reads the string member that starts with lit into *dst, if
// the input has it there; it is false only for a member that is there
// and not a string as str reads it.
func (r *glueReader) optional(lit string, dst *string) bool {
	if !r.lit(lit) {
		return true
	}
	var ok bool
	*dst, ok = r.str()
	return ok
}

// boolean reads true or false.
func (r *glueReader) boolean() (bool, bool) {
	if r.lit("true") {
		return true, true
	}
	return false, r.lit("false")
}

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
