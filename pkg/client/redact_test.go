package client

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryVerbRedacts(t *testing.T) {
	secret, token := "PLANTEDsecretVALUE123", "PLANTEDtokenVALUE456"
	c := Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret, SessionToken: token}
	o := SignOptions{Credentials: c, Region: "us-east-1", Time: time.Unix(0, 0).UTC()}
	req := Request{Method: "GET", URL: "https://amplifybackend.us-east-1.amazonaws.com/backend/a"}
	signed, err := Sign(req, o)
	require.NoError(t, err)
	presigned, err := Sign(req, SignOptions{Credentials: c, Region: "us-east-1", Time: time.Unix(0, 0).UTC(), Presign: true})
	require.NoError(t, err)
	require.Contains(t, presigned.URL, "X-Amz-Security-Token")
	for _, v := range []any{c, &c, o, &o, signed, presigned, []any{c, o}, map[string]any{"c": c}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%T %v"} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, secret, verb)
			assert.NotContains(t, out, token, verb)
		}
	}
	assert.Contains(t, signed.String(), "X-Amz-Security-Token: <redacted>")
	// The JSON form keeps the token: it is what is sent.
	data, err := signed.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(data), token)
}
