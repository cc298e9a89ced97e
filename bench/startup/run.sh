#!/usr/bin/env bash
# Start-up and footprint of the packaged jar: time from `java` to /actuator/health/readiness = UP
# (database migrated and reachable), the JVM's own "Started ... in" figure, and the RSS at that
# moment; on JDK 17 and JDK 25, each with the JDK's default CDS archive only, with an application
# CDS archive, and (JDK 25) with the AOT cache (JEP 483/514). A real PostgreSQL (embedded binaries)
# and the AWS stand-in run beside it. The jdk25-aot-image variant trains its AOT cache the way
# the Dockerfile does: without a database (Flyway off, dialect named), as `docker build` has none.
#
#   bench/startup/run.sh            # RUNS=5 measured starts per variant (plus one warm-up)
#   RUNS=10 JDK17=/path JDK25=/path bench/startup/run.sh
#
# Uses target/pinpoint-import-service-*.jar and target/test-classes, building them when absent.
# Runs the variants interleaved (one start of each in turn), so background load hits them alike.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-5}"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT=bench/out/startup
mkdir -p "$OUT"

jar=$(ls target/pinpoint-import-service-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
if [[ -z "$jar" || ! -d target/test-classes ]]; then
	./mvnw -B -ntp -q -DskipTests package </dev/null
	jar=$(ls target/pinpoint-import-service-*.jar | grep -v '\.original$' | head -1)
fi
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/test-classpath.txt" </dev/null

# Spring Boot's recommended layout for CDS and the AOT cache: an extracted application jar
# with its libraries beside it.
rm -rf "$OUT/app"
"$JDK25/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$OUT/app" >/dev/null
app_jar="$OUT/app/$(basename "$jar")"

infra_log="$OUT/infrastructure.env"
rm -f "$infra_log"
"$JDK25/bin/java" -cp "target/test-classes:target/classes:$(cat "$OUT/test-classpath.txt")" \
	bench/startup/Infrastructure.java "$infra_log" >"$OUT/infrastructure.log" 2>&1 &
infra_pid=$!
trap 'kill "$infra_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
	grep -q '^READY=1' "$infra_log" 2>/dev/null && break
	kill -0 "$infra_pid" 2>/dev/null || { cat "$OUT/infrastructure.log"; exit 1; }
	sleep 0.2
done
set -a
# shellcheck disable=SC1090
source "$infra_log"
AWS_SECRET_ACCESS_KEY=stand-in-does-not-check
set +a

port=18080
# start JAVA_HOME LABEL [JVM options...]: one start; prints "millis_to_ready jvm_started_seconds rss_kib"
start() {
	local java_home=$1 label=$2
	shift 2
	port=$((port + 1))
	local log="$OUT/$label.log"
	local begin end
	begin=$(date +%s%N)
	"$java_home/bin/java" "$@" -jar "$app_jar" --server.port="$port" >"$log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 2400); do
		if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
			break
		fi
		kill -0 "$pid" 2>/dev/null || { echo "$label did not start:" >&2; tail -30 "$log" >&2; exit 1; }
		sleep 0.025
	done
	end=$(date +%s%N)
	local rss started
	rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
	kill -TERM "$pid"
	wait "$pid" || true
	started=$(grep -o 'Started PinpointImportServiceApplication in [0-9.]* seconds' "$log" | grep -o '[0-9.]*' | head -1)
	echo "$(((end - begin) / 1000000)) ${started:-?} $rss"
}

# Training runs: start, refresh the context, exit (no requests served).
train() {
	local java_home=$1 label=$2
	shift 2
	"$java_home/bin/java" "$@" -Dspring.context.exit=onRefresh -jar "$app_jar" >"$OUT/train-$label.log" 2>&1 || {
		tail -30 "$OUT/train-$label.log" >&2
		exit 1
	}
}
train "$JDK17" jdk17-cds -XX:ArchiveClassesAtExit="$OUT/app-jdk17.jsa"
train "$JDK25" jdk25-cds -XX:ArchiveClassesAtExit="$OUT/app-jdk25.jsa"
train "$JDK25" jdk25-aot -XX:AOTCacheOutput="$OUT/app-jdk25.aot"
env -u SPRING_DATASOURCE_URL -u AWS_ENDPOINT_URL "$JDK25/bin/java" -XX:AOTCacheOutput="$OUT/app-jdk25-image.aot" \
	-Dspring.context.exit=onRefresh -Dspring.flyway.enabled=false -Dspring.data.jdbc.dialect=postgresql \
	-Dspring.datasource.url=jdbc:postgresql://127.0.0.1:1/training -jar "$app_jar" >"$OUT/train-jdk25-aot-image.log" 2>&1

variants=(jdk17 jdk17-cds jdk25 jdk25-cds jdk25-aot jdk25-aot-image)
run_variant() {
	case $1 in
	jdk17) start "$JDK17" "$1" ;;
	jdk17-cds) start "$JDK17" "$1" -XX:SharedArchiveFile="$OUT/app-jdk17.jsa" ;;
	jdk25) start "$JDK25" "$1" ;;
	jdk25-cds) start "$JDK25" "$1" -XX:SharedArchiveFile="$OUT/app-jdk25.jsa" ;;
	jdk25-aot) start "$JDK25" "$1" -XX:AOTCache="$OUT/app-jdk25.aot" ;;
	jdk25-aot-image) start "$JDK25" "$1" -XX:AOTCache="$OUT/app-jdk25-image.aot" ;;
	esac
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results="$OUT/results.txt"
: >"$results"
for variant in "${variants[@]}"; do
	run_variant "$variant" >/dev/null # warm-up: page cache, database migrated once
done
for run in $(seq 1 "$RUNS"); do
	for variant in "${variants[@]}"; do
		echo "$variant $run $(run_variant "$variant")" | tee -a "$results" >&2
	done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
baseline17=$(awk '$1 == "jdk17" {print $3}' "$results" | median)
echo
echo "Start-up of $(basename "$jar"), $RUNS starts per variant (median; min-max), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo "JDK 17: $("$JDK17/bin/java" -version 2>&1 | head -1)"
echo "JDK 25: $("$JDK25/bin/java" -version 2>&1 | head -1)"
echo "Load average (1, 5, 15 min) when the measured starts began: $load_before; when they ended: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| variant | time to ready (ms) | vs JDK 17 | JVM 'Started in' (s) | RSS at ready (MiB) |"
echo "| --- | --- | --- | --- | --- |"
for variant in "${variants[@]}"; do
	ready=$(awk -v v="$variant" '$1 == v {print $3}' "$results" | median)
	min=$(awk -v v="$variant" '$1 == v {print $3}' "$results" | sort -n | head -1)
	max=$(awk -v v="$variant" '$1 == v {print $3}' "$results" | sort -n | tail -1)
	started=$(awk -v v="$variant" '$1 == v {print $4 * 1000}' "$results" | median)
	rss=$(awk -v v="$variant" '$1 == v {print $5}' "$results" | median)
	ratio=$(awk -v a="$ready" -v b="$baseline17" 'BEGIN {printf "%.2fx", a / b}')
	printf '| %s | %d (%d-%d) | %s | %.2f | %d |\n' "$variant" "$ready" "$min" "$max" "$ratio" \
		"$(awk -v s="$started" 'BEGIN {print s / 1000}')" "$((rss / 1024))"
done
