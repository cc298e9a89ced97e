#!/usr/bin/env bash
# What a 304 saves: GET /api/v1/imports/{id} and a page of 50 imports of the packaged jar under
# wrk on loopback (16 connections), each answered in full (200) and, with its ETag in
# If-None-Match, as 304 Not Modified (the ETag comes from row versions, so a 304 renders
# nothing). Medians of 3 rounds of 10 s after a 20 s warm-up per target, and the CPU each
# request costs (the service's JVM plus the embedded PostgreSQL's processes): the goal is a
# 304 at most half the cost of its 200.
#
#   bench/etag/run.sh
#   ROUNDS=5 DURATION=15 WARMUP=30 CONNECTIONS=32 bench/etag/run.sh
#   PROFILE=1 bench/etag/run.sh            # JFR of each target's first round: bench/out/etag/*.jfr
#                                          # (bench/common/jfr-top.py summarizes)
#
# Runs the harness and the service on the JDK the image runs (Temurin 25; JAVA overrides).
# Needs wrk (apt-get install -y wrk). Builds target/*.jar and the test classes when absent
# (REBUILD=1 forces it). Prints a Markdown table; logs go to bench/out/etag/.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
source bench/common/classpath.sh
mkdir -p bench/out/etag
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
exec "$JAVA" -cp "$BENCH_CP" io.pinpointimport.bench.EtagBenchmark
