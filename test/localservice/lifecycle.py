#!/usr/bin/python3
"""Runs lifecycle.json against the local AmplifyBackend service with boto3 or
with the AWS CLI (Debian's python3-boto3 and awscli).

Usage: lifecycle.py boto3|cli ENDPOINT

The credentials and region come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
and AWS_DEFAULT_REGION; LIFECYCLE_MAX_ATTEMPTS sets the client's attempts. Prints one line per step; exits 1 at the first step
that does not give what lifecycle.json says.
"""
import json
import os
import re
import subprocess
import sys

import boto3
import botocore.config
import botocore.exceptions
from botocore import xform_name

HERE = os.path.dirname(os.path.abspath(__file__))
# LIFECYCLE_MAX_ATTEMPTS turns the client's retries on (against a service
# started with a fault rate); 1 by default, so that any error shows.
MAX_ATTEMPTS = int(os.environ.get("LIFECYCLE_MAX_ATTEMPTS", "1"))


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def substitute(v, saved):
    if isinstance(v, str):
        m = re.fullmatch(r"\$\{(\w+)\}", v)
        return saved[m.group(1)] if m else v
    if isinstance(v, list):
        return [substitute(x, saved) for x in v]
    if isinstance(v, dict):
        return {k: substitute(x, saved) for k, x in v.items()}
    return v


class Boto3Client:
    name = "boto3"

    def __init__(self, endpoint, secret):
        session = boto3.session.Session(
            aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=secret,
            region_name=os.environ["AWS_DEFAULT_REGION"],
        )
        self.client = session.client(
            "amplifybackend",
            endpoint_url=endpoint,
            config=botocore.config.Config(retries={"mode": "standard", "total_max_attempts": MAX_ATTEMPTS}),
        )

    def call(self, op, params):
        """Returns (output, None) or (None, error code)."""
        try:
            out = getattr(self.client, xform_name(op))(**params)
        except botocore.exceptions.ClientError as e:
            code = e.response["Error"]["Code"]
            modeled = getattr(self.client.exceptions, code, None)
            if code == "NotFoundException" and not isinstance(e, modeled):
                fail("a NotFoundException that is not client.exceptions.NotFoundException")
            return None, code
        out.pop("ResponseMetadata", None)
        return out, None


class CLIClient:
    name = "aws cli"

    def __init__(self, endpoint, secret):
        self.endpoint = endpoint
        self.env = dict(os.environ, AWS_SECRET_ACCESS_KEY=secret, AWS_PAGER="",
                        AWS_MAX_ATTEMPTS=str(MAX_ATTEMPTS), AWS_RETRY_MODE="standard")

    def call(self, op, params):
        argv = ["/usr/bin/aws", "amplifybackend", xform_name(op, "-"),
                "--endpoint-url", self.endpoint, "--output", "json",
                "--cli-input-json", json.dumps(params)]
        if op == "ListBackendJobs":
            argv.append("--no-paginate")  # the script pages with NextToken
        p = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            m = re.search(r"An error occurred \((\w+)\) when calling the (\w+) operation", p.stderr)
            if not m:
                fail("aws exited %d without a service error: %s" % (p.returncode, p.stderr.strip()))
            if m.group(2) != op:
                fail("aws called %s, not %s" % (m.group(2), op))
            return None, m.group(1)
        return (json.loads(p.stdout) if p.stdout.strip() else {}), None


def main():
    kind, endpoint = sys.argv[1], sys.argv[2]
    cls = {"boto3": Boto3Client, "cli": CLIClient}[kind]
    secret = os.environ["AWS_SECRET_ACCESS_KEY"]
    good, wrong = cls(endpoint, secret), cls(endpoint, secret + "-wrong")
    with open(os.path.join(HERE, "lifecycle.json")) as f:
        steps = json.load(f)["steps"]
    saved = {}
    for i, step in enumerate(steps, 1):
        op = step["op"]
        where = "step %d (%s)" % (i, op)
        params = substitute(step.get("input", {}), saved)
        client = wrong if step.get("credentials") == "wrong-secret" else good
        if "paginate" in step:
            pg = step["paginate"]
            seen, token, pages = [], None, 0
            while True:
                p = dict(params, MaxResults=pg["maxPage"])
                if token:
                    p["NextToken"] = token
                out, err = client.call(op, p)
                if err:
                    fail("%s: %s" % (where, err))
                items = out.get(pg["items"], [])
                if len(items) > pg["maxPage"]:
                    fail("%s: a page of %d items with MaxResults %d" % (where, len(items), pg["maxPage"]))
                seen += [it[pg["key"]] for it in items]
                pages += 1
                token = out.get("NextToken")
                if not token:
                    break
            if len(seen) != len(set(seen)) or len(seen) != step["expectCount"]:
                fail("%s: %d items (%d distinct) in %d pages, want %d" % (where, len(seen), len(set(seen)), pages, step["expectCount"]))
            print("ok %d %s: %d items in %d pages" % (i, op, len(seen), pages), flush=True)
            continue
        out, err = client.call(op, params)
        if "error" in step:
            if err != step["error"]:
                fail("%s: want %s, got %s" % (where, step["error"], err or json.dumps(out)))
            print("ok %d %s: %s" % (i, op, err), flush=True)
            continue
        if err:
            fail("%s: %s" % (where, err))
        for member, field in step.get("pluck", {}).items():
            out[member] = [it.get(field) for it in out.get(member, [])]
        for k, want in substitute(step.get("expect", {}), saved).items():
            if out.get(k) != want:
                fail("%s: %s is %s, want %s" % (where, k, json.dumps(out.get(k)), json.dumps(want)))
        for var, member in step.get("save", {}).items():
            saved[var] = out[member]
        print("ok %d %s" % (i, op), flush=True)
    if kind == "boto3":
        presigned(good.client)
    print("PASS %s: %d steps" % (cls.name, len(steps)), flush=True)


def presigned(client):
    """A URL presigned by botocore (SigV4 in the query) passes the service's
    signature check, and the same URL with its signature changed does not."""
    import urllib.error
    import urllib.request

    url = client.generate_presigned_url("get_token", Params={"AppId": "lc1", "SessionId": "s1"}, ExpiresIn=300)
    if "X-Amz-Signature=" not in url:
        fail("not a presigned URL: " + url)
    for u, want in ((url, (404, "NotFoundException")),
                    (re.sub(r"X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + "0" * 64, url), (403, "InvalidSignatureException"))):
        try:
            urllib.request.urlopen(u, timeout=30)
            fail("presigned GET %s succeeded" % u)
        except urllib.error.HTTPError as e:
            got = (e.code, e.headers.get("x-amzn-ErrorType"))
            if got != want:
                fail("presigned GET: %s, want %s" % (got, want))
    print("ok presigned GetToken URL: checked, and refused once tampered", flush=True)


if __name__ == "__main__":
    main()
