//go:build !nosign

package client

import (
	"context"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// ListBackendJobsPaginator walks the pages of ListBackendJobs, sending each
// page's NextToken with the next request.
//
// It stops when a page has no NextToken (or an empty one), when the service
// returns a token it has already sent (which would otherwise loop forever),
// or when MaxItems jobs have been returned. A paginator is not safe for
// concurrent use; the Client it uses is.
type ListBackendJobsPaginator struct {
	client   *Client
	in       types.ListBackendJobsRequest
	maxItems int
	pageSize int32
	next     *string
	seen     map[string]struct{}
	returned int
	done     bool
}

// NewListBackendJobsPaginator returns a paginator over the jobs that in
// selects. cfg.PageSize, when not 0, is sent as MaxResults;
// cfg.StartingToken, when not empty, replaces in.NextToken; cfg.MaxItems,
// when not 0, caps the number of jobs returned over all pages (the last
// page is cut short). in is copied, not modified; a nil in is an empty
// input (and the first page then reports the missing members).
func NewListBackendJobsPaginator(c *Client, in *types.ListBackendJobsRequest, cfg types.PaginatorConfig) *ListBackendJobsPaginator {
	p := &ListBackendJobsPaginator{client: c, maxItems: cfg.MaxItems, pageSize: cfg.PageSize, seen: map[string]struct{}{}}
	if in != nil {
		p.in = *in
	}
	p.next = p.in.NextToken
	if cfg.StartingToken != "" {
		p.next = &cfg.StartingToken
	}
	return p
}

// HasMorePages reports whether NextPage has another page to fetch.
func (p *ListBackendJobsPaginator) HasMorePages() bool {
	return !p.done
}

// NextPage fetches the next page. When it returns an error the paginator
// may be asked for the same page again; after the last page it returns an
// error saying there are no more pages.
func (p *ListBackendJobsPaginator) NextPage(ctx context.Context) (*types.ListBackendJobsResponse, error) {
	if p.done {
		return nil, errNoMorePages
	}
	in := p.in
	in.NextToken = p.next
	if p.pageSize != 0 {
		size := p.pageSize
		in.MaxResults = &size
	}
	out, err := p.client.ListBackendJobs(ctx, &in)
	if err != nil {
		return nil, err
	}
	if p.next != nil {
		p.seen[*p.next] = struct{}{}
	}
	if p.maxItems > 0 {
		if left := p.maxItems - p.returned; len(out.Jobs) >= left {
			out.Jobs = out.Jobs[:left]
			p.done = true
		}
	}
	p.returned += len(out.Jobs)
	tok := out.NextToken
	switch {
	case tok == nil || *tok == "":
		p.done = true
	default:
		if _, repeated := p.seen[*tok]; repeated {
			p.done = true
		}
	}
	p.next = tok
	return out, nil
}

// errNoMorePages is NextPage's error after the last page.
var errNoMorePages = noMorePagesError{}

type noMorePagesError struct{}

func (noMorePagesError) Error() string { return "amplifybackend: the paginator has no more pages" }
