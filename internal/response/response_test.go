package response

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

func TestErrorCodeAndMessage(t *testing.T) {
	cases := []struct {
		name          string
		status        int
		header        http.Header
		body          string
		code, message string
		named         bool
	}{
		{"header before the colon", 404, http.Header{"X-Amzn-Errortype": {"NotFoundException:http://internal.amazon.com/"}}, `{"__type":"BadRequestException","message":"m"}`, "NotFoundException", "m", true},
		{"__type after the hash", 400, nil, `{"__type":"com.amazonaws.amplifybackend#BadRequestException","Message":"M"}`, "BadRequestException", "M", true},
		{"code wins over __type", 429, nil, `{"__type":"X","code":"TooManyRequestsException"}`, "TooManyRequestsException", "Too Many Requests", true},
		{"the status when nothing names a type", 502, nil, `<html>`, "502", "Bad Gateway", false},
		{"the status for a JSON body without a type", 403, nil, `{"message":"denied"}`, "403", "denied", false},
		{"message wins over Message", 400, nil, `{"Message":"b","message":"a"}`, "400", "a", false},
		{"non-string members are ignored", 500, nil, `{"message":5,"code":["x"]}`, "500", "Internal Server Error", false},
		{"a status without a reason phrase", 599, nil, ``, "599", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := c.header
			if h == nil {
				h = http.Header{}
			}
			e := ParseError(c.status, h, []byte(c.body), 0)
			assert.Equal(t, c.code, e.Code)
			assert.Equal(t, c.message, e.Message)
			assert.Equal(t, c.named, e.Named)
		})
	}
}

func TestErrorMembersTypedAndText(t *testing.T) {
	e := ParseError(404, http.Header{"X-Amzn-Requestid": {"r1"}}, []byte(`{"message":"gone","resourceType":"App","extra":1}`), 2)
	require.Nil(t, e.Shape, "the body names no type: boto3's form is unmodeled")
	require.NotNil(t, e.Typed(), "the Go client maps a bare 404 by the status table")
	assert.Equal(t, "NotFoundException", e.Typed().Name)
	assert.Equal(t, "NotFoundException: gone (HTTP 404, resource type App, request ID r1)", e.Text())
	assert.Equal(t, `{"Error":{"Code":"404","Message":"gone"},"ResponseMetadata":{"RequestId":"r1","HTTPStatusCode":404,"HTTPHeaders":{"x-amzn-requestid":"r1"},"RetryAttempts":2}}`, string(e.AppendResponse(nil)))

	e = ParseError(429, http.Header{"X-Amzn-Errortype": {"TooManyRequestsException"}}, []byte(`{"message":"slow","limitType":"rps"}`), 0)
	assert.True(t, e.Retryable())
	assert.Equal(t, []Field{{"LimitType", "rps"}, {"Message", "slow"}}, e.Members(e.Shape))
	assert.Contains(t, string(e.AppendResponse(nil)), `,"LimitType":"rps","Message":"slow"}`)

	long := strings.Repeat("é", 400)
	e = ParseError(403, http.Header{"X-Amzn-Errortype": {"AccessDeniedException"}}, []byte(long), 0)
	assert.Nil(t, e.Typed())
	assert.LessOrEqual(t, len(e.Excerpt), MaxErrorBodyExcerpt)
	assert.True(t, strings.HasSuffix(e.Excerpt, "é"), "cut at a rune boundary")
	assert.Contains(t, e.Text(), "AccessDeniedException: Forbidden (HTTP 403); body: ")
}

func TestMetadata(t *testing.T) {
	m := NewMetadata(200, http.Header{"X-Amz-Request-Id": {"s3"}, "X-Amz-Id-2": {"host"}, "B": {"1", "2"}, "b": {"3"}}, 1)
	assert.Equal(t, `{"RequestId":"s3","HostId":"host","HTTPStatusCode":200,"HTTPHeaders":{"b":"1, 2, 3","x-amz-id-2":"host","x-amz-request-id":"s3"},"RetryAttempts":1}`, string(m.AppendJSON(nil)))
	m = NewMetadata(204, http.Header{}, 0)
	assert.Equal(t, `{"HTTPStatusCode":204,"HTTPHeaders":{},"RetryAttempts":0}`, string(m.AppendJSON(nil)))
}

func TestOutput(t *testing.T) {
	o, _ := schema.LookupOperation("ListBackendJobs")
	md := NewMetadata(200, http.Header{}, 0)
	out, p := AppendOutput(nil, o, []byte(`{"nextToken":null,"jobs":[{"jobId":"j","status":"S","x":{}},null],"zzz":[1]}`), &md)
	require.Nil(t, p)
	assert.Equal(t, `{"Jobs":[{"JobId":"j","Status":"S"},null],"ResponseMetadata":{"HTTPStatusCode":200,"HTTPHeaders":{},"RetryAttempts":0}}`, string(out))

	for body, code := range map[string]validate.Code{
		`{"jobs":{}}`:            validate.CodeType,
		`{"jobs":[{"jobId":1}]}`: validate.CodeType,
		`{"jobs":[]`:             validate.CodeSyntax,
		`"text"`:                 validate.CodeType,
		"{}\x00":                 validate.CodeSyntax,
		strings.Repeat("[", 600): validate.CodeLimit,
	} {
		p := CheckOutput(o, []byte(body))
		require.NotNil(t, p, body)
		assert.Equal(t, code, p.Code, body)
	}
	big := []byte(`{"nextToken":"` + strings.Repeat("x", MaxBodyBytes) + `"}`)
	p = CheckOutput(o, big)
	require.NotNil(t, p)
	assert.Equal(t, validate.CodeLimit, p.Code)
}
