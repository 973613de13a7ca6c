package wasmhost

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
)

// maxHostileMemory bounds the linear memory of an instance after the
// hostile calls: generous (the Go heap of the module grows to its working
// set, and WebAssembly memory never shrinks), yet far below what a leak of
// 10,000 calls would take.
const maxHostileMemory = 64 << 20

// TestHostile makes 10,000 malformed calls in a row on one instance, then a
// valid one, which must get its exact answer; it reports the instance's
// memory before and after, and fails if it grew past maxHostileMemory.
func TestHostile(t *testing.T) {
	ctx := context.Background()
	in, err := testHost.NewInstance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close(ctx)
	call, want := dispatchtest.ValidCall()
	if got, err := in.Call(ctx, call.Function, call.Input); err != nil || string(got) != want {
		t.Fatalf("first call: %s, %v", got, err)
	}
	before := in.MemorySize()
	calls := dispatchtest.Hostile(1, 10000)
	for i, c := range calls {
		out, err := in.Call(ctx, c.Function, c.Input)
		if err != nil {
			t.Fatalf("call %d (%s, %.200q): the instance failed: %v", i, c.Function, c.Input, err)
		}
		if msg := dispatchtest.CheckOutput(out); msg != "" {
			t.Fatalf("call %d (%s, %.200q): %s: %.300s", i, c.Function, c.Input, msg, out)
		}
		if !json.Valid(out) {
			t.Fatalf("call %d: output is not JSON: %.300s", i, out)
		}
	}
	if got, err := in.Call(ctx, call.Function, call.Input); err != nil || string(got) != want {
		t.Fatalf("after the hostile calls:\n got %s (%v)\nwant %s", got, err, want)
	}
	after := in.MemorySize()
	if err := in.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if got, err := in.Call(ctx, call.Function, call.Input); err != nil || string(got) != want {
		t.Fatalf("after release:\n got %s (%v)\nwant %s", got, err, want)
	}
	t.Logf("%d hostile calls; linear memory %d KiB before, %d KiB after", len(calls), before>>10, after>>10)
	if after > maxHostileMemory {
		t.Errorf("linear memory grew to %d MiB after the hostile calls; the bound is %d MiB", after>>20, maxHostileMemory>>20)
	}
}

// TestBounds passes handle pointers outside the input buffer, and sizes
// alloc refuses: the module must answer with an error envelope, not read
// other memory or trap.
func TestBounds(t *testing.T) {
	ctx := context.Background()
	in, err := testHost.NewInstance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close(ctx)
	handle := func(fp, fl, ip, il uint32) string {
		t.Helper()
		res, err := in.handle.Call(ctx, uint64(fp), uint64(fl), uint64(ip), uint64(il))
		if err != nil {
			t.Fatalf("handle(%d, %d, %d, %d) trapped: %v", fp, fl, ip, il, err)
		}
		out, ok := in.mem.Read(uint32(res[0]>>32), uint32(res[0]))
		if !ok {
			t.Fatalf("handle(%d, %d, %d, %d): output out of memory", fp, fl, ip, il)
		}
		return string(out)
	}
	const outside = `{"error":{"message":"The function name and the input must lie inside the buffer returned by alloc.",`
	// Before any alloc there is no buffer.
	if out := handle(0, 8, 8, 2); out[:len(outside)] != outside {
		t.Errorf("no buffer: %s", out)
	}
	res, err := in.alloc.Call(ctx, 64)
	if err != nil || res[0] == 0 {
		t.Fatalf("alloc(64) = %v, %v", res, err)
	}
	buf := uint32(res[0])
	for _, r := range [][4]uint32{
		{buf - 1, 8, buf + 8, 2},
		{buf, 8, buf + 60, 8},
		{buf, 65, buf, 0},
		{0xffffffff, 2, buf, 2},
		{buf, 0xffffffff, buf, 1},
		{0, 0, 0xfffffff0, 0x20},
	} {
		if out := handle(r[0], r[1], r[2], r[3]); len(out) < len(outside) || out[:len(outside)] != outside {
			t.Errorf("handle%v: %s", r, out)
		}
	}
	if res, err := in.alloc.Call(ctx, 1<<31); err != nil || res[0] != 0 {
		t.Errorf("alloc(2 GiB) = %v, %v; want 0", res, err)
	}
	// The instance still works.
	call, want := dispatchtest.ValidCall()
	if got, err := in.Call(ctx, call.Function, call.Input); err != nil || string(got) != want {
		t.Fatalf("after the bound checks: %s, %v", got, err)
	}
}

// TestConcurrent calls one Host with a pool of 4 instances from 32
// goroutines at once (run with -race): every vector gets its golden
// output, every hostile call a well-formed envelope, whichever instance
// serves it.
func TestConcurrent(t *testing.T) {
	cases, err := dispatchtest.Load("../../testdata/vectors")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	h, err := New(ctx, testWasm, Config{CacheDir: CacheDir(), Instances: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(ctx)
	const goroutines = 32
	hostile := dispatchtest.Hostile(3, goroutines*8)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(cases); i += goroutines / 4 {
				c := cases[i]
				got, err := h.Call(c.Function, c.Input)
				if err != nil || string(got) != string(c.Want) {
					t.Errorf("goroutine %d, %s: %.300s, %v", g, c.Name, got, err)
					return
				}
				hc := hostile[(g*8+i)%len(hostile)]
				out, err := h.Call(hc.Function, hc.Input)
				if err != nil || dispatchtest.CheckOutput(out) != "" || !json.Valid(out) {
					t.Errorf("goroutine %d, hostile %s(%.200q): %.300s, %v", g, hc.Function, hc.Input, out, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
