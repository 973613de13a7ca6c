package cli

import (
	"errors"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// reportFormat is validate's --format: text, json, sarif or github.
type reportFormat string

func (f *reportFormat) String() string { return string(*f) }

func (f *reportFormat) Set(s string) error {
	switch s {
	case "text", "json", "sarif", "github":
		*f = reportFormat(s)
		return nil
	}
	return errors.New(`must be "text", "json", "sarif" or "github"`)
}

// severity says whether a diagnostic is an error (the input is invalid) or a
// warning (it is valid, and the service documents something about it, such
// as a deprecated member).
type severity string

const (
	sevError   severity = "error"
	sevWarning severity = "warning"
)

// position and textRange are a problem's place in the file as the output
// formats print it: lines and columns from 1, columns and offsets in UTF-16
// code units (the unit SARIF's default columnKind, LSP and editors use).
type position struct{ Line, Column, Offset int }

type textRange struct{ Start, End position }

// diag is one problem of one file, as the text, SARIF and GitHub formats
// print it.
type diag struct {
	sev     severity
	path    string
	code    validate.Code
	message string
	rng     *textRange // nil when the problem has no place in the text
}

// validateReport is one element of `validate --format json`.
type validateReport struct {
	File     string             `json:"file"`
	Valid    bool               `json:"valid"`
	Errors   []validate.Problem `json:"errors"`
	Warnings []validate.Problem `json:"warnings"`
}

// fileDiags is the diagnostics of one file.
type fileDiags struct {
	file  string
	diags []diag
}

// diagsOf returns the errors and warnings of a report in the order of their
// place in the file (problems without one first, then by offset; ties keep
// the validator's order).
func diagsOf(rep validateReport) []diag {
	ds := make([]diag, 0, len(rep.Errors)+len(rep.Warnings))
	for _, p := range rep.Errors {
		ds = append(ds, diagOf(sevError, p))
	}
	for _, p := range rep.Warnings {
		ds = append(ds, diagOf(sevWarning, p))
	}
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].rng, ds[j].rng
		if a == nil || b == nil {
			return a == nil && b != nil
		}
		return a.Start.Offset < b.Start.Offset
	})
	return ds
}

// ruleDescriptions are the SARIF rules: one per problem code, in the order
// of validate's Code constants, then the warning codes.
var ruleDescriptions = []struct {
	code  validate.Code
	level severity
	text  string
}{
	{validate.CodeRequired, sevError, "A required member is missing or null."},
	{validate.CodeType, sevError, "A value has the wrong JSON type (a fraction where an integer is expected included)."},
	{validate.CodeEnum, sevError, "A string is not one of the values the model allows."},
	{validate.CodeRange, sevError, "A number is outside the model's minimum and maximum."},
	{validate.CodeUnknown, sevError, "A member the shape does not have."},
	{validate.CodeEmpty, sevError, "A member that is part of the request URI is empty."},
	{validate.CodeSyntax, sevError, "The input is not valid JSON."},
	{validate.CodeDuplicate, sevError, "An object has the same member twice."},
	{validate.CodeLimit, sevError, "The input exceeds a limit (size, depth or length)."},
	{validate.CodeInvalid, sevError, "A value is malformed in a way the other codes do not describe."},
	{codeDeprecated, sevWarning, "A member the service documents as deprecated is set."},
}

// codeDeprecated is the code of the warning for a deprecated member.
const codeDeprecated = validate.CodeDeprecated

// writeText writes one compiler-style line per problem:
// "FILE:LINE:COL: error: PATH: MESSAGE [CODE]" ("FILE: error: ..." for a
// problem without a place, no "PATH: " for the whole input).
func writeText(b *strings.Builder, file string, ds []diag, redact func(string) string) {
	file = printable(redact(file))
	for _, d := range ds {
		b.WriteString(file)
		if d.rng != nil {
			b.WriteString(":" + strconv.Itoa(d.rng.Start.Line) + ":" + strconv.Itoa(d.rng.Start.Column))
		}
		b.WriteString(": " + string(d.sev) + ": ")
		if d.path != "" {
			b.WriteString(printable(redact(d.path)))
			b.WriteString(": ")
		}
		b.WriteString(printable(redact(d.message)))
		b.WriteString(" [" + string(d.code) + "]\n")
	}
}

// writeGitHub writes GitHub Actions workflow commands, one per problem:
// "::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::MESSAGE".
// GitHub shows them as annotations on the file. endColumn is the column just
// after the span, as in the other formats; a span over several lines has
// line and endLine only (GitHub ignores columns across lines).
func writeGitHub(b *strings.Builder, file string, ds []diag, redact func(string) string) {
	file = redact(file)
	for _, d := range ds {
		b.WriteString("::" + string(d.sev) + " file=" + ghProperty(file))
		if d.rng != nil {
			// GitHub takes columns only for a span on one line.
			if d.rng.Start.Line == d.rng.End.Line {
				b.WriteString(",line=" + strconv.Itoa(d.rng.Start.Line) + ",col=" + strconv.Itoa(d.rng.Start.Column))
				b.WriteString(",endLine=" + strconv.Itoa(d.rng.End.Line) + ",endColumn=" + strconv.Itoa(d.rng.End.Column))
			} else {
				b.WriteString(",line=" + strconv.Itoa(d.rng.Start.Line) + ",endLine=" + strconv.Itoa(d.rng.End.Line))
			}
		}
		b.WriteString(",title=" + ghProperty(Program+" "+string(d.code)) + "::")
		msg := redact(d.message)
		if d.path != "" {
			msg = redact(d.path) + ": " + msg
		}
		b.WriteString(ghData(msg) + "\n")
	}
}

// ghData escapes the message of a workflow command (what the GitHub runner
// and @actions/core unescape).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value of a workflow command.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF 2.1.0 (OASIS), the parts this report uses.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

// projectURL is the project's home, as the npm packages name it.
const projectURL = "https://github.com/amplifybackend-wasm/amplifybackend-wasm"

type sarifRule struct {
	ID                   string          `json:"id"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI         string        `json:"uri,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
	CharOffset  int `json:"charOffset"`
	CharLength  int `json:"charLength"`
}

// sarifLogical names the value a problem concerns by its JSON pointer.
type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// sarifReport is the SARIF log of a validate run: one run, a rule per
// problem code, a result per problem with its region (columns in UTF-16
// code units, the SARIF default, stated in columnKind).
func sarifReport(files []fileDiags, version string, redact func(string) string) sarifLog {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: Program, Version: version, InformationURI: projectURL}},
		ColumnKind: "utf16CodeUnits",
		Results:    []sarifResult{},
	}
	index := map[validate.Code]int{}
	for i, rd := range ruleDescriptions {
		index[rd.code] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   string(rd.code),
			ShortDescription:     sarifMessage{rd.text},
			DefaultConfiguration: sarifRuleConfig{string(rd.level)},
		})
	}
	for _, f := range files {
		art := artifactOf(redact(f.file))
		for _, d := range f.diags {
			i, ok := index[d.code]
			if !ok {
				// A code this table lacks: a rule is made for it, so that the
				// log stays valid (every ruleIndex names a rule).
				i = len(run.Tool.Driver.Rules)
				index[d.code] = i
				run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
					ID:                   string(d.code),
					ShortDescription:     sarifMessage{"Problem code " + string(d.code) + "."},
					DefaultConfiguration: sarifRuleConfig{string(d.sev)},
				})
			}
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: art}}
			if d.rng != nil {
				loc.PhysicalLocation.Region = &sarifRegion{
					StartLine: d.rng.Start.Line, StartColumn: d.rng.Start.Column,
					EndLine: d.rng.End.Line, EndColumn: d.rng.End.Column,
					CharOffset: d.rng.Start.Offset, CharLength: d.rng.End.Offset - d.rng.Start.Offset,
				}
			}
			if d.path != "" {
				loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: redact(d.path), Kind: "value"}}
			}
			run.Results = append(run.Results, sarifResult{
				RuleID:    string(d.code),
				RuleIndex: i,
				Level:     string(d.sev),
				Message:   sarifMessage{redact(d.message)},
				Locations: []sarifLocation{loc},
			})
		}
	}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
}

// artifactOf is the SARIF artifact location of a file argument: a relative
// URI reference for a relative path, a file: URI for an absolute one, and a
// description for standard input, which has no URI.
func artifactOf(file string) sarifArtifact {
	if file == stdinName {
		return sarifArtifact{Description: &sarifMessage{"standard input"}}
	}
	p := filepath.ToSlash(file)
	if strings.HasPrefix(p, "/") {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: p}).String()}
}

func diagOf(sev severity, p validate.Problem) diag {
	return diag{sev: sev, path: p.Path, code: p.Code, message: p.Message, rng: rangeOf(p)}
}
