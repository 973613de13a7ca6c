//go:build wasip1

// Command wasip1 is the WASI reactor adapter (build with
// -buildmode=c-shared): a host calls _initialize once, then uses the
// exports of package abi (alloc, handle, release). It holds no logic.
package main

import _ "github.com/amplifybackend-wasm/amplifybackend-wasm/wasm/abi" // the exports

func main() {}
