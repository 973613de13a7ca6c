//go:build !nosign

package client

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
)

// Format makes every fmt verb print the redacted form of c: fmt routes
// only %v, %s and %q to String, so without it %d or %x would print the
// secret. (net/http and the signer already link fmt, so this costs nothing.)
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(c.GoString()))
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// String describes the request for logs with the session token redacted,
// in the X-Amz-Security-Token header and query parameter alike. The token
// must stay in the request itself to be sent; MarshalJSON keeps it.
func (r Request) String() string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte(' ')
	b.WriteString(redactURL(r.URL))
	for _, name := range slices.Sorted(maps.Keys(r.Headers)) {
		for _, v := range r.Headers[name] {
			b.WriteString("\n")
			b.WriteString(name)
			b.WriteString(": ")
			if strings.EqualFold(name, "X-Amz-Security-Token") {
				v = "<redacted>"
			}
			b.WriteString(v)
		}
	}
	if r.Body != nil {
		b.WriteString("\n\n")
		b.WriteString(*r.Body)
	}
	return b.String()
}

// Format prints the redacted String for every verb.
func (r Request) Format(f fmt.State, verb rune) { _, _ = f.Write([]byte(r.String())) }

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	if _, ok := q["X-Amz-Security-Token"]; !ok {
		return raw
	}
	q.Set("X-Amz-Security-Token", "<redacted>")
	u.RawQuery = q.Encode()
	return u.String()
}
