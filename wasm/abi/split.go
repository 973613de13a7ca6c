//go:build wasm && !nosign

package abi

import "github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"

// handleSplit is handle with dispatch.HandleSplit: the body of a built
// request follows the JSON envelope after a line feed, as its bytes. The
// full modules export it; the core module, kept small, does not (the JS
// glue then calls handle).
//
//go:wasmexport handleSplit
func handleSplit(fnPtr, fnLen, inPtr, inLen uint32) (packed uint64) {
	return call(dispatch.HandleSplit, fnPtr, fnLen, inPtr, inLen)
}
