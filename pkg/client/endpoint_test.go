package client

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// modelPartitions is model/partitions.json, read by the tests on their own.
type modelPartitions struct {
	Partitions []struct {
		ID          string                    `json:"id"`
		RegionRegex string                    `json:"regionRegex"`
		Regions     map[string]map[string]any `json:"regions"`
		Outputs     struct {
			DNSSuffix          string `json:"dnsSuffix"`
			DualStackDNSSuffix string `json:"dualStackDnsSuffix"`
			SupportsFIPS       bool   `json:"supportsFIPS"`
			SupportsDualStack  bool   `json:"supportsDualStack"`
		} `json:"outputs"`
	} `json:"partitions"`
}

func loadModelPartitions(t *testing.T) modelPartitions {
	t.Helper()
	data, err := os.ReadFile("../../model/partitions.json")
	require.NoError(t, err)
	var p modelPartitions
	require.NoError(t, json.Unmarshal(data, &p))
	require.Len(t, p.Partitions, 8)
	return p
}

// TestEndpointsFromPartitions: every region partitions.json lists, with and
// without FIPS and dual-stack, resolves to the URL the rule set's templates
// make of its partition's outputs, written out here from partitions.json
// independently of the generated code.
func TestEndpointsFromPartitions(t *testing.T) {
	mp := loadModelPartitions(t)
	ids := map[string]bool{}
	n := 0
	for _, p := range mp.Partitions {
		ids[p.ID] = true
		require.NotEmpty(t, p.Regions, p.ID)
		for region := range p.Regions {
			for _, fips := range []bool{false, true} {
				for _, ds := range []bool{false, true} {
					host := "amplifybackend"
					if fips {
						host += "-fips"
					}
					suffix := p.Outputs.DNSSuffix
					if ds {
						suffix = p.Outputs.DualStackDNSSuffix
					}
					want := "https://" + host + "." + region + "." + suffix
					ep, err := ResolveEndpoint(BuildOptions{Region: region, UseFIPSEndpoint: fips, UseDualStackEndpoint: ds})
					require.NoError(t, err, "%s fips=%v dualstack=%v", region, fips, ds)
					assert.Equal(t, want, ep.URL, "%s fips=%v dualstack=%v", region, fips, ds)
					assert.Equal(t, region, ep.SigningRegion)
					assert.Equal(t, "amplifybackend", ep.SigningName)
					n++
				}
			}
		}
	}
	for _, id := range []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"} {
		assert.True(t, ids[id], "partition %s is missing from partitions.json", id)
	}
	assert.Greater(t, n, 200)
}

// goldenCase is one case of testdata/endpoints/golden.json, which botocore's
// rules engine wrote (scripts/endpoints-golden.py).
type goldenCase struct {
	Scenario string `json:"scenario"`
	Params   struct {
		Region       *string `json:"Region"`
		Endpoint     *string `json:"Endpoint"`
		UseFIPS      bool    `json:"UseFIPS"`
		UseDualStack bool    `json:"UseDualStack"`
	} `json:"params"`
	URL        string         `json:"url"`
	Error      string         `json:"error"`
	Properties map[string]any `json:"properties"`
	Headers    map[string]any `json:"headers"`
}

// restrictPartitions makes the change of the golden file's "restricted"
// scenario: no FIPS in aws-iso-b, no dual-stack in aws-iso-e. It returns
// the function that undoes it.
func restrictPartitions(t *testing.T) func() {
	saved := partitions
	found := 0
	for i := range partitions {
		switch partitions[i].id {
		case "aws-iso-b":
			partitions[i].outputs.supportsFIPS = false
			found++
		case "aws-iso-e":
			partitions[i].outputs.supportsDualStack = false
			found++
		}
	}
	require.Equal(t, 2, found)
	return func() { partitions = saved }
}

// TestEndpointsGolden: the generated resolver agrees with botocore's
// interpretation of the same rule set and partitions on every case of the
// golden file: URLs, properties and the rule set's error messages.
func TestEndpointsGolden(t *testing.T) {
	data, err := os.ReadFile("../../testdata/endpoints/golden.json")
	require.NoError(t, err)
	var g struct {
		Generator string       `json:"generator"`
		Cases     []goldenCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(data, &g))
	require.Contains(t, g.Generator, "botocore")
	require.Greater(t, len(g.Cases), 500)

	covered := map[string]int{}
	messages := map[string]bool{}
	for _, scenario := range []string{"standard", "restricted"} {
		undo := func() {}
		if scenario == "restricted" {
			undo = restrictPartitions(t)
		}
		for _, c := range g.Cases {
			if c.Scenario != scenario {
				continue
			}
			var o BuildOptions
			if c.Params.Region != nil {
				o.Region = *c.Params.Region
			}
			if c.Params.Endpoint != nil {
				o.Endpoint = *c.Params.Endpoint
			}
			o.UseFIPSEndpoint, o.UseDualStackEndpoint = c.Params.UseFIPS, c.Params.UseDualStack
			name := scenario + " " + strings.TrimSpace(o.Region+" "+o.Endpoint)
			ep, err := ResolveEndpoint(o)
			if c.Error != "" {
				var verr *validate.Error
				if assert.ErrorAs(t, err, &verr, "%s: want %q", name, c.Error) {
					require.Len(t, verr.Problems, 1)
					assert.Equal(t, c.Error, verr.Problems[0].Message, name)
				}
				messages[c.Error] = true
				continue
			}
			require.NoError(t, err, name)
			assert.Equal(t, c.URL, ep.URL, "%s fips=%v dualstack=%v", name, o.UseFIPSEndpoint, o.UseDualStackEndpoint)
			assert.Empty(t, c.Properties, "the rule set gained endpoint properties: check the signing region")
			assert.Empty(t, c.Headers)
			if scenario == "standard" && o.Endpoint == "" {
				covered[o.Region]++
			}
		}
		undo()
	}
	// Every listed region, in all four combinations.
	for _, p := range loadModelPartitions(t).Partitions {
		for r := range p.Regions {
			assert.Equal(t, 4, covered[r], "region %s: the golden file lacks cases; run scripts/endpoints-golden.py", r)
		}
	}
	// Every error the rule set has, once at least.
	for _, m := range []string{
		"Invalid Configuration: FIPS and custom endpoint are not supported",
		"Invalid Configuration: Dualstack and custom endpoint are not supported",
		"FIPS and DualStack are enabled, but this partition does not support one or both",
		"FIPS is enabled but this partition does not support FIPS",
		"DualStack is enabled but this partition does not support DualStack",
		"Invalid Configuration: Missing Region",
	} {
		assert.True(t, messages[m], "no golden case for %q", m)
	}
}

// TestPartitionTable: the generated table is partitions.json.
func TestPartitionTable(t *testing.T) {
	mp := loadModelPartitions(t)
	require.Len(t, partitions, len(mp.Partitions))
	for i, want := range mp.Partitions {
		got := partitions[i]
		assert.Equal(t, want.ID, got.id)
		assert.Equal(t, want.ID, got.outputs.name)
		assert.Equal(t, want.RegionRegex, got.regionRegex)
		assert.Equal(t, want.Outputs.DNSSuffix, got.outputs.dnsSuffix)
		assert.Equal(t, want.Outputs.DualStackDNSSuffix, got.outputs.dualStackDNSSuffix)
		assert.Equal(t, want.Outputs.SupportsFIPS, got.outputs.supportsFIPS)
		assert.Equal(t, want.Outputs.SupportsDualStack, got.outputs.supportsDualStack)
		var regions []string
		for r := range want.Regions {
			regions = append(regions, r)
		}
		sort.Strings(regions)
		assert.Equal(t, regions, got.regions)
	}
	assert.Equal(t, "aws", partitions[defaultPartition].id)
}

// TestRegionPatternMatcher: the compiled region patterns decide exactly as
// package regexp does on each partition's regionRegex.
func TestRegionPatternMatcher(t *testing.T) {
	var samples []string
	for _, p := range partitions {
		samples = append(samples, p.regions...)
	}
	samples = append(samples, "", "-", "us", "us-", "us-east", "us-east-", "us-east-1", "us-east-12345", "us-East_2-1",
		"us-iso-east-1", "us-isob-east-1", "us-isof-a-1", "us-gov-1-1", "cn--1", "cn-x-", "cn-x-1a", "eusc-de-east-1",
		"eusc-fr-east-1", "eusc-de--1", "eu-isoe-west-1", "eu-isoe-west", "xx-east-1", "us-east-1 ", " us-east-1",
		"us-east-1\n", "ap-south-٣", "us-e\u00e9st-1", "mx-central-1", "il-x-0", "sa-a_b-00")
	// Every prefix and single-byte mutation of the listed regions.
	base := append([]string(nil), samples...)
	for _, s := range base {
		for i := 0; i <= len(s); i++ {
			samples = append(samples, s[:i])
			for _, c := range []byte{'-', '_', 'A', '1', 'z', '.'} {
				if i < len(s) {
					samples = append(samples, s[:i]+string(c)+s[i+1:])
				}
				samples = append(samples, s[:i]+string(c)+s[i:])
			}
		}
	}
	for i := range partitions {
		p := &partitions[i]
		re := regexp.MustCompile(p.regionRegex)
		for _, s := range samples {
			assert.Equal(t, re.MatchString(s), p.matches(s), "partition %s, %q", p.id, s)
		}
	}
	assert.Greater(t, len(samples), 5000)
}

func TestValidRegion(t *testing.T) {
	for _, r := range []string{"us-east-1", "cn-north-1", "us-gov-west-1", "ap-southeast-5", "il-central-1", "us-isob-east-1",
		"eu-west-10", "eusc-de-east-1", "eu-isoe-west-1", "us-isof-south-1", "us-iso-west-1", "aws-global", "aws-iso-b-global",
		"mx-central-1", "eusc-de-west-7", "us-isof-east-9"} {
		assert.True(t, ValidRegion(r), r)
	}
	for _, r := range []string{"", "us", "us-1", "us--east-1", "us-east-", "us-east-1a", "use-east-1", "u1-east-1",
		"us-East-1", "us-east-1 ", " us-east-1", "us-east-1.", "us-ea.st-1", "us-east-1\n", "-us-east-1", "us-east--1",
		"us-east_1-1", "xx-a-100", "eusc-fr-east-1", "local", "us-" + strings.Repeat("a", 60) + "-1"} {
		assert.False(t, ValidRegion(r), "%q", r)
	}
}

// TestEndpointProblems: what each refused combination reports, and where.
func TestEndpointProblems(t *testing.T) {
	for _, tc := range []struct {
		opts    BuildOptions
		path    string
		code    validate.Code
		message string
	}{
		{BuildOptions{}, "/region", validate.CodeRequired, "Invalid Configuration: Missing Region"},
		{BuildOptions{UseFIPSEndpoint: true}, "/region", validate.CodeRequired, "Invalid Configuration: Missing Region"},
		{BuildOptions{Endpoint: "http://127.0.0.1:1", UseFIPSEndpoint: true}, "/useFipsEndpoint", validate.CodeInvalid,
			"Invalid Configuration: FIPS and custom endpoint are not supported"},
		{BuildOptions{Region: "us-east-1", Endpoint: "http://127.0.0.1:1", UseDualStackEndpoint: true}, "/useDualstackEndpoint", validate.CodeInvalid,
			"Invalid Configuration: Dualstack and custom endpoint are not supported"},
		{BuildOptions{Region: "xx-east-1"}, "/region", validate.CodeInvalid,
			`The region "xx-east-1" is in no AWS partition: it is neither a known region nor of the form of one (such as us-east-1, cn-north-1, us-gov-west-1, us-iso-east-1 or eusc-de-east-1).`},
		{BuildOptions{Region: "US-EAST-1", UseFIPSEndpoint: true}, "/region", validate.CodeInvalid,
			`The region "US-EAST-1" is not a valid AWS region name; expected a name such as us-east-1 or cn-north-1 (lower-case words separated by '-', ending in a number).`},
	} {
		ps := tc.opts.Check()
		if assert.Len(t, ps, 1, "%+v", tc.opts) {
			assert.Equal(t, validate.Problem{Path: tc.path, Code: tc.code, Message: tc.message}, ps[0], "%+v", tc.opts)
		}
		_, err := Build("GetBackend", []byte(`{"AppId":"a"}`), tc.opts)
		var verr *validate.Error
		require.ErrorAs(t, err, &verr)
		assert.Equal(t, ps, verr.Problems)
	}

	undo := restrictPartitions(t)
	defer undo()
	ps := BuildOptions{Region: "us-isob-east-1", UseFIPSEndpoint: true}.Check()
	assert.Equal(t, []validate.Problem{{Path: "/useFipsEndpoint", Code: validate.CodeInvalid, Message: "FIPS is enabled but this partition does not support FIPS"}}, ps)
	ps = BuildOptions{Region: "eu-isoe-west-1", UseDualStackEndpoint: true}.Check()
	assert.Equal(t, []validate.Problem{{Path: "/useDualstackEndpoint", Code: validate.CodeInvalid, Message: "DualStack is enabled but this partition does not support DualStack"}}, ps)
}

// TestBuildFIPSDualStack: the options reach the request's URL and Host.
func TestBuildFIPSDualStack(t *testing.T) {
	req, err := Build("GetBackend", []byte(`{"AppId":"a1"}`), BuildOptions{Region: "us-gov-west-1", UseFIPSEndpoint: true, UseDualStackEndpoint: true})
	require.NoError(t, err)
	assert.Equal(t, "https://amplifybackend-fips.us-gov-west-1.api.aws/backend/a1/details", req.URL)
	assert.Equal(t, []string{"amplifybackend-fips.us-gov-west-1.api.aws"}, req.Headers["Host"])

	req, err = Build("GetBackend", []byte(`{"AppId":"a1"}`), BuildOptions{Region: "eusc-de-east-1"})
	require.NoError(t, err)
	assert.Equal(t, "https://amplifybackend.eusc-de-east-1.amazonaws.eu/backend/a1/details", req.URL)
}

// BenchmarkResolveEndpoint: what resolving costs Build per call.
func BenchmarkResolveEndpoint(b *testing.B) {
	o := BuildOptions{Region: "us-isob-east-1", UseFIPSEndpoint: true}
	var ps []validate.Problem
	for b.Loop() {
		if _, ok := resolveEndpoint(&o, &ps); !ok {
			b.Fatal(ps)
		}
	}
}
