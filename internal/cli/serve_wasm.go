//go:build wasm

package cli

// runServe: the WebAssembly build cannot listen, and does not link the
// local service.
func runServe(r *runner, args []string) int {
	r.errorf("not available in this host (it cannot listen); run the native binary (go install ./cmd/amplifybackend)")
	return ExitUsage
}
