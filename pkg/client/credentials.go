package client

import "strconv"

// DefaultService is the signing name used when SignOptions.Service is empty.
const DefaultService = "amplifybackend"

// Credentials are the AWS credentials a request is signed with.
//
// String and GoString never show the secret access key or the session token
// (only whether they are set) and show at most the first four characters of
// the access key ID, so that printing a Credentials or a SignOptions with
// %v, %+v, %s or %#v is safe.
//
// # Notes
//
// A verb that fmt does not route to String or GoString (for example %d or
// %t) prints the fields as they are; use %v.
type Credentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
}

// String returns a redacted description of c.
func (c Credentials) String() string {
	return "Credentials{AccessKeyID: " + keyIDHint(c.AccessKeyID) +
		", SecretAccessKey: " + redacted(c.SecretAccessKey) +
		", SessionToken: " + redacted(c.SessionToken) + "}"
}

// GoString returns a redacted Go-syntax description of c, for %#v.
func (c Credentials) GoString() string {
	return "client.Credentials{AccessKeyID:" + strconv.Quote(keyIDHint(c.AccessKeyID)) +
		", SecretAccessKey:" + strconv.Quote(redacted(c.SecretAccessKey)) +
		", SessionToken:" + strconv.Quote(redacted(c.SessionToken)) + "}"
}

func keyIDHint(id string) string {
	if len(id) <= 4 {
		return id
	}
	return id[:4] + "…"
}

func redacted(s string) string {
	if s == "" {
		return ""
	}
	return "<redacted>"
}
