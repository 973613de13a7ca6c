package dispatchtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadCaseExactBytes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		f := filepath.Join(dir, name+".json")
		if err := os.WriteFile(f, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, tc := range []struct {
		name, inputText string
		want            string // the input bytes, or "" when the file is refused
	}{
		{"plain", `"{\"a\":1}"`, `{"a":1}`},
		{"escaped-lone-surrogate", `"{\"a\":\"\\ud800\"}"`, `{"a":"\ud800"}`},
		{"pair", `"\ud83d\ude00"`, "\U0001F600"},
		{"raw-utf8", `"é😀"`, "é😀"},
		{"lone-surrogate", `"{\"a\":\"\ud800\"}"`, ""},
		{"lone-low-surrogate", `"\udc00x"`, ""},
		{"invalid-utf8", "\"\xff\"", ""},
	} {
		f := write(tc.name, `{"name":"`+tc.name+`","function":"validate","inputText":`+tc.inputText+`}`)
		c, err := ReadCase(f)
		if tc.want == "" {
			if err == nil {
				t.Errorf("%s: accepted, input %q", tc.name, c.Input)
			}
			continue
		}
		if err != nil || string(c.Input) != tc.want {
			t.Errorf("%s: input %q, %v; want %q", tc.name, c.Input, err, tc.want)
		}
	}
	for name, content := range map[string]string{
		"no-input": `{"name":"no-input","function":"validate"}`,
		"old-form": `{"name":"old-form","function":"validate","input":{}}`,
		"misnamed": `{"name":"other","function":"validate","inputText":"{}"}`,
		"no-func":  `{"name":"no-func","inputText":"{}"}`,
	} {
		if _, err := ReadCase(write(name, content)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestLoadEmptyDirFails(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no case files") {
		t.Fatalf("Load of an empty folder: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("Load of a missing folder succeeded")
	}
}
