package localservice_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
)

// The real clients run test/localservice/lifecycle.json against the local
// service: boto3 and the AWS CLI from Debian (python3-boto3, awscli), and
// @aws-sdk/client-amplifybackend from npm, as `make test` installs them
// (scripts/ensure-clients.sh). A client that is missing skips its test on a
// developer's machine and fails it under CI=true.

const lifecycleDir = "../../test/localservice"

func need(t *testing.T, path, install string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (%s)", path, install)
		}
		t.Skipf("%s is missing; run %s", path, install)
	}
}

// runLifecycle starts a service for opts and runs argv (the endpoint
// appended) with the service's credentials in the environment.
func runLifecycle(t *testing.T, opts localservice.Options, extraEnv []string, argv ...string) {
	t.Helper()
	srv, err := localservice.Start("", opts)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	home := t.TempDir()
	cmd := exec.Command(argv[0], append(argv[1:], srv.URL)...)
	cmd.Dir = lifecycleDir
	cmd.Env = append(cleanAWSEnv(),
		"HOME="+home,
		"AWS_ACCESS_KEY_ID="+srv.Credentials.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY="+srv.Credentials.SecretAccessKey,
		"AWS_DEFAULT_REGION="+srv.Region,
		"AWS_CONFIG_FILE="+filepath.Join(home, "no-config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(home, "no-credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"NODE_NO_WARNINGS=1",
	)
	cmd.Env = append(cmd.Env, extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	if err != nil || !strings.Contains(out.String(), "PASS ") {
		t.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	t.Log(lines[len(lines)-1])
}

func cleanAWSEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	return env
}

func TestBoto3Lifecycle(t *testing.T) {
	t.Parallel()
	need(t, "/usr/bin/python3", "make test (apt-get install python3-boto3)")
	if err := exec.Command("/usr/bin/python3", "-c", "import boto3").Run(); err != nil {
		need(t, "/usr/lib/python3/dist-packages/boto3", "make test (apt-get install python3-boto3)")
	}
	runLifecycle(t, localservice.Options{}, nil, "/usr/bin/python3", "lifecycle.py", "boto3")
}

// TestBoto3RetriesFaults: with a fault rate, boto3's own retries (standard
// mode) get the whole lifecycle through.
func TestBoto3RetriesFaults(t *testing.T) {
	t.Parallel()
	need(t, "/usr/bin/python3", "make test (apt-get install python3-boto3)")
	runLifecycle(t, localservice.Options{FaultRate: 0.2, Seed: 12}, []string{"LIFECYCLE_MAX_ATTEMPTS=10"}, "/usr/bin/python3", "lifecycle.py", "boto3")
}

func TestAWSCLILifecycle(t *testing.T) {
	t.Parallel()
	need(t, "/usr/bin/aws", "make test (apt-get install awscli)")
	runLifecycle(t, localservice.Options{}, nil, "/usr/bin/python3", "lifecycle.py", "cli")
}

func TestJSSDKLifecycle(t *testing.T) {
	t.Parallel()
	need(t, filepath.Join(lifecycleDir, "node_modules/@aws-sdk/client-amplifybackend"), "make test (npm ci in test/localservice)")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not on PATH")
	}
	runLifecycle(t, localservice.Options{}, nil, node, "lifecycle.mjs")
	runLifecycle(t, localservice.Options{FaultRate: 0.2, Seed: 12}, []string{"LIFECYCLE_MAX_ATTEMPTS=10"}, node, "lifecycle.mjs")
}
