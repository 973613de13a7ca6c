package client

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

func netipIPv6(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6() && a.Zone() == ""
}

// TestIsIPv6 compares isIPv6 with net/netip on the usual forms, on the
// edge cases of its parser and on a million random strings over the
// characters an address is made of.
func TestIsIPv6(t *testing.T) {
	cases := []string{"", ":", "::", ":::", "::1", "1::", "1::2", "::ffff:1.2.3.4", "::1.2.3.4", "1.2.3.4",
		"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "1:2:3:4:5:6::7:8", "1:2:3:4:5:6:1.2.3.4",
		"1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "fe80::1%", "%", "12345::", "ffff::", "FFFF::1", "g::", "1:::2",
		"1::2::3", "::01.2.3.4", "::1.2.3", "::1.2.3.4.5", "::256.1.1.1", "::1..2.3", "1.2::3", ":1::", "1:", "0:0:0:0:0:0:0:0",
		"::ffff:0.0.0.0", "2001:db8::", " ::1", "::1 ", "[::1]"}
	for _, s := range cases {
		if got, want := isIPv6(s), netipIPv6(s); got != want {
			t.Errorf("isIPv6(%q) = %v, netip says %v", s, got, want)
		}
	}
	const alphabet = "0123456789abcdefABCDEFg:::...%"
	r := rand.New(rand.NewPCG(3, 4))
	accepted := 0
	for range 1000000 {
		b := make([]byte, 1+r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		got, want := isIPv6(s), netipIPv6(s)
		if got != want {
			t.Fatalf("isIPv6(%q) = %v, netip says %v", s, got, want)
		}
		if got {
			accepted++
		}
	}
	if accepted == 0 {
		t.Fatal("no random string was an address: the generator tests nothing")
	}
}

func FuzzIsIPv6(f *testing.F) {
	f.Add("::ffff:1.2.3.4")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isIPv6(s), netipIPv6(s); got != want {
			t.Fatalf("isIPv6(%q) = %v, netip says %v", s, got, want)
		}
	})
}
