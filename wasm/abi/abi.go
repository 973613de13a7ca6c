//go:build wasm

// Package abi is the WebAssembly export surface shared by both adapters
// (GOOS=js and GOOS=wasip1): a host writes the function name and the JSON
// input into the module's input buffer and calls handle (or handleSplit,
// full modules only: dispatch.HandleSplit), once per call, with no callback
// machinery in between. It holds no logic; see internal/dispatch for the
// protocol. The GOOS=js full module also imports amplifybackend.sha256
// from the JS glue (sha256_js.go).
//
// Memory: one input buffer (grown by alloc, reused across calls) and the
// last output (kept referenced until the next handle or release, so that the
// garbage collector, which does not move objects, leaves it in place). Every
// pointer the host passes is checked against the input buffer; a range
// outside it gets an error envelope, never a read of other memory.
//
// Under GOOS=js these exports replace a syscall/js callback: a js.FuncOf
// call costs 60-90 µs of scheduler round trips per call in Node, an export
// call well under 1 µs.
package abi

import (
	"unsafe"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
)

// maxInput bounds the input buffer (64 MiB), far above any real input.
const maxInput = 64 << 20

var (
	inbuf  []byte
	output []byte
)

// alloc returns the address of the input buffer, grown to hold at least
// size bytes (0 when size is larger than 64 MiB). The address stays valid
// until the next alloc or release.
//
//go:wasmexport alloc
func alloc(size uint32) uint32 {
	if size > maxInput {
		return 0
	}
	if int(size) > cap(inbuf) {
		inbuf = make([]byte, size)
	}
	inbuf = inbuf[:cap(inbuf)]
	if len(inbuf) == 0 {
		return 0
	}
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(inbuf))))
}

// handle runs dispatch.Handle on the function name and input the host wrote
// into the input buffer and returns ptr<<32 | len of the output, which stays
// valid until the next handle or release.
//
//go:wasmexport handle
func handle(fnPtr, fnLen, inPtr, inLen uint32) (packed uint64) {
	return call(dispatch.Handle, fnPtr, fnLen, inPtr, inLen)
}

func call(h func(string, []byte) []byte, fnPtr, fnLen, inPtr, inLen uint32) (packed uint64) {
	defer func() {
		if recover() != nil {
			output = []byte(dispatch.InternalError)
			packed = pack(output)
		}
	}()
	fn, ok1 := view(fnPtr, fnLen)
	in, ok2 := view(inPtr, inLen)
	if !ok1 || !ok2 {
		output = []byte(outOfBounds)
	} else {
		output = h(functionName(fn), in)
	}
	return pack(output)
}

// signer reports whether this module has the SigV4 signer: 1 for the full
// modules, 0 for the core module (built with -tags nosign), whose
// signRequest fails with dispatch.SignerMissing. The JS glue asks once, so
// that its signing functions can say which module to load before anything
// crosses.
//
// In the full modules, being that first call, it also grows the stack every
// export runs on (see growStack).
//
//go:wasmexport signer
func signer() uint32 {
	if dispatch.HasSigner {
		growStack()
		return 1
	}
	return 0
}

// release drops the output and the input buffer.
//
//go:wasmexport release
func release() {
	output = nil
	inbuf = nil
}

const outOfBounds = `{"error":{"message":"The function name and the input must lie inside the buffer returned by alloc.","errors":[{"path":"","code":"invalid","message":"The function name and the input must lie inside the buffer returned by alloc."}]}}`

// view returns the bytes [ptr, ptr+n) when they lie inside the input
// buffer.
func view(ptr, n uint32) ([]byte, bool) {
	if n == 0 {
		return nil, true
	}
	if len(inbuf) == 0 {
		return nil, false
	}
	base := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(inbuf))))
	p, end := uint64(ptr), uint64(ptr)+uint64(n)
	if p < base || end > base+uint64(len(inbuf)) {
		return nil, false
	}
	off := p - base
	return inbuf[off : off+uint64(n) : off+uint64(n)], true
}

// functionNames are the dispatcher's function names, so that a call's name
// is matched in place instead of copied into a string on every call.
var functionNames = dispatch.Functions()

func functionName(b []byte) string {
	for _, n := range functionNames {
		if string(b) == n {
			return n
		}
	}
	return string(b)
}

func pack(b []byte) uint64 {
	if len(b) == 0 {
		return 0
	}
	return uint64(uintptr(unsafe.Pointer(unsafe.SliceData(b))))<<32 | uint64(len(b))
}

// growStack grows the calling goroutine's stack once, to 128 KiB.
//
// Exports run on the goroutine the Go runtime parks in pause when it goes
// idle, which starts with the minimum stack (2 KiB). A cold start's first
// buildAndSignRequest grew it five or six times, each time copying a deeper
// stack (runtime.copystack walks every frame's pointer maps, code V8
// compiles on first use and then tiers up): 4.5 ms of that first call in
// Node (median of 6 CPU profiles). This 64 KiB frame, entered from a shallow
// stack, makes the runtime grow it once, enough for that call (a deeper call
// still grows it as usual). Measured on a Node cold start (process start to
// the first signed request): no runtime.morestack left in the first call,
// whose main-thread CPU time went from 19.0 to 15.9 ms (medians of 16
// interleaved processes; 0.94x pairwise), and 5-9% fewer instructions on
// V8's background threads (callgrind: 850M -> 778-810M, the tier-ups of the
// stack-copying code; main thread unchanged). Not in the core module: its first validation grows
// the stack less, and the frame's zeroing cost it more (callgrind, main
// thread: 712M -> 717M). (At the end of the file so that the core module's
// line tables, and its brotli size, stay as they were.)
//
//go:noinline
func growStack() {
	var frame [64 << 10]byte
	frame[len(frame)-1] = 1
	stackSink = frame[int(stackSink)&(len(frame)-1)]
}

// stackSink keeps growStack's frame from being optimized away.
var stackSink byte
