//go:build wasm

package cli

// httpCalls: the WebAssembly build does not send requests. Its hosts (the
// dispatcher, the Node CLI) give no HTTP client, and the Go client with its
// 31 typed operations would double the size of the module.
const httpCalls = false

func (r *runner) call(endpointFlags, []string) int { return ExitUsage } // not reached
