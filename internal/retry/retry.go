// Package retry is the retry policy of every host: which failures are
// worth another attempt, and how long to wait before it. The Go client
// (pkg/client), the dispatcher's "retry" function (which JS send and the
// Node CLI ask) and the CLI all decide through it, so that no host has a
// policy of its own.
package retry

import "time"

// The defaults, those of the AWS SDK for JavaScript v3's standard mode.
const (
	// DefaultMaxAttempts is the number of attempts, the first included.
	DefaultMaxAttempts = 3
	// DefaultBaseDelay is the backoff before the first retry, before
	// jitter.
	DefaultBaseDelay = 100 * time.Millisecond
	// DefaultMaxDelay caps the backoff.
	DefaultMaxDelay = 20 * time.Second
)

// RetryableStatus reports whether a response with this status is worth
// another attempt: throttling (429) and server errors (5xx). A network
// error (no response at all) is worth one too.
func RetryableStatus(status int) bool {
	return status == 429 || status >= 500 && status <= 599
}

// Delay returns the wait before retry number n (1 for the first retry):
// full jitter over a capped exponential backoff, u·min(max, base·2^(n-1))
// for a random u in [0, 1).
func Delay(n int, base, max time.Duration, u float64) time.Duration {
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
	return time.Duration(u * float64(limit))
}
