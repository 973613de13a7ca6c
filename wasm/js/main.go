//go:build js && wasm

// Command js is the GOOS=js adapter. Its exports (alloc, handle, release,
// from package abi) are what the JS glue calls; main only keeps the Go
// runtime alive for them. It also exposes the same dispatcher as
// globalThis.__amplifybackend = {call(fn, input) -> output} for hosts that
// cannot reach the instance's exports; that path is slower (a syscall/js
// callback per call). It holds no logic; see internal/dispatch.
package main

import (
	"syscall/js"
	"unsafe"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	_ "github.com/amplifybackend-wasm/amplifybackend-wasm/wasm/abi" // the exports
)

func main() {
	call := js.FuncOf(func(_ js.Value, args []js.Value) (ret any) {
		defer func() {
			if recover() != nil {
				ret = dispatch.InternalError
			}
		}()
		var fn, input string
		if len(args) > 0 {
			fn = args[0].String()
		}
		if len(args) > 1 {
			input = args[1].String()
		}
		// The input string is fresh from JavaScript and Handle only reads
		// it, so its bytes are passed without a copy; the output is copied
		// once, into a JavaScript string.
		out := dispatch.Handle(fn, unsafe.Slice(unsafe.StringData(input), len(input)))
		return unsafe.String(unsafe.SliceData(out), len(out))
	})
	api := js.Global().Get("Object").New()
	api.Set("call", call)
	js.Global().Set("__amplifybackend", api)
	select {}
}
