//go:build js && wasm

// Command js is the GOOS=js adapter. Its exports (alloc, handle, release,
// from package wasm/abi) are what the JS glue calls, after go.run(instance);
// main only keeps the Go runtime alive for them. It holds no logic; see
// internal/dispatch.
//
// (A syscall/js callback would be the other way to expose the dispatcher:
// it cost 60-90 µs per call in Node against well under 1 µs for an export,
// so it is not offered.)
package main

import _ "github.com/amplifybackend-wasm/amplifybackend-wasm/wasm/abi" // the exports

func main() { select {} }
