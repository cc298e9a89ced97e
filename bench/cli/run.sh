#!/usr/bin/env bash
# Benchmark 3, against the AWS CLI: the script a team would write (team-import.sh: aws iam
# create-role, attach-role-policy, pinpoint create-import-job, get-import-job every 3 s) and the
# same import through the service (service-import.sh: one PUT /api/v1/import-roles/..., one
# POST /api/v1/imports, then GETs), against the same AWS stand-in: wall time to a submitted
# job, wall time until the caller knows it finished, AWS calls made (the stand-in's call log);
# then both again with the stand-in's IAM propagation delay on.
#
#   bench/cli/run.sh                    # RUNS=3 runs of each flow, then one of each with a 20 s delay
#   RUNS=5 PROPAGATION_S=30 JOB_STEP_MS=5000 bench/cli/run.sh
#
# Needs the AWS CLI (aws; Debian's awscli package or any other), curl and jq. Builds
# target/*.jar and the test classes when absent (REBUILD=1 forces it).
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in aws curl jq; do
	command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
source bench/common/classpath.sh
mkdir -p bench/out/cli
exec java -Dsun.net.httpserver.nodelay=true -cp "$BENCH_CP" io.pinpointimport.bench.CliBenchmark
