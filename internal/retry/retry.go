// Package retry is the retry policy of every host: which failures are
// worth another attempt, and how long to wait before it. The Go client
// (pkg/client), the dispatcher's "retry" function (which JS send and the
// Node CLI ask) and the CLI all decide through it, so that no host has a
// policy of its own.
//
// Delays are int64 nanoseconds (the value of a time.Duration) rather than
// time.Duration: importing package time costs a GOOS=js module 57 KB of
// brotli (its initializers and what they keep), and the core module
// (-tags nosign) uses no other part of it. Callers convert with
// time.Duration(d).
package retry

// The defaults, those of the AWS SDK for JavaScript v3's standard mode.
const (
	// DefaultMaxAttempts is the number of attempts, the first included.
	DefaultMaxAttempts = 3
	// DefaultBaseDelay is the backoff before the first retry, before
	// jitter: 100 ms, in nanoseconds.
	DefaultBaseDelay int64 = 100e6
	// DefaultMaxDelay caps the backoff: 20 s, in nanoseconds.
	DefaultMaxDelay int64 = 20e9
)

// RetryableStatus reports whether a response with this status is worth
// another attempt: throttling (429) and server errors (5xx). A network
// error (no response at all) is worth one too.
func RetryableStatus(status int) bool {
	return status == 429 || status >= 500 && status <= 599
}

// Delay returns the wait in nanoseconds before retry number n (1 for the
// first retry): full jitter over a capped exponential backoff,
// u·min(max, base·2^(n-1)) for a random u in [0, 1). base and max are in
// nanoseconds.
func Delay(n int, base, max int64, u float64) int64 {
	limit := max
	if n >= 1 && n-1 < 62 {
		if d := base << (n - 1); d > 0 && d>>(n-1) == base && d < limit {
			limit = d
		}
	}
	if limit <= 0 || u <= 0 {
		return 0
	}
	if u >= 1 {
		u = 0.9999999999999999
	}
	return int64(u * float64(limit))
}
