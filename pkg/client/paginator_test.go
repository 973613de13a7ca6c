package client

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// pagedJobs answers ListBackendJobs with the pages given: page i holds
// sizes[i] jobs and, but for the last page, the NextToken "t<i+1>". next
// overrides the token of a page when set.
func pagedJobs(sizes []int, next map[int]*string) func(int, exchange) reply {
	return func(_ int, ex exchange) reply {
		var in struct {
			NextToken *string `json:"nextToken"`
		}
		_ = json.Unmarshal([]byte(ex.body), &in)
		page := 0
		if in.NextToken != nil {
			page, _ = strconv.Atoi((*in.NextToken)[1:])
		}
		out := map[string]any{}
		jobs := []map[string]string{}
		for j := range sizes[page] {
			jobs = append(jobs, map[string]string{"appId": "a", "backendEnvironmentName": "b", "jobId": "p" + strconv.Itoa(page) + "-" + strconv.Itoa(j)})
		}
		out["jobs"] = jobs
		if tok, ok := next[page]; ok {
			if tok != nil {
				out["nextToken"] = *tok
			}
		} else if page+1 < len(sizes) {
			out["nextToken"] = "t" + strconv.Itoa(page+1)
		}
		data, _ := json.Marshal(out)
		return reply{body: string(data)}
	}
}

func jobIDs(pages ...*types.ListBackendJobsResponse) []string {
	var ids []string
	for _, p := range pages {
		for _, j := range p.Jobs {
			ids = append(ids, *j.JobId)
		}
	}
	return ids
}

func sentTokens(t *testing.T, f *fakeService) []string {
	t.Helper()
	var toks []string
	for _, ex := range f.requests() {
		var in struct {
			NextToken  *string `json:"nextToken"`
			MaxResults *int    `json:"maxResults"`
		}
		require.NoError(t, json.Unmarshal([]byte(ex.body), &in))
		tok := "<none>"
		if in.NextToken != nil {
			tok = *in.NextToken
		}
		if in.MaxResults != nil {
			tok += "/" + strconv.Itoa(*in.MaxResults)
		}
		toks = append(toks, tok)
	}
	return toks
}

var jobsInput = &types.ListBackendJobsRequest{AppId: types.String("a"), BackendEnvironmentName: types.String("b"), Status: types.String("COMPLETED")}

func TestPaginatorThreePages(t *testing.T) {
	f, srv := newFakeService(t, pagedJobs([]int{2, 2, 1}, nil))
	c := newTestClient(t, srv, nil)
	p := NewListBackendJobsPaginator(c, jobsInput, types.PaginatorConfig{PageSize: 2})
	var pages []*types.ListBackendJobsResponse
	for p.HasMorePages() {
		page, err := p.NextPage(t.Context())
		require.NoError(t, err)
		pages = append(pages, page)
	}
	require.Len(t, pages, 3)
	assert.Equal(t, []string{"p0-0", "p0-1", "p1-0", "p1-1", "p2-0"}, jobIDs(pages...))
	assert.Equal(t, []string{"<none>/2", "t1/2", "t2/2"}, sentTokens(t, f))
	for _, ex := range f.requests() {
		assert.Contains(t, ex.body, `"status":"COMPLETED"`)
	}
	assert.Nil(t, jobsInput.NextToken, "the input is not modified")
	assert.Nil(t, jobsInput.MaxResults)

	_, err := p.NextPage(t.Context())
	assert.EqualError(t, err, "amplifybackend: the paginator has no more pages")
	assert.Len(t, f.requests(), 3)
}

func TestPaginatorMaxItems(t *testing.T) {
	f, srv := newFakeService(t, pagedJobs([]int{2, 2, 2, 2}, nil))
	c := newTestClient(t, srv, nil)
	p := NewListBackendJobsPaginator(c, jobsInput, types.PaginatorConfig{MaxItems: 5})
	var pages []*types.ListBackendJobsResponse
	for p.HasMorePages() {
		page, err := p.NextPage(t.Context())
		require.NoError(t, err)
		pages = append(pages, page)
	}
	require.Len(t, pages, 3)
	assert.Equal(t, []string{"p0-0", "p0-1", "p1-0", "p1-1", "p2-0"}, jobIDs(pages...))
	assert.Len(t, f.requests(), 3, "no page fetched beyond MaxItems")

	// MaxItems reached exactly at a page boundary.
	f2, srv2 := newFakeService(t, pagedJobs([]int{2, 2, 2}, nil))
	p = NewListBackendJobsPaginator(newTestClient(t, srv2, nil), jobsInput, types.PaginatorConfig{MaxItems: 4})
	pages = nil
	for p.HasMorePages() {
		page, err := p.NextPage(t.Context())
		require.NoError(t, err)
		pages = append(pages, page)
	}
	assert.Len(t, jobIDs(pages...), 4)
	assert.Len(t, f2.requests(), 2)
}

func TestPaginatorStops(t *testing.T) {
	empty, repeated := "", "t1"
	cases := []struct {
		name  string
		sizes []int
		next  map[int]*string
		want  []string
	}{
		{"empty token", []int{1, 1, 1}, map[int]*string{1: &empty}, []string{"<none>", "t1"}},
		{"repeated token", []int{1, 1, 1}, map[int]*string{1: &repeated}, []string{"<none>", "t1"}},
		{"no token", []int{3}, nil, []string{"<none>"}},
		{"empty pages with a token go on", []int{0, 0, 1}, nil, []string{"<none>", "t1", "t2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv := newFakeService(t, pagedJobs(tc.sizes, tc.next))
			p := NewListBackendJobsPaginator(newTestClient(t, srv, nil), jobsInput, types.PaginatorConfig{})
			for p.HasMorePages() {
				_, err := p.NextPage(t.Context())
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, sentTokens(t, f))
		})
	}
}

func TestPaginatorStartingToken(t *testing.T) {
	f, srv := newFakeService(t, pagedJobs([]int{1, 1, 1}, nil))
	in := *jobsInput
	in.NextToken = types.String("t1")
	p := NewListBackendJobsPaginator(newTestClient(t, srv, nil), &in, types.PaginatorConfig{StartingToken: "t2"})
	page, err := p.NextPage(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"p2-0"}, jobIDs(page))
	assert.False(t, p.HasMorePages())
	assert.Equal(t, []string{"t2"}, sentTokens(t, f))

	// Without StartingToken the input's NextToken is the start.
	f2, srv2 := newFakeService(t, pagedJobs([]int{1, 1, 1}, nil))
	p = NewListBackendJobsPaginator(newTestClient(t, srv2, nil), &in, types.PaginatorConfig{})
	for p.HasMorePages() {
		_, err := p.NextPage(t.Context())
		require.NoError(t, err)
	}
	assert.Equal(t, []string{"t1", "t2"}, sentTokens(t, f2))
}

func TestPaginatorError(t *testing.T) {
	f, srv := newFakeService(t, func(n int, ex exchange) reply {
		if n == 1 {
			return reply{status: 404, body: `{"message":"gone"}`}
		}
		return pagedJobs([]int{1, 1}, nil)(n, ex)
	})
	p := NewListBackendJobsPaginator(newTestClient(t, srv, nil), jobsInput, types.PaginatorConfig{})
	_, err := p.NextPage(t.Context())
	require.NoError(t, err)
	_, err = p.NextPage(t.Context())
	var nf *NotFoundException
	require.ErrorAs(t, err, &nf)
	assert.True(t, p.HasMorePages(), "the failed page can be asked for again")
	page, err := p.NextPage(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"p1-0"}, jobIDs(page))
	assert.False(t, p.HasMorePages())
	assert.Equal(t, []string{"<none>", "t1", "t1"}, sentTokens(t, f))

	// A nil input reports the missing members.
	p = NewListBackendJobsPaginator(newTestClient(t, srv, nil), nil, types.PaginatorConfig{})
	_, err = p.NextPage(t.Context())
	assert.ErrorContains(t, err, "AppId is required")
}
