// Command wasmsize tells where the bytes of a Go WebAssembly module go: the
// size of every section, and the code size per Go package and per function,
// read from the module's "name" section (build without -s -w to keep it).
//
//	GOOS=js GOARCH=wasm go build -trimpath -o /tmp/m.wasm ./wasm/js
//	go run ./internal/tools/wasmsize -top 40 /tmp/m.wasm
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	top := flag.Int("top", 30, "how many packages and functions to list")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-top N] MODULE.wasm")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err == nil {
		err = report(data, *top)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

type reader struct {
	b   []byte
	pos int
}

func (r *reader) uleb() (uint64, error) {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if r.pos >= len(r.b) || shift > 63 {
			return 0, errors.New("truncated LEB128")
		}
		c := r.b[r.pos]
		r.pos++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
	}
}

func (r *reader) bytes(n uint64) ([]byte, error) {
	if uint64(len(r.b)-r.pos) < n {
		return nil, errors.New("truncated section")
	}
	out := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return out, nil
}

var sectionNames = map[byte]string{0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}

func report(data []byte, top int) error {
	if len(data) < 8 || string(data[:4]) != "\x00asm" {
		return errors.New("not a WebAssembly module")
	}
	r := &reader{b: data, pos: 8}
	var bodies []int
	imported := 0
	names := map[int]string{}
	fmt.Printf("%-24s %10s\n", "section", "bytes")
	for r.pos < len(data) {
		id := data[r.pos]
		r.pos++
		size, err := r.uleb()
		if err != nil {
			return err
		}
		body, err := r.bytes(size)
		if err != nil {
			return err
		}
		name := sectionNames[id]
		sr := &reader{b: body}
		switch id {
		case 0:
			n, _ := sr.uleb()
			nb, _ := sr.bytes(n)
			name = "custom " + string(nb)
			if string(nb) == "name" {
				parseNames(sr, names)
			}
		case 2:
			n, _ := sr.uleb()
			for i := uint64(0); i < n; i++ {
				for j := 0; j < 2; j++ {
					l, _ := sr.uleb()
					sr.bytes(l)
				}
				kind := sr.b[sr.pos]
				sr.pos++
				if kind == 0 {
					imported++
				}
				sr.uleb() // type index (functions); approximations are fine for the others
			}
		case 10:
			n, _ := sr.uleb()
			for i := uint64(0); i < n; i++ {
				l, err := sr.uleb()
				if err != nil {
					return err
				}
				bodies = append(bodies, int(l))
				if _, err := sr.bytes(l); err != nil {
					return err
				}
			}
		}
		fmt.Printf("%-24s %10d\n", name, size)
	}
	fmt.Printf("%-24s %10d\n\n", "total", len(data))
	if len(names) == 0 {
		fmt.Println("no name section: build without -ldflags=-s -w to see packages and functions")
		return nil
	}
	pkgs := map[string]int{}
	type fn struct {
		name string
		size int
	}
	var fns []fn
	for i, size := range bodies {
		n := names[imported+i]
		fns = append(fns, fn{n, size})
		pkgs[pkgOf(n)] += size
	}
	type kv struct {
		k string
		v int
	}
	var ps []kv
	for k, v := range pkgs {
		ps = append(ps, kv{k, v})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].v > ps[j].v })
	fmt.Printf("code by package (%d functions)\n", len(bodies))
	for i, p := range ps {
		if i == top {
			break
		}
		fmt.Printf("%10d  %s\n", p.v, p.k)
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].size > fns[j].size })
	fmt.Println("\nlargest functions")
	for i, f := range fns {
		if i == top {
			break
		}
		fmt.Printf("%10d  %s\n", f.size, f.name)
	}
	return nil
}

func parseNames(r *reader, names map[int]string) {
	for r.pos < len(r.b) {
		sub := r.b[r.pos]
		r.pos++
		size, err := r.uleb()
		if err != nil {
			return
		}
		body, err := r.bytes(size)
		if err != nil || sub != 1 {
			continue
		}
		br := &reader{b: body}
		n, _ := br.uleb()
		for i := uint64(0); i < n; i++ {
			idx, _ := br.uleb()
			l, _ := br.uleb()
			nb, err := br.bytes(l)
			if err != nil {
				return
			}
			names[int(idx)] = string(nb)
		}
	}
}

// pkgOf extracts the package path of a Go symbol name.
func pkgOf(sym string) string {
	slash := strings.LastIndexByte(sym, '/')
	dot := strings.IndexByte(sym[slash+1:], '.')
	if dot < 0 {
		return sym
	}
	return sym[:slash+1+dot]
}
