// Package dispatchtest reads the shared vector suite of the dispatcher,
// testdata/vectors, for the Go tests that run it natively and through
// WebAssembly. It is test support: nothing a host ships imports it.
//
// A case is a file <name>.json holding {"name", "function", "inputText"};
// its golden output is <name>.out.json, exactly the bytes the dispatcher
// returns (no trailing newline). inputText is the exact dispatcher input:
// every host passes the UTF-8 bytes of that string as they are, so native,
// wazero and Node runs pass identical bytes without any host re-encoding a
// JSON value.
package dispatchtest

import (
	"bytes"
	"encoding/json"
	"errors"
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
	Name      string  `json:"name"`
	Function  string  `json:"function"`
	InputText *string `json:"inputText"`
}

// Load reads every case of dir, sorted by name. A directory without cases
// is an error, so that a moved suite cannot pass by running nothing.
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
	if len(cases) == 0 {
		return nil, errors.New(dir + ": no case files (*.json)")
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
	if cf.InputText == nil {
		return Case{}, errors.New(file + ": no inputText (the exact dispatcher input, as a JSON string)")
	}
	if err := checkExact(data); err != nil {
		return Case{}, errors.New(file + ": " + err.Error())
	}
	c := Case{Name: cf.Name, Function: cf.Function, File: file, Input: []byte(*cf.InputText)}
	if c.Want, err = os.ReadFile(OutFile(file)); err != nil && !os.IsNotExist(err) {
		return Case{}, err
	}
	return c, nil
}

// checkExact refuses a case file whose inputText would not be the same
// bytes on every host: a file that is not UTF-8, or one holding a lone
// UTF-16 surrogate escape. encoding/json turns both into U+FFFD, and so does
// Node (reading the file as UTF-8, then encoding the string for the module),
// but only because two rules happen to agree; a vector states its bytes
// plainly instead. A lone surrogate meant for the dispatcher is written as
// the six characters \ud800 of the inner JSON text ("\\ud800" in the file).
func checkExact(file []byte) error {
	if !utf8.Valid(file) {
		return errors.New("the file is not UTF-8")
	}
	for i := 0; i+6 <= len(file); i++ {
		if file[i] != '\\' {
			continue
		}
		if file[i+1] != 'u' {
			i++ // an escape of one character, maybe a backslash
			continue
		}
		r, err := strconv.ParseUint(string(file[i+2:i+6]), 16, 32)
		if err == nil && r >= 0xD800 && r < 0xDC00 && i+12 <= len(file) && file[i+6] == '\\' && file[i+7] == 'u' {
			if r2, err := strconv.ParseUint(string(file[i+8:i+12]), 16, 32); err == nil && r2 >= 0xDC00 && r2 < 0xE000 {
				i += 11
				continue
			}
		}
		if err == nil && r >= 0xD800 && r < 0xE000 {
			return errors.New("a lone surrogate escape at byte " + strconv.Itoa(i) + " would reach the dispatcher as U+FFFD; write the inner JSON escape (\\\\ud800)")
		}
		i += 5
	}
	return nil
}
