package pointer

import "testing"

func TestEscapeRoundTrip(t *testing.T) {
	for in, want := range map[string]string{"a/b~": "a~1b~0", "plain": "plain", "~1": "~01", "": ""} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if back := Unescape(want); back != in {
			t.Errorf("Unescape(%q) = %q, want %q", want, back, in)
		}
	}
}
