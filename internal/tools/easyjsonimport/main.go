// Command easyjsonimport rewrites the import of easyjson's root package in a
// file easyjson generated to internal/easyjsonapi, which declares the same
// two interfaces without importing net/http (see that package). It fails
// unless the import line is there exactly once, so that a change in
// easyjson's output is noticed.
//
//	go run ../../internal/tools/easyjsonimport types_easyjson.go
package main

import (
	"bytes"
	"fmt"
	"os"
)

const (
	from = "\teasyjson \"github.com/mailru/easyjson\"\n"
	to   = "\teasyjson \"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/easyjsonapi\"\n"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: easyjsonimport FILE.go")
		os.Exit(2)
	}
	if err := rewrite(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "easyjsonimport:", err)
		os.Exit(1)
	}
}

func rewrite(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if n := bytes.Count(data, []byte(from)); n != 1 {
		if bytes.Count(data, []byte(to)) == 1 {
			return nil // already rewritten
		}
		return fmt.Errorf("%s: expected the import line %q once, found it %d times", name, from[1:len(from)-1], n)
	}
	return os.WriteFile(name, bytes.Replace(data, []byte(from), []byte(to), 1), 0o644)
}
