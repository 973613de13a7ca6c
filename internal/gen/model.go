package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// botocore JSON model, only the parts the generator reads.
type rawModel struct {
	Metadata   map[string]any          `json:"metadata"`
	Operations map[string]rawOperation `json:"operations"`
	Shapes     map[string]rawShape     `json:"shapes"`
}

type rawOperation struct {
	Name string `json:"name"`
	HTTP struct {
		Method       string `json:"method"`
		RequestURI   string `json:"requestUri"`
		ResponseCode int    `json:"responseCode"`
	} `json:"http"`
	Input  *struct{ Shape string }  `json:"input"`
	Output *struct{ Shape string }  `json:"output"`
	Errors []struct{ Shape string } `json:"errors"`
}

type rawShape struct {
	Type      string                  `json:"type"`
	Members   map[string]rawMember    `json:"members"`
	Required  []string                `json:"required"`
	Member    *struct{ Shape string } `json:"member"`
	Enum      []string                `json:"enum"`
	Min       *int64                  `json:"min"`
	Max       *int64                  `json:"max"`
	Sensitive bool                    `json:"sensitive"`
	Exception bool                    `json:"exception"`
	Error     *struct {
		HTTPStatusCode int `json:"httpStatusCode"`
	} `json:"error"`
	TimestampFormat string `json:"timestampFormat"`
}

type rawMember struct {
	Shape        string `json:"shape"`
	Location     string `json:"location"`
	LocationName string `json:"locationName"`
}

// Model is the loaded service model in a form convenient for the emitters:
// every list is sorted by name so that the output is deterministic.
type Model struct {
	Metadata   map[string]any
	Shapes     []*Shape // sorted by Name
	Operations []*Operation
	byName     map[string]*Shape
	// Dir is the directory of the model file, where its companion files
	// (endpoint rule set, partitions) are.
	Dir string
}

// Shape is one model shape.
type Shape struct {
	ID        int
	Name      string
	Type      string // structure, list, string, integer, long, double, boolean, timestamp
	Members   []*Member
	Elem      *Shape // list member
	Enum      []string
	Min, Max  *int64
	Sensitive bool
	Exception bool
	HTTPError int
	// Freeform marks a structure with no members; the typed-dict
	// documentation calls it Mapping[str, Any], so any object is accepted.
	Freeform bool
	// Referenced is true when an operation reaches this shape.
	Referenced bool
	// UsedAsOutput is true for the output shape of an operation.
	UsedAsOutput bool
	UsedAsInput  bool
}

// Member is one member of a structure.
type Member struct {
	Name     string
	Wire     string
	Location string // "" (body) or "uri"
	Shape    *Shape
	Required bool
	// Deprecated: the service documents the member as deprecated
	// (model/deprecated.json).
	Deprecated bool
}

// Operation is one API operation.
type Operation struct {
	Name         string
	Method       string
	URI          string
	ResponseCode int
	Input        *Shape
	Output       *Shape
	Errors       []*Shape
}

// rawDeprecated is model/deprecated.json: the members whose documentation
// in the service model is marked (DEPRECATED). The model copy in model/ has
// its documentation removed, so the list is kept beside it.
type rawDeprecated struct {
	Members []struct {
		Shape  string `json:"shape"`
		Member string `json:"member"`
	} `json:"members"`
}

// loadDeprecated marks the members listed in deprecated.json, which sits
// beside the model; a listed member the model lacks is an error.
func loadDeprecated(m *Model, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var raw rawDeprecated
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, d := range raw.Members {
		s := m.byName[d.Shape]
		found := false
		if s != nil {
			for _, mem := range s.Members {
				if mem.Name == d.Member {
					mem.Deprecated, found = true, true
				}
			}
		}
		if !found {
			return fmt.Errorf("%s: %s.%s is not a member of the model", path, d.Shape, d.Member)
		}
	}
	return nil
}

func loadModel(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw rawModel
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := &Model{Metadata: raw.Metadata, byName: map[string]*Shape{}, Dir: filepath.Dir(path)}
	names := make([]string, 0, len(raw.Shapes))
	for n := range raw.Shapes {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		rs := raw.Shapes[n]
		s := &Shape{ID: i, Name: n, Type: rs.Type, Enum: rs.Enum, Min: rs.Min, Max: rs.Max,
			Sensitive: rs.Sensitive, Exception: rs.Exception}
		if rs.Error != nil {
			s.HTTPError = rs.Error.HTTPStatusCode
		}
		m.Shapes = append(m.Shapes, s)
		m.byName[n] = s
	}
	for _, s := range m.Shapes {
		rs := raw.Shapes[s.Name]
		switch s.Type {
		case "structure":
			req := map[string]bool{}
			for _, r := range rs.Required {
				if _, ok := rs.Members[r]; !ok {
					return nil, fmt.Errorf("shape %s: required member %s does not exist", s.Name, r)
				}
				req[r] = true
			}
			mnames := make([]string, 0, len(rs.Members))
			for mn := range rs.Members {
				mnames = append(mnames, mn)
			}
			sort.Strings(mnames)
			for _, mn := range mnames {
				rm := rs.Members[mn]
				target := m.byName[rm.Shape]
				if target == nil {
					return nil, fmt.Errorf("shape %s member %s: unknown shape %s", s.Name, mn, rm.Shape)
				}
				if rm.Location != "" && rm.Location != "uri" {
					return nil, fmt.Errorf("shape %s member %s: location %q is not supported", s.Name, mn, rm.Location)
				}
				wire := rm.LocationName
				if wire == "" {
					wire = mn
				}
				s.Members = append(s.Members, &Member{Name: mn, Wire: wire, Location: rm.Location, Shape: target, Required: req[mn]})
			}
			if len(s.Members) > 64 {
				// The validator tracks members seen in a 64-bit set.
				return nil, fmt.Errorf("shape %s has %d members; at most 64 are supported", s.Name, len(s.Members))
			}
			s.Freeform = len(s.Members) == 0
		case "list":
			if rs.Member == nil || m.byName[rs.Member.Shape] == nil {
				return nil, fmt.Errorf("list shape %s has no valid member", s.Name)
			}
			s.Elem = m.byName[rs.Member.Shape]
		}
	}
	opNames := make([]string, 0, len(raw.Operations))
	for n := range raw.Operations {
		opNames = append(opNames, n)
	}
	sort.Strings(opNames)
	for _, n := range opNames {
		ro := raw.Operations[n]
		op := &Operation{Name: n, Method: ro.HTTP.Method, URI: ro.HTTP.RequestURI, ResponseCode: ro.HTTP.ResponseCode}
		if ro.Input == nil || ro.Output == nil {
			return nil, fmt.Errorf("operation %s: input and output are required", n)
		}
		op.Input = m.byName[ro.Input.Shape]
		op.Output = m.byName[ro.Output.Shape]
		op.Input.UsedAsInput = true
		op.Output.UsedAsOutput = true
		for _, e := range ro.Errors {
			op.Errors = append(op.Errors, m.byName[e.Shape])
		}
		m.Operations = append(m.Operations, op)
		for s := range reachable(append([]*Shape{op.Input, op.Output}, op.Errors...)...) {
			s.Referenced = true
		}
	}
	if err := loadDeprecated(m, filepath.Join(filepath.Dir(path), "deprecated.json")); err != nil {
		return nil, err
	}
	return m, nil
}

// reachable returns the set of shapes the roots reach through members and
// list elements, the roots included.
func reachable(roots ...*Shape) map[*Shape]bool {
	seen := map[*Shape]bool{}
	var walk func(*Shape)
	walk = func(s *Shape) {
		if seen[s] {
			return
		}
		seen[s] = true
		for _, mem := range s.Members {
			walk(mem.Shape)
		}
		if s.Elem != nil {
			walk(s.Elem)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return seen
}

// Shape returns the shape with the given name, or nil.
func (m *Model) Shape(name string) *Shape { return m.byName[name] }
