package client

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/httpheader"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// TestSortHeaderKeys: the insertion sort and the sort.Slice path order
// header names as a plain sort by (canonical name, name) does, for any
// number of names up to MaxHeaders, with names that differ only in case.
func TestSortHeaderKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"a", "A", "x-amz-date", "X-Amz-Date", "X-AMZ-DATE", "content-type", "Content-Type", "host", "b", "B-c", "b-C", "zz", "Zz", "~", "x/y", "é"}
	for n := 0; n <= MaxHeaders; n++ {
		for round := 0; round < 5; round++ {
			keys := make([]headerKey, n)
			for i := range keys {
				name := names[r.IntN(len(names))]
				if r.IntN(2) == 0 {
					name += strings.Repeat("k", r.IntN(4))
				}
				keys[i] = headerKey{canon: httpheader.CanonicalKey(name), orig: name}
			}
			want := slices.Clone(keys)
			slices.SortFunc(want, func(a, b headerKey) int {
				if c := strings.Compare(a.canon, b.canon); c != 0 {
					return c
				}
				return strings.Compare(a.orig, b.orig)
			})
			sortHeaderKeys(keys)
			for i := range keys {
				if keys[i].canon != want[i].canon || keys[i].orig != want[i].orig {
					t.Fatalf("%d keys: got %v, want %v", n, keys, want)
				}
			}
		}
	}
}

// TestAppendString: the request's strings are written as
// jsonfast.AppendString writes them.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "a", "POST", "https://h/p?q=1&r=%20", "AWS4-HMAC-SHA256 Credential=A/2/r/s/aws4_request", `a"b`, `a\b`, "a\tb", "\x00", "\x7f", "é", "\u2028", "\u2029", "\xff", "12345678", "1234567\"", "12345678\n", strings.Repeat("x", 100) + "\x01"} {
		if got, want := string(appendString(nil, s)), string(jsonfast.AppendString(nil, s)); got != want {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
}
