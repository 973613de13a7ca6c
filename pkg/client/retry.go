package client

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/retry"
)

// Retry defaults, the same as the AWS SDK for JavaScript v3's standard
// retry mode.
const (
	// DefaultMaxAttempts is the number of attempts, the first included,
	// when Options.MaxAttempts is 0.
	DefaultMaxAttempts = retry.DefaultMaxAttempts
	// DefaultRetryBaseDelay is the backoff before the first retry, before
	// jitter, when Options.RetryBaseDelay is 0.
	DefaultRetryBaseDelay = retry.DefaultBaseDelay
	// DefaultRetryMaxDelay caps the backoff when Options.RetryMaxDelay is 0.
	DefaultRetryMaxDelay = retry.DefaultMaxDelay
)

// retryer decides whether and how long to wait before another attempt.
type retryer struct {
	maxAttempts int
	base, max   time.Duration
	mu          sync.Mutex // guards src, which need not be safe for concurrent use
	src         rand.Source
}

// delay returns the wait before retry number n (1 for the first retry):
// full jitter over a capped exponential backoff (see retry.Delay).
func (r *retryer) delay(n int) time.Duration {
	return retry.Delay(n, r.base, r.max, r.float64())
}

// float64 returns a random number in [0, 1).
func (r *retryer) float64() float64 {
	if r.src == nil {
		return rand.Float64()
	}
	r.mu.Lock()
	u := r.src.Uint64()
	r.mu.Unlock()
	return float64(u>>11) / (1 << 53)
}

// wait waits for d or until ctx is done, whichever comes first, and returns
// ctx.Err() in the second case. It uses a timer, so that a cancelled
// context ends the wait at once.
func wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
