// Package dispatchtest reads the shared vector suite of the dispatcher,
// testdata/vectors, for the Go tests that run it natively and through
// WebAssembly. It is test support: nothing a host ships imports it.
//
// A case is a file <name>.json holding {"name", "function", "input"} or
// {"name", "function", "inputText"}; its golden output is <name>.out.json,
// exactly the bytes the dispatcher returns (no trailing newline). The bytes
// every host passes to the dispatcher are JSON.stringify(case.input), or
// case.inputText as it is (for envelopes that are not valid JSON or repeat a
// member); Canonical computes JSON.stringify(JSON.parse(x)) in Go, so that
// native, wazero and Node runs pass identical bytes.
package dispatchtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Case is one vector.
type Case struct {
	Name     string
	Function string
	// Input is exactly what is passed to the dispatcher.
	Input []byte
	// Want is the golden output, nil when the .out.json file is missing.
	Want []byte
	// File is the path of the case file.
	File string
}

// OutFile is the golden file of a case file.
func OutFile(caseFile string) string {
	return strings.TrimSuffix(caseFile, ".json") + ".out.json"
}

// caseFile is the JSON form of a case file.
type caseFile struct {
	Name      string          `json:"name"`
	Function  string          `json:"function"`
	Input     json.RawMessage `json:"input"`
	InputText *string         `json:"inputText"`
}

// Load reads every case of dir, sorted by name.
func Load(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var cases []Case
	for _, f := range files {
		if strings.HasSuffix(f, ".out.json") {
			continue
		}
		c, err := ReadCase(f)
		if err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	slices.SortFunc(cases, func(a, b Case) int { return strings.Compare(a.Name, b.Name) })
	return cases, nil
}

// ReadCase reads one case file and its golden output, if any.
func ReadCase(file string) (Case, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Case{}, err
	}
	var cf caseFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		return Case{}, errors.New(file + ": " + err.Error())
	}
	if want := strings.TrimSuffix(filepath.Base(file), ".json"); cf.Name != want {
		return Case{}, errors.New(file + ": name " + strconv.Quote(cf.Name) + " is not the file name " + strconv.Quote(want))
	}
	if cf.Function == "" {
		return Case{}, errors.New(file + ": no function")
	}
	c := Case{Name: cf.Name, Function: cf.Function, File: file}
	switch {
	case cf.Input != nil && cf.InputText != nil:
		return Case{}, errors.New(file + ": both input and inputText")
	case cf.InputText != nil:
		c.Input = []byte(*cf.InputText)
	case cf.Input != nil:
		if c.Input, err = Canonical(cf.Input); err != nil {
			return Case{}, errors.New(file + ": " + err.Error())
		}
	default:
		return Case{}, errors.New(file + ": no input or inputText")
	}
	if c.Want, err = os.ReadFile(OutFile(file)); err != nil && !os.IsNotExist(err) {
		return Case{}, err
	}
	return c, nil
}

// Canonical returns JSON.stringify(JSON.parse(raw)) for a JSON text raw:
// no white space, strings escaped as JavaScript escapes them, numbers in
// JavaScript's shortest form, object members in JavaScript's property order
// (array-index keys first, ascending). A member repeated in one object is an
// error, since JSON.parse would silently keep only the last value.
func Canonical(raw []byte) ([]byte, error) {
	p := canon{data: raw}
	p.ws()
	if err := p.value(); err != nil {
		return nil, err
	}
	p.ws()
	if p.pos != len(raw) {
		return nil, errors.New("canonical: trailing data")
	}
	return p.out, nil
}

type canon struct {
	data []byte
	pos  int
	out  []byte
}

func (p *canon) ws() {
	for p.pos < len(p.data) && strings.IndexByte(" \t\r\n", p.data[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *canon) value() error {
	if p.pos >= len(p.data) {
		return errors.New("canonical: unexpected end")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		p.pos++
		p.out = append(p.out, '[')
		p.ws()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			p.out = append(p.out, ']')
			return nil
		}
		for {
			p.ws()
			if err := p.value(); err != nil {
				return err
			}
			p.ws()
			if p.pos >= len(p.data) {
				return errors.New("canonical: unexpected end")
			}
			if p.data[p.pos] == ',' {
				p.pos++
				p.out = append(p.out, ',')
				continue
			}
			p.pos++ // ']'
			p.out = append(p.out, ']')
			return nil
		}
	case c == '"':
		s, err := p.str()
		if err != nil {
			return err
		}
		p.out = append(p.out, s...)
		return nil
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if bytes.HasPrefix(p.data[p.pos:], []byte(lit)) {
				p.pos += len(lit)
				p.out = append(p.out, lit...)
				return nil
			}
		}
		return errors.New("canonical: bad literal")
	default:
		start := p.pos
		for p.pos < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.pos]) >= 0 {
			p.pos++
		}
		f, err := strconv.ParseFloat(string(p.data[start:p.pos]), 64)
		if err != nil || math.IsInf(f, 0) {
			return errors.New("canonical: bad number " + string(p.data[start:p.pos]))
		}
		p.out = append(p.out, JSNumber(f)...)
		return nil
	}
}

type member struct {
	key   string // canonical JSON string of the key
	index int64  // array-index value, or -1
	value []byte
}

func (p *canon) object() error {
	p.pos++ // '{'
	var ms []member
	seen := map[string]bool{}
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.out = append(p.out, "{}"...)
		return nil
	}
	for {
		p.ws()
		kstart := p.pos
		kb, err := p.str()
		if err != nil {
			return err
		}
		k := string(kb)
		var name string
		if err := json.Unmarshal(p.data[kstart:p.pos], &name); err != nil {
			return err
		}
		if seen[k] {
			return errors.New("canonical: member " + k + " appears twice; JSON.parse keeps only the last (use inputText)")
		}
		seen[k] = true
		p.ws()
		p.pos++ // ':'
		p.ws()
		saved := p.out
		p.out = nil
		if err := p.value(); err != nil {
			return err
		}
		ms = append(ms, member{key: k, index: arrayIndex(name), value: p.out})
		p.out = saved
		p.ws()
		if p.pos >= len(p.data) {
			return errors.New("canonical: unexpected end")
		}
		if p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		p.pos++ // '}'
		break
	}
	// JavaScript orders array-index keys first, ascending, then the others
	// in insertion order.
	slices.SortStableFunc(ms, func(a, b member) int {
		switch {
		case a.index >= 0 && b.index >= 0:
			return int(a.index - b.index)
		case a.index >= 0:
			return -1
		case b.index >= 0:
			return 1
		}
		return 0
	})
	p.out = append(p.out, '{')
	for i, m := range ms {
		if i > 0 {
			p.out = append(p.out, ',')
		}
		p.out = append(p.out, m.key...)
		p.out = append(p.out, ':')
		p.out = append(p.out, m.value...)
	}
	p.out = append(p.out, '}')
	return nil
}

// arrayIndex is the value of a canonical array index ("0", "17"; below
// 2^32-1), or -1.
func arrayIndex(s string) int64 {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return -1
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n >= 1<<32-1 {
		return -1
	}
	return int64(n)
}

// str reads a string token and returns it as JSON.stringify writes it.
func (p *canon) str() ([]byte, error) {
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return nil, errors.New("canonical: expected a string")
	}
	p.pos++
	out := []byte{'"'}
	for {
		if p.pos >= len(p.data) {
			return nil, errors.New("canonical: unterminated string")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return append(out, '"'), nil
		case c == '\\':
			e := p.data[p.pos+1]
			p.pos += 2
			switch e {
			case 'u':
				r := hex4(p.data[p.pos:])
				p.pos += 4
				if r >= 0xD800 && r < 0xDC00 && p.pos+6 <= len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
					if r2 := hex4(p.data[p.pos+2:]); r2 >= 0xDC00 && r2 < 0xE000 {
						p.pos += 6
						out = utf8.AppendRune(out, (r-0xD800)<<10|(r2-0xDC00)+0x10000)
						continue
					}
				}
				out = appendJSRune(out, r)
			case 'b':
				out = append(out, `\b`...)
			case 'f':
				out = append(out, `\f`...)
			case 'n':
				out = append(out, `\n`...)
			case 'r':
				out = append(out, `\r`...)
			case 't':
				out = append(out, `\t`...)
			case '/':
				out = append(out, '/')
			default: // '"', '\\'
				out = append(out, '\\', e)
			}
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				return nil, errors.New("canonical: invalid UTF-8")
			}
			p.pos += size
			out = appendJSRune(out, r)
		}
	}
}

// appendJSRune appends one code point as JSON.stringify writes it; a lone
// surrogate is kept as an escape, as well-formed JSON.stringify does.
func appendJSRune(out []byte, r rune) []byte {
	const hexDigits = "0123456789abcdef"
	switch {
	case r == '"' || r == '\\':
		return append(out, '\\', byte(r))
	case r == '\b':
		return append(out, `\b`...)
	case r == '\f':
		return append(out, `\f`...)
	case r == '\n':
		return append(out, `\n`...)
	case r == '\r':
		return append(out, `\r`...)
	case r == '\t':
		return append(out, `\t`...)
	case r < 0x20 || r >= 0xD800 && r < 0xE000:
		return append(out, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
	}
	return utf8.AppendRune(out, r)
}

func hex4(b []byte) rune {
	n, _ := strconv.ParseUint(string(b[:4]), 16, 32)
	return rune(n)
}

// JSNumber formats f as JavaScript's Number.prototype.toString does.
func JSNumber(f float64) string {
	if f == 0 {
		return "0"
	}
	if a := math.Abs(f); a >= 1e-7 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // 1e+21, 1.5e-07
	mant, exp, _ := strings.Cut(s, "e")
	sign := exp[0]
	exp = strings.TrimLeft(exp[1:], "0")
	return mant + "e" + string(sign) + exp
}
