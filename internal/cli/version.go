package cli

import (
	"runtime"
	"runtime/debug"
)

// version is what --version prints after the program name: the host's
// version when it gives one (Env.Version), otherwise the Go build's main
// module version ("v1.2.3" when installed with go install ...@v1.2.3; a
// pseudo-version stamped from the VCS by go build in a checkout), or, when
// the build has none, "devel" with the VCS revision it was built from.
// The Go version and the platform follow in parentheses.
func (r *runner) version() string {
	return r.toolVersion() + " (" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")"
}

// toolVersion is the version alone (what SARIF's tool.driver.version holds).
func (r *runner) toolVersion() string {
	if r.env.Version != "" {
		return r.env.Version
	}
	return buildVersion()
}

func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "+dirty"
	}
	return "devel " + rev
}
