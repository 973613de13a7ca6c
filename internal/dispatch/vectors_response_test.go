package dispatch_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
)

// responseCases are the parseResponse and retry cases of the suite: for
// every operation a full, a sparse, an empty, a null-member and an
// unknown-member body; every modeled error in the header form and the
// __type form; an unmodeled error, a non-JSON 5xx, and bodies that cannot
// be read.
func responseCases(t *testing.T) []genCase {
	t.Helper()
	var cs []genCase
	add := func(name, function, text string) {
		cs = append(cs, genCase{name: name, function: function, text: str(text)})
	}
	headers := `{"x-amzn-RequestId":"c0ffee00-0000-4000-8000-000000000001","Content-Type":"application/json","Date":"Tue, 01 Dec 2026 12:00:00 GMT","X-Amz-Apigw-Id":"Ab1=","x-amzn-trace-id":"Root=1-abc"}`
	parse := func(name, op string, status int, hdrs, body string) {
		add("response-"+name, "parseResponse", `{"operation":`+jsString(op)+`,"response":{"status":`+strconv.Itoa(status)+`,"headers":`+hdrs+`,"body":`+jsString(body)+`}}`)
	}
	if len(schema.Operations) != 31 {
		t.Fatalf("%d operations, want 31", len(schema.Operations))
	}
	for i := range schema.Operations {
		o := &schema.Operations[i]
		out := schema.Get(o.Output)
		parse(o.Name+"-full", o.Name, 200, headers, sample(out, 0, ""))
		parse(o.Name+"-sparse", o.Name, 200, headers, sparse(out))
		parse(o.Name+"-empty", o.Name, 200, headers, "{}")
		parse(o.Name+"-null-members", o.Name, 200, headers, nulls(out))
		parse(o.Name+"-unknown-members", o.Name, 200, headers, sample(out, 0, `"unknownMember":{"deep":[1,{"x":null}],"s":"\u00e9"},`))
	}
	parse("GetBackend-no-body", "GetBackend", 202, `{"X-Amz-Request-Id":"r-2","x-amz-id-2":"host/2"}`, "")
	parse("GetBackend-whitespace-and-escapes", "GetBackend", 200, `{}`, " {\n \"appId\" : \"a\\u00e9\\/\\ud83d\\ude00\\u2028\", \"appId\": \"last wins\", \"backendEnvironmentList\": [\"x\", null] }\n")
	parse("GetBackend-multi-value-header", "GetBackend", 200, `{"Set-Cookie":"a=1","set-cookie":"b=2","X-Amzn-RequestId":"r-3"}`, `{"appId":"a"}`)

	// Modeled errors, named by the header and by __type.
	errHeaders := `{"x-amzn-RequestId":"c0ffee00-0000-4000-8000-000000000002","Content-Type":"application/json"}`
	for _, id := range schema.Exceptions {
		s := schema.Get(id)
		var members []string
		for _, m := range s.Members {
			members = append(members, `"`+m.Wire+`":"`+m.Name+` of the `+s.Name+`"`)
		}
		body := "{" + strings.Join(members, ",") + "}"
		hdr := strings.TrimSuffix(errHeaders, "}") + `,"X-Amzn-ErrorType":"` + s.Name + `:http://internal.amazon.com/coral/com.amazonaws.amplifybackend/"}`
		parse("error-"+s.Name+"-header", "GetBackend", s.HTTPError, hdr, body)
		parse("error-"+s.Name+"-type", "GetBackend", s.HTTPError, errHeaders,
			`{"__type":"com.amazonaws.amplifybackend#`+s.Name+`",`+strings.TrimPrefix(body, "{"))
	}
	parse("error-TooManyRequestsException-code", "CreateBackendAuth", 429, errHeaders, `{"code":"TooManyRequestsException","Message":"Rate exceeded","limitType":"requests"}`)
	parse("error-AccessDeniedException", "GetBackend", 403,
		strings.TrimSuffix(errHeaders, "}")+`,"X-Amzn-ErrorType":"AccessDeniedException"}`,
		`{"Message":"User: arn:aws:iam::123456789012:user/x is not authorized to perform: amplifybackend:GetBackend"}`)
	parse("error-502-not-json", "GetBackend", 502, `{"Content-Type":"text/html"}`, "<html><body>Bad Gateway</body></html>")
	parse("error-404-status-only", "GetBackend", 404, `{}`, "")
	parse("error-header-wins", "GetBackend", 400, strings.TrimSuffix(errHeaders, "}")+`,"X-Amzn-ErrorType":"NotFoundException"}`, `{"__type":"BadRequestException","message":"m"}`)

	// Successful responses that cannot be read.
	parse("unreadable-not-json", "GetBackend", 200, `{}`, "<html>OK</html>")
	parse("unreadable-not-object", "GetBackend", 200, `{}`, `["appId"]`)
	parse("unreadable-member-type", "ListBackendJobs", 200, `{}`, `{"jobs":[{"appId":"a","backendEnvironmentName":"b"},{"appId":7}]}`)
	parse("unreadable-truncated", "GetBackend", 200, `{}`, `{"appId":"a"`)
	parse("unreadable-depth", "GetBackend", 200, `{}`, `{"x":`+strings.Repeat("[", 600)+strings.Repeat("]", 600)+`}`)

	// Envelope problems.
	add("response-error-envelope", "parseResponse", `{"operation":"GetBacknd","response":{"status":"200","headers":{"a":1},"extra":true}}`)
	add("response-error-missing", "parseResponse", `{}`)
	add("response-error-unknown-operation", "parseResponse", `{"operation":"GetBacknd","response":{"status":200}}`)

	// retry: the policy and the full-jitter delay.
	add("retry-429", "retry", `{"attempts":1,"status":429,"random":0.5}`)
	add("retry-503-second", "retry", `{"attempts":2,"maxAttempts":3,"status":503,"random":0.75}`)
	add("retry-exhausted", "retry", `{"attempts":3,"status":500,"random":0.5}`)
	add("retry-400", "retry", `{"attempts":1,"status":400,"random":0.5}`)
	add("retry-network", "retry", `{"attempts":1,"random":0.999}`)
	add("retry-capped", "retry", `{"attempts":20,"maxAttempts":30,"status":500,"random":0.5}`)
	add("retry-error-random", "retry", `{"attempts":0,"status":500,"random":1}`)
	// The Node CLI's call: Go signs each attempt and decides each retry; the
	// host only fetches (responses so far in, the next request or the output
	// out).
	callArgs := `"args":["call","--operation","GetBackend","--region","us-east-1","in.json"],"files":{"in.json":"{\"AppId\":\"d1\",\"BackendEnvironmentName\":\"dev\"}"},"env":{"AWS_ACCESS_KEY_ID":"AKIDEXAMPLE","AWS_SECRET_ACCESS_KEY":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},"now":"2026-01-15T12:00:00Z","random":0.5`
	busy := `{"status":503,"headers":{"Content-Type":"application/json"},"body":"{\"message\":\"busy\"}"}`
	refused := `{"error":{"code":"ECONNREFUSED","message":"connect ECONNREFUSED 52.94.0.1:443"}}`
	add("cli-call-first-request", "cli", `{`+callArgs+`}`)
	add("cli-call-retry-after-503", "cli", `{`+callArgs+`,"responses":[`+busy+`]}`)
	add("cli-call-output", "cli", `{`+callArgs+`,"responses":[`+busy+`,{"status":200,"headers":{"X-Amzn-RequestId":"r2"},"body":"{\"appId\":\"d1\",\"appName\":\"shop\"}"}]}`)
	add("cli-call-service-error", "cli", `{`+callArgs+`,"responses":[{"status":404,"headers":{"X-Amzn-ErrorType":"NotFoundException","X-Amzn-RequestId":"r1"},"body":"{\"message\":\"App d1 not found\",\"resourceType\":\"App\"}"}]}`)
	add("cli-call-network-error", "cli", `{`+callArgs+`,"responses":[`+refused+`,`+refused+`,`+refused+`]}`)
	add("cli-call-error-responses", "cli", `{`+callArgs+`,"responses":[{"headers":{}},7]}`)
	return cs
}

// sample is a full wire body of structure s: every member, strings named
// after their member, enums their first value, lists of two.
func sample(s *schema.Shape, depth int, extra string) string {
	var b strings.Builder
	b.WriteString("{" + extra)
	n := 0
	for _, m := range s.Members {
		if m.URI {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		b.WriteString(`"` + m.Wire + `":`)
		b.WriteString(sampleValue(schema.Get(m.Shape), m.Name, depth+1, extra))
	}
	b.WriteString("}")
	return b.String()
}

func sampleValue(s *schema.Shape, name string, depth int, extra string) string {
	switch s.Kind {
	case schema.KindStructure:
		return sample(s, depth, extra)
	case schema.KindFreeform:
		return `{"any":[1,"two",{"three":null}]}`
	case schema.KindList:
		e := schema.Get(s.Elem)
		return "[" + sampleValue(e, name, depth, extra) + "," + sampleValue(e, name+"2", depth, extra) + "]"
	case schema.KindString:
		if len(s.Enum) > 0 {
			return `"` + s.Enum[(len(name))%len(s.Enum)] + `"`
		}
		return `"` + name + ` value \u00e9"`
	case schema.KindBoolean:
		return "true"
	case schema.KindDouble:
		return "1.5e3"
	}
	return "1"
}

// sparse is a body with only the first body member of s.
func sparse(s *schema.Shape) string {
	for _, m := range s.Members {
		if !m.URI {
			return `{"` + m.Wire + `":` + sampleValue(schema.Get(m.Shape), m.Name, 1, "") + `}`
		}
	}
	return "{}"
}

// nulls is a body with every member of s null.
func nulls(s *schema.Shape) string {
	var parts []string
	for _, m := range s.Members {
		parts = append(parts, `"`+m.Wire+`":null`)
	}
	return "{" + strings.Join(parts, ",") + "}"
}
