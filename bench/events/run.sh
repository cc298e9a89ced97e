#!/usr/bin/env bash
# The events outbox and its two ways out, on the packaged jar in its own JVM: outbox appends
# through event_outbox_append (advisory lock, NOTIFY) from 1 and WRITERS connections against
# the same inserts without the lock; a stream resuming with Last-Event-ID over a backlog of
# EVENTS events; one replica delivering a backlog of EVENTS webhook deliveries to a local
# receiver.
#
#   bench/events/run.sh
#   EVENTS=5000 WRITERS=8 bench/events/run.sh
#
# Builds target/*.jar and the test classes when absent (REBUILD=1 forces it). Prints a
# Markdown table; logs go to bench/out/events/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common/classpath.sh
mkdir -p bench/out/events
exec java -cp "$BENCH_CP" io.pinpointimport.bench.EventsBenchmark
