package client

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

func TestParseResponse(t *testing.T) {
	out, err := ParseResponse("GetBackendJob", 200, http.Header{"X-Amzn-Requestid": {"r1"}},
		[]byte(`{"appId":"a","backendEnvironmentName":"b","jobId":"j","status":null,"unknown":{"x":[1]}}`))
	require.NoError(t, err)
	job, ok := out.(*types.GetBackendJobResponse)
	require.True(t, ok, "%T", out)
	assert.Equal(t, "a", *job.AppId)
	assert.Equal(t, "j", *job.JobId)
	assert.Nil(t, job.Status)
	assert.Equal(t, "r1", job.ResponseMetadata.RequestId)
	assert.Equal(t, 200, job.ResponseMetadata.HTTPStatusCode)

	out, err = ParseResponse("DeleteToken", 200, nil, nil)
	require.NoError(t, err)
	assert.Nil(t, out.(*types.DeleteTokenResponse).IsSuccess, "an empty body is an output without members")

	_, err = ParseResponse("GetBackend", 404, http.Header{"X-Amzn-Errortype": {"NotFoundException:x"}}, []byte(`{"message":"m","resourceType":"App"}`))
	var nf *NotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, &NotFoundException{Message: "m", ResourceType: "App", StatusCode: 404}, nf)
	assert.Equal(t, FaultClient, nf.ErrorFault())

	_, err = ParseResponse("GetBackend", 504, nil, nil)
	var gt *GatewayTimeoutException
	require.ErrorAs(t, err, &gt, "a bare 504 is the model's exception for that status")
	assert.Equal(t, "Gateway Timeout", gt.Message)
	assert.Equal(t, FaultServer, gt.ErrorFault())

	_, err = ParseResponse("GetBackend", 200, nil, []byte(`{"appId":5}`))
	var re *ResponseError
	require.ErrorAs(t, err, &re)
	var ve *validate.Error
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []validate.Problem{{Path: "/appId", Code: validate.CodeType, Message: "The response has a number where the model has a string."}}, ve.Problems)
	assert.Equal(t, FaultServer, re.ErrorFault())

	_, err = ParseResponse("GetBackend", 200, nil, []byte(`not json`))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, validate.CodeSyntax, ve.Problems[0].Code)

	_, err = ParseResponse("GetBackendd", 200, nil, nil)
	var ne *validate.NameError
	require.True(t, errors.As(err, &ne), "%v", err)
}

// FuzzParseResponse: any body of any operation either reads or is one
// problem, never a panic; and a body the shared reader accepts is always one
// the typed decoder accepts too (the two cannot disagree about a response).
func FuzzParseResponse(f *testing.F) {
	for _, b := range []string{`{}`, ``, `{"appId":"a","backendEnvironmentList":["x",null]}`, `{"jobs":[{"appId":"a"}],"nextToken":null}`,
		`{"resourceConfig":{"defaultAuthType":{"mode":"API_KEY","settings":{"expirationTime":1.5e3}}}}`, `{"isSuccess":true}`, `[`, `{"appId":1}`} {
		f.Add("GetBackend", 200, []byte(b))
		f.Add("ListBackendJobs", 200, []byte(b))
		f.Add("GetBackendAPI", 200, []byte(b))
		f.Add("DeleteToken", 404, []byte(b))
	}
	f.Fuzz(func(t *testing.T, op string, status int, body []byte) {
		if status < 100 || status > 999 {
			status = 200
		}
		out, err := ParseResponse(op, status, http.Header{"X-Amzn-Requestid": {"r"}}, body)
		if err == nil {
			if out == nil {
				t.Fatal("no output and no error")
			}
			return
		}
		var re *ResponseError
		if errors.As(err, &re) && status < 300 {
			var ve *validate.Error
			if !errors.As(err, &ve) {
				t.Fatalf("the shared reader accepted a body the typed decoder refused: %v", err)
			}
		}
	})
}
