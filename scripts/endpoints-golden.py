#!/usr/bin/env python3
"""Write testdata/endpoints/golden.json: what botocore's own rules engine resolves
model/endpoint-rule-set-1.json and model/partitions.json to, for every region
partitions.json lists and a few of each partition's pattern, x UseFIPS x
UseDualStack, plus custom endpoints and no region. pkg/client's
TestEndpointsGolden checks the generated resolver against it.

botocore is an independent implementation of the Smithy rules language (it
interprets the JSON; we compile it), so agreeing with it shows we read the
rules right. Run once after changing the model files, review the diff:

    python3 scripts/endpoints-golden.py   # needs python3-boto3 (botocore)

Scenario "restricted" runs the same rules on partitions.json with FIPS turned
off in aws-iso-b and dual-stack off in aws-iso-e (no partition lacks them
today), so that the rule set's refusals are checked too; the Go test makes
the same change to its table.
"""
import copy
import json
import os
import sys

import botocore
from botocore.endpoint_provider import EndpointProvider
from botocore.exceptions import EndpointResolutionError

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(root, "model", "endpoint-rule-set-1.json")) as f:
    ruleset = json.load(f)
with open(os.path.join(root, "model", "partitions.json")) as f:
    partitions = json.load(f)

restricted = copy.deepcopy(partitions)
for p in restricted["partitions"]:
    if p["id"] == "aws-iso-b":
        p["outputs"]["supportsFIPS"] = False
    if p["id"] == "aws-iso-e":
        p["outputs"]["supportsDualStack"] = False

# Regions no partition lists but whose pattern a partition has.
pattern_regions = ["eu-west-9", "ap-southeast-12", "mx-north-3", "cn-south-2", "eusc-de-west-2",
                   "us-iso-north-3", "us-isob-south-7", "eu-isoe-north-2", "us-isof-west-4",
                   "us-gov-central-5"]

regions = sorted({r for p in partitions["partitions"] for r in p["regions"]}) + pattern_regions
customs = ["https://example.com", "http://127.0.0.1:4566/prefix"]


def resolve(provider, params):
    try:
        ep = provider.resolve_endpoint(**params)
    except EndpointResolutionError as e:
        return {"error": str(e)}
    out = {"url": ep.url}
    if ep.properties:
        out["properties"] = ep.properties
    if ep.headers:
        out["headers"] = ep.headers
    return out


cases = []
for scenario, parts in (("standard", partitions), ("restricted", restricted)):
    provider = EndpointProvider(copy.deepcopy(ruleset), copy.deepcopy(parts))
    for region in regions + [None]:
        for endpoint in [None] + customs:
            if scenario == "restricted" and endpoint is not None:
                continue
            for fips in (False, True):
                for ds in (False, True):
                    params = {"UseFIPS": fips, "UseDualStack": ds}
                    if region is not None:
                        params["Region"] = region
                    if endpoint is not None:
                        params["Endpoint"] = endpoint
                    c = {"scenario": scenario, "params": params}
                    c.update(resolve(provider, params))
                    cases.append(c)

out = {
    "generator": "scripts/endpoints-golden.py with botocore " + botocore.__version__,
    "cases": cases,
}
path = os.path.join(root, "testdata", "endpoints", "golden.json")
with open(path, "w") as f:
    # One case a line, so that a change reads as a diff of cases.
    f.write('{"generator": ' + json.dumps(out["generator"]) + ',\n "cases": [\n')
    f.write(",\n".join("  " + json.dumps(c, sort_keys=True) for c in cases))
    f.write("\n]}\n")
print("wrote", path, len(cases), "cases", file=sys.stderr)
