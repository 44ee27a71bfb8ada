#!/usr/bin/env bash
# The store's compound-fault checker (store/src/test/.../CompoundFaultTest) over many seeds, outside
# the test suite: each seed draws a schedule of kills, partitions (a proxy on every path between
# three nodes), heal-then-kill races, coordinator restarts, operator failovers and switchovers while
# clients write; then the promise is checked (every acknowledged write survives or is in a ledger,
# none lost in sync mode unless forced, no overlapping epochs, same content on every node).
#
# Usage: bench/store/compound.sh
#   Environment (defaults): SEEDS=100 (seeds FIRST_SEED..FIRST_SEED+SEEDS-1) FIRST_SEED=1000
#   MODES=async,sync (each seed runs in each mode) OFFLINE=1 (mvn -o)
# Needs: a JDK 21+ (bin/find-jdk); the Maven wrapper (dependencies already in ~/.m2 when OFFLINE=1).
# About 10 s a schedule: 100 seeds in one mode take about 15-18 minutes on 2 cores.
# Prints how many schedules and faults passed and failed, and the failing seeds (replay one with
# PILOTLIGHT_CHAOS_SEED=N PILOTLIGHT_CHAOS_MODE=sync ./mvnw -pl store -am verify -Dtest='CompoundFaultTest#compoundSchedulesKeepThePromise'
#  -Dsurefire.failIfNoSpecifiedTests=false). The Maven log and the per-schedule summary stay in the temp dir printed at the end.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
SEEDS=${SEEDS:-100}
FIRST_SEED=${FIRST_SEED:-1000}
MODES=${MODES:-async,sync}
OFFLINE=${OFFLINE:-1}
[[ "$SEEDS" =~ ^[0-9]+$ && "$SEEDS" -ge 1 ]] || { echo "compound: SEEDS must be a positive number, got '$SEEDS'" >&2; exit 2; }
[[ "$FIRST_SEED" =~ ^[0-9]+$ ]] || { echo "compound: FIRST_SEED must be a number, got '$FIRST_SEED'" >&2; exit 2; }
[[ "$MODES" =~ ^(async|sync)(,(async|sync))?$ ]] || { echo "compound: MODES must be async, sync or async,sync; got '$MODES'" >&2; exit 2; }

jdk=$("$root/bin/find-jdk")
work=$(mktemp -d /tmp/pilotlight-compound.XXXXXX)
summary="$work/summary.txt"
last=$((FIRST_SEED + SEEDS - 1))
offline=(); [[ "$OFFLINE" == 1 ]] && offline=(-o)
echo "compound: seeds $FIRST_SEED..$last, modes $MODES; JDK $jdk; log in $work/mvn.log" >&2
started=$(date +%s)
set +e
(cd "$root" && JAVA_HOME="$jdk" ./mvnw "${offline[@]}" -q -B -pl store -am verify \
  -Dtest='CompoundFaultTest#compoundSchedulesKeepThePromise' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpilotlight.seeds="$FIRST_SEED..$last" -Dpilotlight.modes="$MODES" -Dpilotlight.summary="$summary" \
  -Dsurefire.timeout=0 >"$work/mvn.log" 2>&1)
status=$?
set -e
took=$(( $(date +%s) - started ))
[[ -s "$summary" ]] || { echo "compound: no schedule ran (exit $status); see $work/mvn.log" >&2; tail -30 "$work/mvn.log" >&2; exit 2; }

awk -v took="$took" '
  { split($4, f, "="); faults = f[2] + 0; mode = $2
    runs[mode]++; if ($3 == "PASS") { pass[mode]++; fpass[mode] += faults } else { fail[mode]++; ffail[mode] += faults; seeds[mode] = seeds[mode] " " $1 } }
  END {
    printf "%-6s %10s %10s %10s %12s %12s\n", "MODE", "SCHEDULES", "PASSED", "FAILED", "FAULTS OK", "FAULTS FAIL"
    for (m in runs) printf "%-6s %10d %10d %10d %12d %12d\n", m, runs[m], pass[m], fail[m], fpass[m], ffail[m]
    for (m in runs) if (fail[m]) printf "failing seeds (%s):%s\n", m, seeds[m]
    printf "took %ds\n", took
  }' "$summary"
echo "compound: per-schedule lines in $summary; Maven log in $work/mvn.log" >&2
grep -q " FAIL " "$summary" && exit 1 || exit 0
