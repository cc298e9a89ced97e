# Sourced by the bench/*/run.sh scripts (from the repository root): makes sure the packaged
# jar and the test classes exist (building them when absent or REBUILD=1) and sets
# BENCH_CP, the test classpath the harnesses run on.
jar=$(ls target/pinpoint-import-service-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
if [[ -z "$jar" || ! -d target/test-classes/io/pinpointimport/bench || "${REBUILD:-0}" == 1 ]]; then
	./mvnw -B -ntp -q -DskipTests package </dev/null
fi
mkdir -p bench/out
if [[ ! -s bench/out/test-classpath.txt || pom.xml -nt bench/out/test-classpath.txt ]]; then
	./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile=bench/out/test-classpath.txt </dev/null
fi
BENCH_CP="target/test-classes:target/classes:$(cat bench/out/test-classpath.txt)"
export BENCH_CP
