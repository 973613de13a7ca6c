// Package localservice is the AmplifyBackend API as a local http.Handler,
// for tests, CI and the demo: all 31 operations with state, every request's
// SigV4 signature checked and every input validated, with the service's
// error wire form, so that boto3, the AWS CLI, the AWS SDK for JavaScript
// and this module's client talk to it as to the real service.
//
// Routes come from the model's operation table (internal/schema), inputs are
// read with the generated types of package types and checked by package
// validate, and signatures are verified by signing the received request
// again with package client's signer.
//
// Start runs a Service on a free 127.0.0.1 port for a test:
//
//	srv, err := localservice.Start("", localservice.Options{})
//	defer srv.Close()
//	c, err := client.New(srv.ClientOptions())
//
// The command `amplifybackend serve` runs it from the shell.
//
// # Notes
//
// Where the real service's behaviour is not public (resource types of
// NotFoundException, job statuses, how updates merge, paging order, ...)
// docs/LOCALSERVICE.md says what this service does and why.
//
// It checks signatures with the signer of pkg/client, so a build without the
// signer (-tags nosign, the core WebAssembly module) leaves its code out.
package localservice
