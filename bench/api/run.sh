#!/usr/bin/env bash
# Benchmark 1, API overhead: GET /api/v1/imports/{id} and POST /api/v1/imports of the
# packaged jar under wrk on loopback (32 connections), beside a JDK HttpServer answering the
# same GET bytes (the ceiling), and the service's own liveness probe (the same server stack with
# no database and no service code: what any endpoint of this stack pays). Reads are measured
# first, with no background work; then POSTs at saturation, paced at half that rate and at a
# tenth of it. The AWS stand-in answers at zero latency and its jobs end within milliseconds,
# so the submitter works through the POSTed imports in the background as fast as it can. Before
# each paced rate the run waits until that backlog has ended (it prints how long that took and
# how many imports ended per second); DRAIN=0 skips the wait.
#
#   bench/api/run.sh                       # 5 rounds (median) of 15 s per target after a 60 s warm-up each
#                                          # (shorter, and the JIT is still compiling on 2 cores)
#   TARGETS=get bench/api/run.sh           # reads only
#   TARGETS=paced POST_RATE=996 bench/api/run.sh   # the paced POST rates alone (a tenth, then half
#                                          # of POST_RATE, a saturated rate measured before), from
#                                          # an idle service: a 60 s warm-up at the tenth
#   ROUNDS=3 DURATION=20 WARMUP=30 bench/api/run.sh
#   SERVICE_PROPERTIES="a.b=c d.e=f" bench/api/run.sh   # extra service settings, for experiments
#   PROFILE=get bench/api/run.sh           # JFR of the first measured GET run: bench/out/api/get.jfr
#                                          # (PROFILE=post likewise); bench/common/jfr-top.py summarizes
#
# Needs wrk (apt-get install -y wrk). Builds target/*.jar and the test classes when absent
# (REBUILD=1 forces it). Prints a Markdown table; logs go to bench/out/api/.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
source bench/common/classpath.sh
mkdir -p bench/out/api
exec java -Dsun.net.httpserver.nodelay=true -cp "$BENCH_CP" io.pinpointimport.bench.ApiOverheadBenchmark
