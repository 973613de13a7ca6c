package types

// ResponseMetadata describes the HTTP exchange behind an operation's output,
// as the typed-dict documentation of the API lists it.
type ResponseMetadata struct {
	// RequestId is the x-amzn-RequestId header of the response.
	RequestId string
	// HostId is the x-amz-id-2 header, when the service sends one.
	HostId string
	// HTTPStatusCode is the response's status code.
	HTTPStatusCode int
	// HTTPHeaders holds the response headers, names in lower case.
	HTTPHeaders map[string]string
	// RetryAttempts counts the attempts made before this response (0 when
	// the first attempt succeeded).
	RetryAttempts int
}

// PaginatorConfig bounds a paginated listing (ListBackendJobs), as the
// typed-dict documentation of the API lists it.
type PaginatorConfig struct {
	// MaxItems is the most items the paginator returns in all; 0 means no
	// limit.
	MaxItems int
	// PageSize is the MaxResults sent with each request; 0 lets the service
	// choose.
	PageSize int32
	// StartingToken is the NextToken to resume from.
	StartingToken string
}

// String returns a pointer to v.
func String(v string) *string { return &v }

// Bool returns a pointer to v.
func Bool(v bool) *bool { return &v }

// Int32 returns a pointer to v.
func Int32(v int32) *int32 { return &v }

// Int64 returns a pointer to v.
func Int64(v int64) *int64 { return &v }

// Float64 returns a pointer to v.
func Float64(v float64) *float64 { return &v }
