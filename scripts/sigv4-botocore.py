#!/usr/bin/env python3
"""Writes testdata/sigv4-botocore: SigV4 cases signed by botocore, for header values the published
AWS suite (testdata/sigv4) does not cover: tabs and runs of mixed spaces and tabs, which SigV4
canonicalizes to one space (botocore: ' '.join(value.split()); @smithy/signature-v4 agrees).

Each case folder has the layout of testdata/sigv4 (request.txt, context.json, and the header- and
query- canonical request, string to sign, signature and signed request), so the same test code
reads both suites. The files are checked in; run this again only to add a case:

    /usr/bin/python3 scripts/sigv4-botocore.py   # Debian's python3-botocore (1.29.27 wrote them)

and review the diff. Nothing here depends on the clock: botocore's time source is replaced by the
case's timestamp.
"""
import datetime
import json
import os
import sys
from unittest import mock
from urllib.parse import urlsplit

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "sigv4-botocore")

CONTEXT = {
    "credentials": {
        "access_key_id": "AKIDEXAMPLE",
        "secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    },
    "expiration_in_seconds": 3600,
    "normalize": True,
    "region": "us-east-1",
    "service": "service",
    "sign_body": False,
    "timestamp": "2015-08-30T12:36:00Z",
}

# name -> header lines after Host, as (name, value); values are sent as written.
CASES = {
    "get-header-value-tab": [("X-Custom", "a\tb")],
    "get-header-value-tabs-and-spaces": [("My-Header1", "a \t b\t\tc"), ("My-Header2", "\t lead and trail \t")],
}


def sign(name, headers):
    ctx = CONTEXT
    now = datetime.datetime.strptime(ctx["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
    creds = Credentials(ctx["credentials"]["access_key_id"], ctx["credentials"]["secret_access_key"])
    url = "https://example.amazonaws.com/"
    host = urlsplit(url).netloc
    request_lines = ["GET / HTTP/1.1", "Host:" + host] + [k + ":" + v for k, v in headers]
    files = {"context.json": json.dumps(ctx, indent=4), "request.txt": "\n".join(request_lines) + "\n"}

    def new_request():
        r = AWSRequest(method="GET", url=url, headers=dict([("Host", host)] + list(headers)))
        return r

    # botocore 1.29 reads the clock with datetime.datetime.utcnow() in add_auth.
    with mock.patch("botocore.auth.datetime") as dt:
        dt.datetime.utcnow.return_value = now
        for mode, auth in (("header", botocore.auth.SigV4Auth(creds, ctx["service"], ctx["region"])),
                           ("query", botocore.auth.SigV4QueryAuth(creds, ctx["service"], ctx["region"], expires=ctx["expiration_in_seconds"]))):
            r = new_request()
            r.context["timestamp"] = now.strftime(botocore.auth.SIGV4_TIMESTAMP)
            auth._modify_request_before_signing(r)
            canonical = auth.canonical_request(r)
            sts = auth.string_to_sign(r, canonical)
            sig = auth.signature(sts, r)
            r2 = new_request()
            auth.add_auth(r2)
            if mode == "header":
                assert r2.headers["Authorization"].endswith("Signature=" + sig), (r2.headers["Authorization"], sig)
                target = "/"
                lines = ["GET / HTTP/1.1"] + [k + ":" + v for k, v in r2.headers.items()]
            else:
                assert r2.url.endswith("X-Amz-Signature=" + sig), (r2.url, sig)
                split = urlsplit(r2.url)
                lines = ["GET " + split.path + "?" + split.query + " HTTP/1.1"] + [k + ":" + v for k, v in r2.headers.items()]
            files[mode + "-canonical-request.txt"] = canonical
            files[mode + "-string-to-sign.txt"] = sts
            files[mode + "-signature.txt"] = sig
            files[mode + "-signed-request.txt"] = "\n".join(lines) + "\n\n"
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    for f, text in files.items():
        with open(os.path.join(d, f), "w", newline="") as fh:
            fh.write(text)


def main():
    for name, headers in CASES.items():
        sign(name, headers)
    print("botocore", botocore.__version__, "wrote", len(CASES), "cases to", os.path.normpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
