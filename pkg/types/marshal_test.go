package types

import "testing"

// TestMarshalJSONOfSinglePointerStructs: a struct whose only field is a nil
// pointer is {} on the wire, not null (easyjson.Marshal takes such a value,
// held in an interface as that pointer, for a nil one).
func TestMarshalJSONOfSinglePointerStructs(t *testing.T) {
	for _, v := range []interface{ MarshalJSON() ([]byte, error) }{
		ListS3BucketsRequest{}, RemoveBackendConfigResponse{}, DeleteTokenResponse{}, CreateTokenRequest{},
		&ListS3BucketsRequest{},
	} {
		b, err := v.MarshalJSON()
		if err != nil || string(b) != "{}" {
			t.Errorf("%T: %q, %v; want {}", v, b, err)
		}
	}
	b, _ := ListS3BucketsRequest{NextToken: String("t")}.MarshalJSON()
	if string(b) != `{"nextToken":"t"}` {
		t.Errorf("with a token: %s", b)
	}
}
