#!/usr/bin/env bash
# Benchmark 2, polling economy: IMPORTS (1000) concurrent imports in the AWS stand-in, whose
# Pinpoint jobs last from 10 s to 10 min (evenly spread, shuffled), watched by the packaged
# service and - on the very same jobs, in the same run - by a naive poller sending one
# GetImportJob per job every 3 s. Time is compressed FACTOR (5) times: job durations, the
# naive interval and the service's polling settings (tick, min interval, staleness bound)
# are all divided by it; staleness is reported multiplied back.
#
#   bench/polling/run.sh
#   IMPORTS=200 FACTOR=10 bench/polling/run.sh      # a quicker, rougher run
#
# Builds target/*.jar and the test classes when absent (REBUILD=1 forces it). Prints a
# Markdown table; the service log goes to bench/out/polling/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/classpath.sh
mkdir -p bench/out/polling
exec java -Dsun.net.httpserver.nodelay=true -cp "$BENCH_CP" io.pinpointimport.bench.PollingEconomyBenchmark
