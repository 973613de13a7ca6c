package httpheader

import (
	"math/rand/v2"
	"net/http"
	"testing"
)

// TestStatusText compares every code from 0 to 999 with net/http.
func TestStatusText(t *testing.T) {
	known := 0
	for c := range 1000 {
		if got, want := StatusText(c), http.StatusText(c); got != want {
			t.Errorf("StatusText(%d) = %q, net/http says %q", c, got, want)
		}
		if StatusText(c) != "" {
			known++
		}
	}
	if known < 60 {
		t.Fatalf("only %d codes have a text", known)
	}
}

// TestCanonicalKey compares CanonicalKey with net/http's CanonicalHeaderKey
// on every string of one and two bytes, on the common names, and on random
// strings over a small alphabet that mixes cases, hyphens and invalid bytes.
func TestCanonicalKey(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := CanonicalKey(s), http.CanonicalHeaderKey(s); got != want {
			t.Fatalf("CanonicalKey(%q) = %q, net/http says %q", s, got, want)
		}
	}
	check("")
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	for _, s := range []string{"content-type", "X-AMZ-DATE", "x-amzn-requestid", "host", "Content-Length", "WWW-Authenticate", "x-amz-id-2", "a b", "é-x", "-a-", "--x"} {
		check(s)
	}
	const alphabet = "aZz-A0 _\x00\xff.~:"
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(b))
	}
}

func TestGet(t *testing.T) {
	h := http.Header{}
	h.Add("X-Amzn-Requestid", "a")
	h.Add("X-Amzn-Requestid", "b")
	for _, name := range []string{"x-amzn-requestid", "X-AMZN-REQUESTID", "X-Amzn-Requestid", "missing", "bad name"} {
		if got, want := Get(h, name), h.Get(name); got != want {
			t.Errorf("Get(%q) = %q, net/http says %q", name, got, want)
		}
	}
}

func FuzzCanonicalKey(f *testing.F) {
	f.Add("content-type")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CanonicalKey(s), http.CanonicalHeaderKey(s); got != want {
			t.Fatalf("CanonicalKey(%q) = %q, net/http says %q", s, got, want)
		}
	})
}
