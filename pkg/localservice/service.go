//go:build !nosign

package localservice

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// DefaultRegion is the region the service accepts signatures for when
// Options.Region is empty.
const DefaultRegion = "us-east-1"

// TestCredentials are the credentials the service accepts when
// Options.Credentials is empty. They are AWS's documented example key
// pair, which grants nothing anywhere.
var TestCredentials = client.Credentials{
	AccessKeyID:     "AKIAIOSFODNN7EXAMPLE",
	SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}

// DefaultMaxBodyBytes bounds a request body when Options.MaxBodyBytes is 0:
// the validator's input limit (validate.DefaultLimits.MaxInputBytes).
const DefaultMaxBodyBytes = 1 << 20

// MaxClockSkew is how far a signature's time may be from the service's
// clock, as AWS allows.
const MaxClockSkew = 15 * time.Minute

// Options configure a Service. The zero value is a service in memory for
// DefaultRegion and TestCredentials.
type Options struct {
	// Region is the only region signatures are accepted for;
	// DefaultRegion when empty.
	Region string
	// Credentials are the access keys the service knows; TestCredentials
	// when empty. A credential with a SessionToken is accepted only with
	// that token (X-Amz-Security-Token, signed); one without accepts a
	// request with any token or none, as a key whose tokens this service
	// does not issue.
	Credentials []client.Credentials
	// StateFile, when set, keeps the state in that JSON file: it is read
	// by New, and every change is written to it (temporary file, fsync,
	// rename) before the response that acknowledges it.
	StateFile string
	// JobDelay is how long a job stays IN_PROGRESS before it is
	// COMPLETED; 0 completes every job at once.
	JobDelay time.Duration
	// FaultRate is the share of requests (0 to 1) answered with 429
	// TooManyRequestsException or 503 ServiceUnavailableException before
	// anything else is done; Seed makes the choice repeatable.
	FaultRate float64
	Seed      uint64
	// Latency delays every response.
	Latency time.Duration
	// MaxBodyBytes bounds request bodies (413 beyond); DefaultMaxBodyBytes
	// when 0.
	MaxBodyBytes int64
	// Clock gives the service's time (signature checks, jobs, tokens);
	// time.Now when nil.
	Clock func() time.Time
	// ReadHeaderTimeout and ReadTimeout replace the package's timeouts in
	// the server that Start and Serve run.
	ReadHeaderTimeout, ReadTimeout time.Duration
	// Log, when set, receives one line per request (method, path, status,
	// error type); never a credential or a body.
	Log io.Writer
}

// Service is the local AmplifyBackend service, an http.Handler. It is safe
// for concurrent use: requests that change the state are applied one at a
// time, and each change is saved (with StateFile) before it is answered.
type Service struct {
	opts Options
	keys map[string]client.Credentials // by access key ID

	mu    sync.Mutex
	st    *state
	saved []byte // the state file's content, as last written or read

	faultMu sync.Mutex
	fault   *mrand.Rand
}

// New returns a Service for opts. With a StateFile that cannot be read or
// is not a valid state, it fails and leaves the file as it is.
func New(opts Options) (*Service, error) {
	if opts.Region == "" {
		opts.Region = DefaultRegion
	}
	if len(opts.Credentials) == 0 {
		opts.Credentials = []client.Credentials{TestCredentials}
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.FaultRate < 0 || opts.FaultRate > 1 {
		return nil, errors.New("the fault rate must be between 0 and 1")
	}
	s := &Service{opts: opts, keys: map[string]client.Credentials{}, st: newState(),
		fault: mrand.New(mrand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))}
	for _, c := range opts.Credentials {
		if c.AccessKeyID == "" || c.SecretAccessKey == "" {
			return nil, errors.New("every credential needs an access key ID and a secret access key")
		}
		s.keys[c.AccessKeyID] = c
	}
	if opts.StateFile != "" {
		st, data, err := loadState(opts.StateFile)
		if err != nil {
			return nil, err
		}
		s.st, s.saved = st, data
	}
	return s, nil
}

// Region returns the region the service accepts signatures for.
func (s *Service) Region() string { return s.opts.Region }

// ServeHTTP answers one request of the AmplifyBackend API.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := newUUID()
	w.Header()["x-amzn-RequestId"] = []string{reqID}
	status, code := s.serve(w, r)
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "%s %s %d %s %s\n", r.Method, r.URL.EscapedPath(), status, code, reqID)
	}
}

func (s *Service) serve(w http.ResponseWriter, r *http.Request) (int, string) {
	fail := func(e *apiError) (int, string) {
		writeError(w, e)
		return e.status, e.code
	}
	if s.opts.Latency > 0 {
		t := time.NewTimer(s.opts.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return 0, "canceled"
		}
	}
	if e := s.injectFault(); e != nil {
		return fail(e)
	}
	body, e := s.readBody(w, r)
	if e != nil {
		return fail(e)
	}
	now := s.opts.Clock()
	if e := s.authenticate(r, body, now); e != nil {
		return fail(e)
	}
	op, labels := match(r.Method, r.URL.EscapedPath())
	if op == nil {
		return fail(&apiError{status: http.StatusNotFound, code: "UnknownOperationException",
			message: "No operation of the AmplifyBackend API is " + r.Method + " " + r.URL.EscapedPath() + "."})
	}
	in, e := decodeInput(op, labels, body)
	if e != nil {
		return fail(e)
	}
	out, e := s.apply(op.Name, &call{in: in, now: now})
	if e != nil {
		return fail(e)
	}
	data, err := encodeOutput(op, out)
	if err != nil {
		return fail(&apiError{status: http.StatusInternalServerError, code: "InternalServiceException", message: "The response could not be encoded."})
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
	return http.StatusOK, ""
}

// apply runs an operation under the state lock, and saves a change before
// it returns. When the change cannot be saved, the state goes back to what
// was last saved and the request fails.
func (s *Service) apply(op string, c *call) (obj, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out, changed, e := handlers[op](s, c)
	if e != nil || !changed || s.opts.StateFile == "" {
		return out, e
	}
	data, err := json.MarshalIndent(s.st, "", " ")
	if err == nil {
		err = saveFile(s.opts.StateFile, data)
	}
	if err != nil {
		if s.saved != nil {
			st, derr := decodeState(s.saved)
			if derr == nil {
				s.st = st
			}
		} else {
			s.st = newState()
		}
		return nil, &apiError{status: http.StatusInternalServerError, code: "InternalServiceException", message: "The change could not be saved to the state file."}
	}
	s.saved = data
	return out, nil
}

func (s *Service) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	tooLarge := &apiError{status: http.StatusRequestEntityTooLarge, code: "RequestEntityTooLargeException",
		message: "The request body is larger than " + strconv.FormatInt(s.opts.MaxBodyBytes, 10) + " bytes."}
	if r.ContentLength > s.opts.MaxBodyBytes {
		return nil, tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge
		}
		return nil, badRequest("The request body could not be read.")
	}
	return body, nil
}

// injectFault draws whether this request fails (FaultRate), and how.
func (s *Service) injectFault() *apiError {
	if s.opts.FaultRate <= 0 {
		return nil
	}
	s.faultMu.Lock()
	hit := s.fault.Float64() < s.opts.FaultRate
	throttle := s.fault.IntN(2) == 0
	s.faultMu.Unlock()
	switch {
	case !hit:
		return nil
	case throttle:
		return &apiError{status: http.StatusTooManyRequests, code: "TooManyRequestsException", message: "Rate exceeded (an injected fault).", limitType: "requests"}
	default:
		return &apiError{status: http.StatusServiceUnavailable, code: "ServiceUnavailableException", message: "The service is unavailable (an injected fault)."}
	}
}

// newID returns a random UUID (version 4), as job and session IDs are.
func (s *Service) newID() string { return newUUID() }

// newCode returns a six-digit challenge code.
func (s *Service) newCode() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1000000))
	return fmt.Sprintf("%06d", n.Int64())
}

func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
