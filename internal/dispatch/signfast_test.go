//go:build !nosign

package dispatch

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// TestGlueSignArgs: glueSignArgs reads the envelopes the JS glue writes,
// and whatever it reads, readSignArgs reads without a problem and to the
// same values; on mutated envelopes it either agrees or declines.
func TestGlueSignArgs(t *testing.T) {
	req := `{"method":"POST","url":"https://amplifybackend.us-east-1.amazonaws.com/backend/a/auth","headers":{"Content-Type":"application/json","Host":"amplifybackend.us-east-1.amazonaws.com"}}`
	creds := `"credentials":{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}`
	var glue []string
	for _, date := range []string{"2026-12-02T02:52:35.123Z", "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2015-08-30T12:36:00Z", "2015-08-30T12:36:00+02:00", "2026-01-31T00:00:00.000Z"} {
		for _, lean := range []string{"", `,"bodyLength":2061,"bodySha256":"4d0f9ba4f2cd0c5c2e3b1a3ac6b1b2aa2b6a9e4f8c16e51b9f27c7bd7d7c9b0e"`, `,"bodyLength":0,"bodySha256":"x"`, `,"omitBody":true`, `,"bodyLength":9007199254740991,"bodySha256":""`} {
			for _, extra := range []string{"", `,"service":"s3"`} {
				glue = append(glue, `{"request":`+req+`,"options":{`+creds+`,"region":"us-east-1"`+extra+`,"signingDate":"`+date+`"}`+lean+`}`)
			}
		}
	}
	glue = append(glue, `{"request":{},"options":{"credentials":{"accessKeyId":"A\u0041","secretAccessKey":"S\"","sessionToken":"T"},"region":"x","signingDate":"2026-12-02T02:52:35.123Z"}}`)
	for _, in := range glue {
		if _, ok := glueSignArgs([]byte(in)); !ok {
			t.Errorf("glueSignArgs declines %s", in)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"", " ", "null", "0", "1", "-1", "1.0", "1e3", "01", "9007199254740992", `"`, `\ud800`, `\u0041`, "}", "{", ",", ":", `"x"`, "true", "false", `,"presign":true`, `,"x":1`, "29", "30", "31", "60", "24", "13", "00"}
	n, agree := 0, 0
	for _, base := range glue {
		for k := 0; k < 3000; k++ {
			in := mutate(r, base, pieces)
			n++
			fast, ok := glueSignArgs([]byte(in))
			if !ok {
				continue
			}
			agree++
			var slow signArgs
			if f := readSignArgs([]byte(in), &slow); f != nil {
				t.Fatalf("glueSignArgs accepts what readSignArgs refuses: %s\n%v", in, f.probs)
			}
			fz, fo := fast.opts.Time.Zone()
			sz, so := slow.opts.Time.Zone()
			if !fast.opts.Time.Equal(slow.opts.Time) || fz != sz || fo != so || fast.opts.Time.String() != slow.opts.Time.String() {
				t.Fatalf("%s: time %v, want %v", in, fast.opts.Time, slow.opts.Time)
			}
			fast.opts.Time, slow.opts.Time = time.Time{}, time.Time{}
			if !reflect.DeepEqual(fast, slow) {
				t.Fatalf("%s:\n got %+v\nwant %+v", in, fast, slow)
			}
		}
	}
	if agree < n/20 {
		t.Fatalf("only %d of %d mutated envelopes read by glueSignArgs", agree, n)
	}
	t.Logf("%d of %d mutated envelopes read by both", agree, n)
}

// TestGlueBuildSignArgs is TestGlueSignArgs for buildAndSignRequest.
func TestGlueBuildSignArgs(t *testing.T) {
	sign := `{"credentials":{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},"region":"us-east-1","signingDate":"2026-12-02T02:52:35.123Z"}`
	var glue []string
	for _, build := range []string{`{}`, `{"region":"us-east-1"}`, `{"region":"eu-west-1","endpoint":"http://localhost:8080","validate":false,"useFipsEndpoint":true,"useDualstackEndpoint":false}`, `{"validate":true}`, `{"useDualstackEndpoint":true}`} {
		for _, in := range []string{`{"AppId":"a","BackendEnvironmentName":"b"}`, `{}`, `[1,{"a":"\u00e9"}]`} {
			glue = append(glue, `{"operation":"GetBackend","input":`+in+`,"buildOptions":`+build+`,"signOptions":`+sign+`}`)
		}
	}
	for _, in := range glue {
		var b buildArgs
		b.init("buildAndSignRequest")
		var o client.SignOptions
		if !glueBuildSignArgs([]byte(in), &b, &o) {
			t.Errorf("glueBuildSignArgs declines %s", in)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"", " ", "null", "0", "1", `"`, `\ud800`, `\u0041`, "}", "{", ",", ":", `"x"`, "true", "false", `,"x":1`, `"inputText":"{}",`, `,"region":"r"`, "tru", "31"}
	n, agree := 0, 0
	for _, base := range glue {
		for k := 0; k < 3000; k++ {
			in := mutate(r, base, pieces)
			n++
			var fb, sb buildArgs
			var fo, so client.SignOptions
			fb.init("buildAndSignRequest")
			if !glueBuildSignArgs([]byte(in), &fb, &fo) {
				continue
			}
			agree++
			if f := readBuildSignArgs([]byte(in), &sb, &so); f != nil {
				t.Fatalf("glueBuildSignArgs accepts what readBuildSignArgs refuses: %s\n%v", in, f.probs)
			}
			if !fo.Time.Equal(so.Time) || fo.Time.String() != so.Time.String() {
				t.Fatalf("%s: time %v, want %v", in, fo.Time, so.Time)
			}
			fo.Time, so.Time = time.Time{}, time.Time{}
			if !reflect.DeepEqual(fb, sb) || !reflect.DeepEqual(fo, so) {
				t.Fatalf("%s:\n got %+v %+v\nwant %+v %+v", in, fb, fo, sb, so)
			}
		}
	}
	if agree < n/20 {
		t.Fatalf("only %d of %d mutated envelopes read by glueBuildSignArgs", agree, n)
	}
	t.Logf("%d of %d mutated envelopes read by both", agree, n)
}

// mutate replaces one to three runs of up to three bytes of base with
// pieces, at random places.
func mutate(r *rand.Rand, base string, pieces []string) string {
	in := base
	for m := r.IntN(3) + 1; m > 0; m-- {
		i := r.IntN(len(in) + 1)
		j := min(len(in), i+r.IntN(4))
		in = in[:i] + pieces[r.IntN(len(pieces))] + in[j:]
	}
	return in
}
