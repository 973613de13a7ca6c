package dispatch

import (
	"strconv"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/httpheader"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/response"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/retry"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var (
	parseMembers    = members([]string{"operation", "response", "retryAttempts"}, "")
	responseMembers = members([]string{"status", "headers", "body"}, "/response")
	retryMembers    = members([]string{"attempts", "maxAttempts", "status", "random"}, "")
)

// maxRetryAttempts bounds maxAttempts in "retry".
const maxRetryAttempts = 100

// httpResponse is the "response" member of parseResponse.
type httpResponse struct {
	status     int
	haveStatus bool
	header     map[string][]string
	body       string
}

func readResponse(s *scanner, path string) (r httpResponse, present bool) {
	if s.isNull() {
		return r, false
	}
	r.header = map[string][]string{}
	present, _ = s.object(path, "the response", responseMembers, func(name, path string) {
		switch name {
		case "status":
			if v, ok := s.intValue(path, "The status", 100, 999, ""); ok {
				r.status, r.haveStatus = int(v), true
			}
		case "headers":
			names, vals, _ := s.stringMap(path, "the headers")
			for j, n := range names {
				k := httpheader.CanonicalKey(n)
				r.header[k] = append(r.header[k], vals[j])
			}
		case "body":
			r.body, _ = s.stringValue(path, "The body")
		}
	})
	if present && !r.haveStatus && !s.fatal && !hasProblemAt(s, path+"/status") {
		s.add(path+"/status", validate.CodeRequired, "status is required: the HTTP status code of the response, such as 200.")
	}
	return r, present
}

func hasProblemAt(s *scanner, path string) bool {
	for _, p := range s.probs {
		if p.Path == path {
			return true
		}
	}
	return false
}

// runParseResponse reads a response of an operation: the output in boto3's
// form, or the service's error.
func runParseResponse(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var op string
	var haveOp, haveResp bool
	var resp httpResponse
	var attempts int64
	present, ok := s.object("", "the arguments of parseResponse", parseMembers, func(name, path string) {
		switch name {
		case "operation":
			op, haveOp = s.stringValue(path, "The operation")
		case "response":
			resp, haveResp = readResponse(s, path)
		case "retryAttempts":
			attempts, _ = s.intValue(path, "retryAttempts", 0, maxRetryAttempts, "")
		}
	})
	if ok && s.end() && present {
		if !haveOp {
			s.add("/operation", validate.CodeRequired, "operation is required: the name of the operation the response answers, such as GetBackend.")
		}
		if !haveResp && !hasProblemAt(s, "/response") {
			s.add("/response", validate.CodeRequired, "response is required: {status, headers, body}.")
		}
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("parseResponse", s.probs)
	}
	o, found := schema.LookupOperation(op)
	if !found {
		_, _, err := validate.Transcode(op, nil, nil)
		return nil, nameFailure("parseResponse", "/operation", err)
	}
	body := []byte(resp.body)
	if !response.Successful(resp.status) {
		e := response.ParseError(resp.status, resp.header, body, int(attempts))
		dst = append(dst, `{"serviceError":{"code":`...)
		dst = jsonfast.AppendString(dst, e.Code)
		dst = append(dst, `,"message":`...)
		dst = jsonfast.AppendString(dst, "amplifybackend: "+e.Text())
		dst = append(dst, `,"statusCode":`...)
		dst = strconv.AppendInt(dst, int64(resp.status), 10)
		dst = append(dst, `,"requestId":`...)
		dst = jsonfast.AppendString(dst, e.Meta.RequestID)
		dst = append(dst, `,"retryable":`...)
		dst = strconv.AppendBool(dst, e.Retryable())
		dst = append(dst, `,"response":`...)
		dst = e.AppendResponse(dst)
		return append(dst, "}}"...), nil
	}
	md := response.NewMetadata(resp.status, resp.header, int(attempts))
	dst = append(dst, `{"output":`...)
	dst, p := response.AppendOutput(dst, o, body, &md)
	if p != nil {
		return nil, &failure{summary: "Cannot read the " + o.Name + " response (HTTP " + strconv.Itoa(resp.status) + "):", probs: []validate.Problem{*p}}
	}
	return append(dst, '}'), nil
}

// runRetry decides whether a failed attempt is retried, and after how long.
func runRetry(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var attempts, maxAttempts, status int64
	var haveAttempts, haveMax, haveStatus, haveRandom bool
	var u float64
	present, ok := s.object("", "the arguments of retry", retryMembers, func(name, path string) {
		switch name {
		case "attempts":
			attempts, haveAttempts = s.intValue(path, "attempts", 1, maxRetryAttempts, "")
		case "maxAttempts":
			maxAttempts, haveMax = s.intValue(path, "maxAttempts", 1, maxRetryAttempts, "")
		case "status":
			status, haveStatus = s.intValue(path, "The status", 100, 999, "")
		case "random":
			u, haveRandom = s.unitValue(path)
		}
	})
	if ok && s.end() && present {
		if !haveAttempts && !hasProblemAt(s, "/attempts") {
			s.add("/attempts", validate.CodeRequired, "attempts is required: the number of attempts made so far, the first included.")
		}
		if !haveRandom && !hasProblemAt(s, "/random") {
			s.add("/random", validate.CodeRequired, "random is required: a random number in [0, 1) for the jitter, such as Math.random().")
		}
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("retry", s.probs)
	}
	if !haveMax {
		maxAttempts = retry.DefaultMaxAttempts
	}
	again := (!haveStatus || retry.RetryableStatus(int(status))) && attempts < maxAttempts
	dst = append(dst, `{"retry":`...)
	dst = strconv.AppendBool(dst, again)
	dst = append(dst, `,"delayMs":`...)
	var ms float64
	if again {
		d := retry.Delay(int(attempts), retry.DefaultBaseDelay, retry.DefaultMaxDelay, u)
		ms = float64(d/1e3) / 1000 // whole microseconds, as time.Duration.Microseconds
	}
	dst = strconv.AppendFloat(dst, ms, 'f', -1, 64)
	return append(dst, '}'), nil
}

// unitValue reads a number in [0, 1).
func (s *scanner) unitValue(path string) (float64, bool) {
	switch c := s.Peek(); {
	case c == 'n':
		s.literal("null")
		return 0, false
	case c == '-' || c >= '0' && c <= '9':
	default:
		s.typeProblem(path, "random", "a number")
		return 0, false
	}
	start, end, _, ok := s.Number()
	if !ok {
		s.syntax()
		return 0, false
	}
	f, err := strconv.ParseFloat(string(s.Data[start:end]), 64)
	if err != nil || f < 0 || f >= 1 {
		s.add(path, validate.CodeRange, "random must be at least 0 and less than 1, as Math.random() gives.")
		return 0, false
	}
	return f, true
}
