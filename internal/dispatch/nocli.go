//go:build nocli || nosign

package dispatch

// cliFunction is nil in builds tagged nocli: "cli" is then an unknown
// function. See cli.go.
var cliFunction func(dst, input []byte) ([]byte, *failure)
