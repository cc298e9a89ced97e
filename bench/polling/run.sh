#!/usr/bin/env bash
# Benchmark 2, polling economy: IMPORTS (1000) concurrent imports in the AWS stand-in, whose
# Pinpoint jobs last from 10 s to 10 min (evenly spread, in shuffled order), watched by the
# packaged service and - on the very same jobs, in the same run - by
# a naive poller sending one GetImportJob per job every 3 s. Counts each one's Pinpoint calls
# and measures staleness: from the stand-in's job reaching COMPLETED to the API showing it.
#
#   bench/polling/run.sh                          # real time: about 13 minutes
#   FACTOR=5 bench/polling/run.sh                 # time compressed 5x: about 4 minutes, rougher
#   IMPORTS=200 FACTOR=10 bench/polling/run.sh    # a quick smoke run
#   SERVICE_PROPERTIES="pinpoint-import.imports.polling.min-interval=3s" bench/polling/run.sh
#
# The service keeps its defaults except the job limit, raised to IMPORTS so that every job runs at
# once: a scenario Pinpoint itself never allows (two jobs per account), kept to show what one listing
# per application saves; bench/slots/run.sh measures the defaults, two jobs at a time.
# FACTOR divides job durations, the naive interval and - only when it is not 1 - the service's
# polling settings (tick, min interval, staleness bound) alike; staleness is reported multiplied back. The service's
# fixed costs per round do not shrink with it, so compressed runs flatter the call count and
# penalize staleness: quote FACTOR=1 figures. Builds target/*.jar and the test classes when
# absent (REBUILD=1 forces it). Prints a Markdown table; the service log goes to bench/out/polling/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/classpath.sh
mkdir -p bench/out/polling
exec java -Dsun.net.httpserver.nodelay=true -cp "$BENCH_CP" io.pinpointimport.bench.PollingEconomyBenchmark
