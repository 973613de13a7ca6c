package dispatch_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// TestLimitsTableMatchesCode: SECURITY.md holds the one table of limits
// (README.md links to it); each row that names a Go identifier states the
// value the code has, and every such identifier has its row.
func TestLimitsTableMatchesCode(t *testing.T) {
	want := map[string]int64{
		"validate.DefaultLimits.MaxInputBytes": int64(validate.DefaultLimits.MaxInputBytes),
		"validate.Limits.MaxDepth":             int64(validate.DefaultLimits.MaxDepth),
		"validate.Limits.MaxStringBytes":       int64(validate.DefaultLimits.MaxStringBytes),
		"validate.Limits.MaxArrayLen":          int64(validate.DefaultLimits.MaxArrayLen),
		"validate.Limits.MaxProblems":          int64(validate.DefaultLimits.MaxProblems),
		"dispatch.MaxInputBytes":               dispatch.MaxInputBytes,
		"client.MaxURLBytes":                   client.MaxURLBytes,
		"client.MaxHeaders":                    client.MaxHeaders,
		"client.MaxHeaderValueBytes":           client.MaxHeaderValueBytes,
		"client.MaxHeaderBytes":                client.MaxHeaderBytes,
		"client.MaxBodyBytes":                  client.MaxBodyBytes,
		"client.MaxExpires":                    int64(client.MaxExpires / time.Second),
		"client.MaxResponseBodyBytes":          client.MaxResponseBodyBytes,
	}
	doc := readFile(t, "../../SECURITY.md")
	seen := map[string]bool{}
	for _, line := range strings.Split(doc, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 5 || !strings.HasPrefix(line, "|") {
			continue
		}
		def, where := strings.TrimSpace(cells[2]), cells[3]
		for id, v := range want {
			if !strings.Contains(where, "`"+id+"`") {
				continue
			}
			seen[id] = true
			got, ok := docValue(def)
			if !ok || got != v {
				t.Errorf("SECURITY.md: %s is %q in the limits table; the code says %d", id, def, v)
			}
			break
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("SECURITY.md's limits table has no row for %s", id)
		}
	}
	readme := readFile(t, "../../README.md")
	if strings.Contains(readme, "| `client.MaxURLBytes`") || strings.Contains(readme, "`validate.Limits.MaxDepth` |") {
		t.Error("README.md repeats the limits table; it links to SECURITY.md's instead")
	}
	if !strings.Contains(readme, "SECURITY.md#limits") {
		t.Error("README.md does not link to SECURITY.md#limits")
	}
}

// docValue reads "1 MiB", "512 KiB", "10,000 elements", "100" or
// "1 s to 7 days" (the upper bound, in seconds).
func docValue(s string) (int64, bool) {
	if _, hi, ok := strings.Cut(s, " to "); ok {
		n, unit, _ := strings.Cut(hi, " ")
		v, err := strconv.ParseInt(n, 10, 64)
		if err != nil || unit != "days" {
			return 0, false
		}
		return v * 24 * 3600, true
	}
	n, unit, _ := strings.Cut(s, " ")
	v, err := strconv.ParseInt(strings.ReplaceAll(n, ",", ""), 10, 64)
	if err != nil {
		return 0, false
	}
	switch unit {
	case "KiB":
		v <<= 10
	case "MiB":
		v <<= 20
	}
	return v, true
}
