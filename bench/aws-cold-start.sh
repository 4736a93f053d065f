#!/usr/bin/env bash
# AWS host cold start with the Native AOT bootstrap: process start -> first /next (init) -> first small partition processed
# (response posted) -> exit, against the tests' fake Lambda Runtime API with s3rver + dynalite on 127.0.0.1; plus binary size.
# Runs ColdStartMeasurementTests (5 cold starts) and prints its output. Numbers, not assertions.
#   bench/aws-cold-start.sh                                       # publishes the AOT binary once (cached in /tmp by source hash)
#   SERVERLESSPREP_AWS_BOOTSTRAP=/path/to/bootstrap bench/aws-cold-start.sh   # measure a given binary
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/ServerlessPrep.Aws.Tests -c Release --nologo \
  --filter "FullyQualifiedName~ColdStartMeasurementTests" --logger "console;verbosity=detailed" \
  | grep -E "binary:|partition:|run [0-9]+:|Passed|Failed" || true
