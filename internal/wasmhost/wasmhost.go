// Package wasmhost runs the wasip1 build of the module (wasm/wasip1) on
// wazero and calls its dispatcher, for tests and benchmarks: the same
// vectors that internal/dispatch runs natively run here through
// WebAssembly, and must give byte-identical output.
//
// A Host compiles the module once (optionally with an on-disk compilation
// cache) and keeps a pool of instances: each Call takes an idle instance
// (instantiating one when none is idle and the pool is not full), so calls
// run in parallel up to Config.Instances. A single Instance serves one call
// at a time.
//
// # Notes
//
// An instance gets the real clock and crypto/rand as its WASI time and
// randomness sources, like any WASI host would give it; the dispatcher
// itself never reads them. An instance whose call trapped (a Go fatal
// error, which recover cannot catch) is closed and replaced.
package wasmhost

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"strconv"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// Config tunes a Host. The zero value is one instance, no cache.
type Config struct {
	// CacheDir holds wazero's compilation cache, so that a module compiled
	// once is not compiled again by the next process. Empty: no cache.
	CacheDir string
	// Instances is the most instances (parallel calls); default 1.
	Instances int
	// Stderr receives the module's standard error (the Go runtime writes
	// fatal errors there). Default: discarded.
	Stderr io.Writer
}

// Host is a compiled module and a pool of its instances. It is safe for
// concurrent use.
type Host struct {
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	modCfg   wazero.ModuleConfig
	// pool holds one token per instance slot: an idle *Instance, or nil
	// for a slot that has no instance yet (or lost it to a trap).
	pool chan *Instance
}

// New compiles wasm (the wasip1 reactor) and returns a Host for it.
func New(ctx context.Context, wasm []byte, cfg Config) (*Host, error) {
	rc := wazero.NewRuntimeConfig()
	if cfg.CacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(cfg.CacheDir)
		if err != nil {
			return nil, err
		}
		rc = rc.WithCompilationCache(cache)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, rc)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	compiled, err := rt.CompileModule(ctx, wasm)
	if err != nil {
		rt.Close(ctx)
		return nil, err
	}
	for _, name := range []string{"alloc", "handle", "release", "_initialize"} {
		if _, ok := compiled.ExportedFunctions()[name]; !ok {
			rt.Close(ctx)
			return nil, errors.New("wasmhost: the module does not export " + name + "; build ./wasm/wasip1 with -buildmode=c-shared")
		}
	}
	n := cfg.Instances
	if n <= 0 {
		n = 1
	}
	stderr := cfg.Stderr
	if stderr == nil {
		stderr = io.Discard
	}
	h := &Host{
		rt:       rt,
		compiled: compiled,
		modCfg: wazero.NewModuleConfig().
			WithName(""). // anonymous: any number of instances
			WithStartFunctions("_initialize").
			WithSysWalltime().
			WithSysNanotime().
			WithRandSource(rand.Reader).
			WithStderr(stderr),
		pool: make(chan *Instance, n),
	}
	for i := 0; i < n; i++ {
		h.pool <- nil
	}
	return h, nil
}

// NewInstance instantiates the module once more, outside the pool. The
// instance is not safe for concurrent use; close it when done.
func (h *Host) NewInstance(ctx context.Context) (*Instance, error) {
	mod, err := h.rt.InstantiateModule(ctx, h.compiled, h.modCfg)
	if err != nil {
		return nil, err
	}
	return &Instance{
		mod:     mod,
		mem:     mod.Memory(),
		alloc:   mod.ExportedFunction("alloc"),
		handle:  mod.ExportedFunction("handle"),
		release: mod.ExportedFunction("release"),
	}, nil
}

// Call runs one dispatcher call on an idle instance and returns a copy of
// the output envelope. The error is only for a failure of the host or a
// trap, never for a failed call (that is an error envelope).
func (h *Host) Call(function string, input []byte) ([]byte, error) {
	return h.CallContext(context.Background(), function, input)
}

// CallContext is Call with a context for instantiation and the call.
func (h *Host) CallContext(ctx context.Context, function string, input []byte) ([]byte, error) {
	in := <-h.pool
	if in == nil {
		var err error
		if in, err = h.NewInstance(ctx); err != nil {
			h.pool <- nil
			return nil, err
		}
	}
	out, err := in.Call(ctx, function, input)
	if err != nil {
		in.Close(ctx)
		in = nil
	}
	h.pool <- in
	return out, err
}

// Close closes every instance and the runtime. Calls must have returned.
func (h *Host) Close(ctx context.Context) error {
	return h.rt.Close(ctx)
}

// Instance is one instantiation of the module. It is not safe for
// concurrent use.
type Instance struct {
	mod                    api.Module
	mem                    api.Memory
	alloc, handle, release api.Function
	// buf and bufCap are the input buffer the module last returned from
	// alloc: it is reused, without calling alloc, while inputs fit.
	buf, bufCap uint32
	stack       [4]uint64
}

// Call writes the function name and the input into the module's input
// buffer, runs handle, and returns a copy of the output.
func (in *Instance) Call(ctx context.Context, function string, input []byte) ([]byte, error) {
	need := uint64(len(function)) + uint64(len(input))
	if need > 1<<31 {
		return nil, errors.New("wasmhost: input too large")
	}
	if uint32(need) > in.bufCap || in.buf == 0 {
		in.stack[0] = max(need, 1)
		if err := in.alloc.CallWithStack(ctx, in.stack[:]); err != nil {
			in.buf, in.bufCap = 0, 0
			return nil, err
		}
		ptr := uint32(in.stack[0])
		if ptr == 0 {
			return nil, errors.New("wasmhost: the module refused an input of " + strconv.FormatUint(need, 10) + " bytes")
		}
		in.buf, in.bufCap = ptr, uint32(max(need, 1))
	}
	fnLen := uint32(len(function))
	if !in.mem.WriteString(in.buf, function) || !in.mem.Write(in.buf+fnLen, input) {
		return nil, errors.New("wasmhost: the input buffer lies outside memory")
	}
	in.stack[0] = uint64(in.buf)
	in.stack[1] = uint64(fnLen)
	in.stack[2] = uint64(in.buf + fnLen)
	in.stack[3] = uint64(len(input))
	if err := in.handle.CallWithStack(ctx, in.stack[:]); err != nil {
		return nil, err
	}
	packed := in.stack[0]
	out, ok := in.mem.Read(uint32(packed>>32), uint32(packed))
	if !ok {
		return nil, errors.New("wasmhost: the output lies outside memory")
	}
	return append([]byte(nil), out...), nil
}

// Release asks the module to drop its input buffer and last output.
func (in *Instance) Release(ctx context.Context) error {
	in.buf, in.bufCap = 0, 0
	return in.release.CallWithStack(ctx, in.stack[:])
}

// MemorySize is the size of the instance's linear memory in bytes.
func (in *Instance) MemorySize() uint32 { return in.mem.Size() }

// Close closes the instance.
func (in *Instance) Close(ctx context.Context) error { return in.mod.Close(ctx) }
