//go:build !nosign

package localservice

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// Timeouts of the http.Server that Start and Serve run: a client that is
// slow to send its request is cut off without holding up the others.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 2 * time.Minute
)

// Server is a Service listening on a TCP address.
type Server struct {
	// URL is the endpoint, such as http://127.0.0.1:40123.
	URL string
	// Region and Credentials are what requests must be signed for and
	// with (the first of Options.Credentials).
	Region      string
	Credentials client.StaticCredentials
	// Service is the handler behind the server.
	Service *Service

	srv  *http.Server
	done chan error
}

// Start runs a Service for opts on addr ("" is 127.0.0.1 on a free port)
// until Close. A Go test points the client at it in two lines:
//
//	srv, err := localservice.Start("", localservice.Options{})
//	c, err := client.New(srv.ClientOptions())
func Start(addr string, opts Options) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	svc, err := New(opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return Serve(ln, svc), nil
}

// Serve runs svc on ln until Close, with the package's timeouts.
func Serve(ln net.Listener, svc *Service) *Server {
	addr := ln.Addr().String()
	if host, port, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			addr = net.JoinHostPort("127.0.0.1", port) // reachable there too
		}
	}
	s := &Server{
		URL:         "http://" + addr,
		Region:      svc.opts.Region,
		Credentials: client.StaticCredentials(svc.opts.Credentials[0]),
		Service:     svc,
		srv: &http.Server{
			Handler:           svc,
			ReadHeaderTimeout: ReadHeaderTimeout,
			ReadTimeout:       ReadTimeout,
			WriteTimeout:      WriteTimeout,
			IdleTimeout:       IdleTimeout,
			MaxHeaderBytes:    64 << 10,
		},
		done: make(chan error, 1),
	}
	if svc.opts.ReadHeaderTimeout > 0 {
		s.srv.ReadHeaderTimeout = svc.opts.ReadHeaderTimeout
	}
	if svc.opts.ReadTimeout > 0 {
		s.srv.ReadTimeout = svc.opts.ReadTimeout
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s
}

// ClientOptions returns the options of a pkg/client Client that talks to s.
func (s *Server) ClientOptions() client.Options {
	return client.Options{Region: s.Region, Endpoint: s.URL, Credentials: s.Credentials}
}

// Shutdown stops accepting requests and waits for those in progress (until
// ctx is done).
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// Close stops the server at once.
func (s *Server) Close() error {
	err := s.srv.Close()
	<-s.done
	return err
}
