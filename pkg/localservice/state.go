//go:build !nosign

package localservice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// stateVersion is the version of the state file's format.
const stateVersion = 1

// obj is a JSON object in the service's wire form (wire member names).
type obj = map[string]any

// state is everything the service knows. It is saved as one JSON file.
type state struct {
	Version int             `json:"version"`
	Seq     uint64          `json:"seq"` // the last sequence number given to a job
	Apps    map[string]*app `json:"apps"`
	// Tokens are keyed by app ID, "/" and session ID.
	Tokens map[string]*token `json:"tokens"`
}

type app struct {
	AppID   string          `json:"appId"`
	AppName string          `json:"appName"`
	Envs    map[string]*env `json:"environments"`
	// Config is the backend config (CreateBackendConfig), nil when none.
	Config obj `json:"config,omitempty"`
	// Jobs in the order they were recorded (ascending Seq).
	Jobs []*job `json:"jobs"`
}

type env struct {
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
	// ResourceName and ResourceConfig are what CreateBackend was given.
	ResourceName   string `json:"resourceName,omitempty"`
	ResourceConfig obj    `json:"resourceConfig,omitempty"`
	// Auth, API and Storage map a resource name to its resource.
	Auth    map[string]*resource `json:"auth"`
	API     map[string]*resource `json:"api"`
	Storage map[string]*resource `json:"storage"`
	// ImportedAuth records the ids of each ImportBackendAuth call.
	ImportedAuth []obj `json:"importedAuth,omitempty"`
}

// resource is an auth, API or storage resource: its config in wire form.
type resource struct {
	Config  obj       `json:"config"`
	Created time.Time `json:"created"`
	// Imported is set for storage that ImportBackendStorage recorded.
	Imported bool `json:"imported,omitempty"`
	// Models are the API models GenerateBackendAPIModels made (API only).
	Models *models `json:"models,omitempty"`
}

type models struct {
	Models        string `json:"models"`
	Introspection string `json:"introspection"`
	// Schema is the transform schema the models were generated from; the
	// models are STALE once the API's schema differs.
	Schema string `json:"schema"`
}

type job struct {
	Seq       uint64    `json:"seq"`
	JobID     string    `json:"jobId"`
	Env       string    `json:"backendEnvironmentName"`
	Operation string    `json:"operation"`
	Created   time.Time `json:"createTime"`
	// Status and Updated are set once UpdateBackendJob changed the job;
	// until then its status follows from the job delay.
	Status  string    `json:"status,omitempty"`
	Updated time.Time `json:"updateTime,omitzero"`
}

type token struct {
	AppID         string    `json:"appId"`
	SessionID     string    `json:"sessionId"`
	ChallengeCode string    `json:"challengeCode"`
	Expires       time.Time `json:"expires"`
}

func newState() *state {
	return &state{Version: stateVersion, Apps: map[string]*app{}, Tokens: map[string]*token{}}
}

// decodeState reads a state file's content, refusing anything that is not
// a state this version wrote.
func decodeState(data []byte) (*state, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	d.DisallowUnknownFields()
	s := new(state)
	if err := d.Decode(s); err != nil {
		return nil, fmt.Errorf("not a valid state file: %w", err)
	}
	if d.More() {
		return nil, errors.New("not a valid state file: text after the JSON value")
	}
	if s.Version != stateVersion {
		return nil, fmt.Errorf("state file version %d; this program reads version %d", s.Version, stateVersion)
	}
	if s.Apps == nil {
		s.Apps = map[string]*app{}
	}
	if s.Tokens == nil {
		s.Tokens = map[string]*token{}
	}
	for id, a := range s.Apps {
		if a == nil || a.AppID != id {
			return nil, fmt.Errorf("not a valid state file: app %q is inconsistent", id)
		}
		if a.Envs == nil {
			a.Envs = map[string]*env{}
		}
		for name, e := range a.Envs {
			if e == nil || e.Name != name {
				return nil, fmt.Errorf("not a valid state file: environment %q of app %q is inconsistent", name, id)
			}
			e.init()
		}
	}
	return s, nil
}

func (e *env) init() {
	if e.Auth == nil {
		e.Auth = map[string]*resource{}
	}
	if e.API == nil {
		e.API = map[string]*resource{}
	}
	if e.Storage == nil {
		e.Storage = map[string]*resource{}
	}
}

// loadState reads the state file at path. A missing file is an empty
// state; an unreadable or invalid one is an error, and the file is left as
// it is.
func loadState(path string) (*state, []byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return newState(), nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("state file %s: %w", path, err)
	}
	s, err := decodeState(data)
	if err != nil {
		return nil, nil, fmt.Errorf("state file %s: %w (it was left unchanged; move it away to start empty)", path, err)
	}
	return s, data, nil
}

// saveFile writes data to path atomically and durably: a temporary file in
// the same directory, fsync, rename over path, fsync of the directory. A
// crash at any point leaves either the old or the new file.
func saveFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		err = d.Sync()
		d.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
