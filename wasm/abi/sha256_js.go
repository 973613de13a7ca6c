//go:build js && wasm && !nosign

package abi

import (
	"runtime"
	"unsafe"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
)

// The JS glue provides a SHA-256 of linear memory (import module
// "amplifybackend", function "sha256"): in Node it is node:crypto's
// (OpenSSL), many times faster than crypto/sha256 compiled to
// WebAssembly (Go's generic block function: about 17 µs for a 2 KB body
// against 2 µs). It returns 1 after writing the 64 lower-case hexadecimal
// digits of the hash of [ptr, ptr+n) at out, or 0 when the host has no
// synchronous native hash (browsers): the dispatcher then hashes in Go, as
// it does for a host without the import's answer. The result is the same
// either way; only where the hash is computed differs (as for the lean
// signRequest envelope, whose body is hashed by the glue).
//
//go:wasmimport amplifybackend sha256
func hostSHA256(ptr unsafe.Pointer, n uint32, out unsafe.Pointer) uint32

var (
	sumBuf [64]byte
	noHash bool // the host said it has no native hash: do not ask again
)

func init() { dispatch.SetHostSHA256(sha256Hex) }

// sha256Hex returns the host's hash of s, or false.
func sha256Hex(s string) (string, bool) {
	if noHash || len(s) == 0 {
		return "", false
	}
	ok := hostSHA256(unsafe.Pointer(unsafe.StringData(s)), uint32(len(s)), unsafe.Pointer(&sumBuf)) == 1
	runtime.KeepAlive(s)
	if !ok {
		noHash = true
		return "", false
	}
	for _, c := range sumBuf {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			noHash = true // not a hash: never trust this host's answer
			return "", false
		}
	}
	return string(sumBuf[:]), true
}
