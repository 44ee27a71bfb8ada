#!/usr/bin/env bash
# Health checker throughput: how many HTTP checks per second the monitor sustains against local
# endpoints, with probe latency and schedule drift, for a growing number of checks.
# Kept out of the test suite. Usage: bench/health/run.sh [--endpoints=8] [--interval-ms=1000]
#                                   [--window-s=10] [--checks=250,500,1000,2000,4000,8000,12000,16000]
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -q -pl health -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
classpath="health/target/test-classes:health/target/classes:$(cat health/target/bench-classpath.txt)"

java_home=$(bin/find-jdk)
exec "$java_home/bin/java" -Xms1g -Xmx1g \
  -Djava.util.logging.config.file=health/src/test/resources/logging.properties \
  -cp "$classpath" io.pilotlight.health.bench.HealthThroughputBench "$@"
