package dispatch_test

import (
	"encoding/json"
	"runtime"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
)

// TestHostile makes 10,000 malformed calls in a row, then a valid one: every
// output must be a well-formed envelope without a recovered panic or a
// leaked secret, and the valid call must get its exact answer.
func TestHostile(t *testing.T) {
	calls := dispatchtest.Hostile(1, 10000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i, c := range calls {
		out := dispatch.Handle(c.Function, c.Input)
		if msg := dispatchtest.CheckOutput(out); msg != "" {
			t.Fatalf("call %d (%s, %.200q): %s: %.300s", i, c.Function, c.Input, msg, out)
		}
		if !json.Valid(out) {
			t.Fatalf("call %d (%s, %.200q): output is not JSON: %.300s", i, c.Function, c.Input, out)
		}
	}
	call, want := dispatchtest.ValidCall()
	if got := string(dispatch.Handle(call.Function, call.Input)); got != want {
		t.Fatalf("after the hostile calls:\n got %s\nwant %s", got, want)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(calls)
	t.Logf("%d hostile calls; heap in use %d KiB before, %d KiB after", len(calls), before.HeapInuse>>10, after.HeapInuse>>10)
}
