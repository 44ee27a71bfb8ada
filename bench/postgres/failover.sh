#!/usr/bin/env bash
# PostgreSQL failover and switchover on one machine, side by side in one run: Pilotlight's PostgreSQL engine
# (managed PostgreSQL 15 servers, a 2 s writer lease, this driver as the controller) against Patroni 3 + etcd
# (Debian's packages) at Patroni's fastest documented settings (ttl 20, loop_wait 1, retry_timeout 3).
# Everything on loopback (127.0.0.1, free ports); every round on fresh servers; one client writes continuously
# (autocommit INSERT every PACE_MS through pgJDBC's multi-host URL, targetServerType=primary).
# A round: switchover A -> B (the client's longest gap between two acknowledgements), then kill -9 of B's
# processes (Patroni and PostgreSQL, or PostgreSQL alone) until the client's first commit on A; acknowledged
# rows missing afterwards against the rows the tool reports lost (Pilotlight: the rejoin's ledger; Patroni
# reports nothing). Prints RESULT lines per round, MEDIAN lines and the RATIO.
#
# Usage: bench/postgres/failover.sh     (as root: PostgreSQL and Patroni run as postgres via runuser)
#   Environment (defaults): RUNS=5 SYSTEMS=pilotlight,patroni PACE_MS=5 LOSS_WINDOW_MS=0
#   LOSS_WINDOW_MS=N pauses the primary's WAL senders (SIGSTOP) for N ms before the primary is killed: it acknowledges
#   commits its standby never receives, so each failover loses some, and the lost rows are compared with what each
#   tool reports lost.
# Installs (apt-get) etcd-server and patroni when missing. Takes the lock /tmp/pilotlight-bench.lock (other
# benchmarks take it too) so two benchmarks never share the machine. About 1.5 minutes a round.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
RUNS=${RUNS:-5}
SYSTEMS=${SYSTEMS:-pilotlight,patroni}
PACE_MS=${PACE_MS:-5}
LOSS_WINDOW_MS=${LOSS_WINDOW_MS:-0}
PGBIN=/usr/lib/postgresql/15/bin

[[ $(id -u) -eq 0 ]] || { echo "bench: run as root (PostgreSQL and Patroni run as postgres via runuser)" >&2; exit 2; }
[[ -x "$PGBIN/initdb" ]] || { echo "bench: $PGBIN/initdb is missing (apt-get install -y postgresql-15)" >&2; exit 2; }
missing=()
[[ -x /usr/bin/etcd ]] || missing+=(etcd-server)
[[ -x /usr/bin/patroni ]] || missing+=(patroni)
if (( ${#missing[@]} )); then
  echo "bench: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null
  if [[ -d /run/systemd/system ]]; then systemctl disable --now etcd patroni >/dev/null 2>&1 || true; fi
fi

work=$(mktemp -d /tmp/pilotlight-pg-failover-bench.XXXXXX)
chmod 755 "$work"
trap 'echo "bench: logs in $work (the servers'"'"' folders are removed after each round)" >&2' EXIT

jdk=$("$root/bin/find-jdk")
# the engine's test classes hold the driver (PgFailoverBench, PatroniCluster, BenchClient); this tree's classes
# come first on the class path, before anything in ~/.m2
(cd "$root" && ./mvnw -o -q -B -pl engine-postgres -am test-compile >"$work/build.log" 2>&1 \
  && ./mvnw -o -q -B -pl engine-postgres dependency:build-classpath -Dmdep.outputFile="$work/deps.txt" -Dmdep.includeScope=test \
     >>"$work/build.log" 2>&1) || { cat "$work/build.log" >&2; exit 2; }
deps=$(tr ':' '\n' <"$work/deps.txt" | grep -v '/io/pilotlight/' | paste -sd: -)
cp="$root/engine-postgres/target/test-classes:$root/engine-postgres/target/classes:$root/engine/target/classes:$root/topology/target/classes"
cp="$cp:$root/store/target/classes:$root/http/target/classes:$deps"

exec 9>/tmp/pilotlight-bench.lock
flock 9
echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), Pilotlight $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'),"\
  "$(/usr/bin/etcd --version 2>/dev/null | head -1), Patroni $(/usr/bin/python3 -c 'import patroni.version as v; print(v.__version__)'),"\
  "$("$PGBIN/postgres" --version)" >&2
"$jdk/bin/java" -cp "$cp" io.pilotlight.engine.postgres.PgFailoverBench "$work" "$RUNS" "$SYSTEMS" "$PACE_MS" "$LOSS_WINDOW_MS" 2>"$work/driver.log" \
  | tee "$work/results.txt"
echo "bench: load average after $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" >&2
