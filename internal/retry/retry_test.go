package retry

import (
	"testing"
	"time"
)

func TestRetryableStatus(t *testing.T) {
	for _, s := range []int{429, 500, 502, 503, 504, 599} {
		if !RetryableStatus(s) {
			t.Errorf("%d is retryable", s)
		}
	}
	for _, s := range []int{200, 301, 400, 403, 404, 409, 413, 600} {
		if RetryableStatus(s) {
			t.Errorf("%d is not retryable", s)
		}
	}
}

func TestDelay(t *testing.T) {
	cases := []struct {
		n    int
		u    float64
		want time.Duration
	}{
		{1, 0.5, 50 * time.Millisecond},
		{2, 0.5, 100 * time.Millisecond},
		{3, 0.999, 399600 * time.Microsecond},
		{20, 0.5, 10 * time.Second}, // capped at 20 s
		{100, 0.5, 10 * time.Second},
		{1, 0, 0},
		{1, 1, 99999999}, // u is below 1
	}
	for _, c := range cases {
		if got := Delay(c.n, DefaultBaseDelay, DefaultMaxDelay, c.u); got != c.want {
			t.Errorf("Delay(%d, %v) = %v, want %v", c.n, c.u, got, c.want)
		}
	}
}
