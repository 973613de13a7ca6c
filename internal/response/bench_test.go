package response

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// BenchmarkAppendOutput reads the full GetBackendAPI body of the vectors
// (every member, nested four levels).
func BenchmarkAppendOutput(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/vectors/response-GetBackendAPI-full.json")
	if err != nil {
		b.Fatal(err)
	}
	var c struct {
		InputText string `json:"inputText"`
	}
	var args struct {
		Response struct {
			Body string `json:"body"`
		} `json:"response"`
	}
	if json.Unmarshal(raw, &c) != nil || json.Unmarshal([]byte(c.InputText), &args) != nil {
		b.Fatal("bad vector")
	}
	body := []byte(args.Response.Body)
	o, _ := schema.LookupOperation("GetBackendAPI")
	md := NewMetadata(200, http.Header{"X-Amzn-Requestid": {"r"}}, 0)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var dst []byte
	for b.Loop() {
		var p *validate.Problem
		dst, p = AppendOutput(dst[:0], o, body, &md)
		if p != nil {
			b.Fatal(p.Message)
		}
	}
}

// BenchmarkParseError reads a modeled error response.
func BenchmarkParseError(b *testing.B) {
	h := http.Header{"X-Amzn-Errortype": {"NotFoundException"}, "X-Amzn-Requestid": {"r"}}
	body := []byte(`{"message":"App d1 not found","resourceType":"App"}`)
	b.ReportAllocs()
	var dst []byte
	for b.Loop() {
		e := ParseError(404, h, body, 0)
		dst = e.AppendResponse(dst[:0])
		_ = e.Text()
	}
}
