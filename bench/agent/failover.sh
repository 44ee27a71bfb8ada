#!/usr/bin/env bash
# Failover time across three hosts on one machine: network namespaces A, B, C (C a witness: an etcd
# member and the client). Side by side in one run, RUNS rounds of each, every round from scratch:
#   etcd     Pilotlight store writer in A, replica in B, --lease 2s, coordinator on a 3-member etcd (A, B, C)
#   inproc   the same with `pilotlight store coordinator` in C
#   patroni  Patroni 3 + PostgreSQL 15 in A and B on a 3-member etcd, Patroni's fastest documented settings
# Each round kills every process in A (its etcd member too) and measures until the first write B acknowledges,
# as seen by a client in C that writes continuously to whoever is the writer. Prints per-round figures,
# medians and the ratios.
#
# Usage: bench/agent/failover.sh        (as root: namespaces; PostgreSQL runs as postgres via runuser)
#   Environment (defaults): RUNS=5 SYSTEMS=etcd,inproc,patroni LEASE=2s ETCD_HEARTBEAT_MS=50 ETCD_ELECTION_MS=500
#   ETCD_LEADER=b,a  where etcd's leader is at the kill, each etcd-based system once per entry: b (it survives),
#                    a (it dies with the writer's region: etcd elects a new leader, which restarts every lease),
#                    c, or elected (wherever etcd's election put it)
#   PILOTLIGHT_JAR=<jar> measure a prebuilt CLI jar instead of this working tree's cli/target/pilotlight.jar
#   KEEP_DATA=1 keep every round's data directories (several GB a run); by default only logs and results stay
# Installs (apt-get) etcd-server, etcd-client, patroni, python3-psycopg2, curl when missing. About 1.5 minutes a round.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
RUNS=${RUNS:-5}
SYSTEMS=${SYSTEMS:-etcd,inproc,patroni}
LEASE=${LEASE:-2s}
ETCD_HEARTBEAT_MS=${ETCD_HEARTBEAT_MS:-50}
ETCD_ELECTION_MS=${ETCD_ELECTION_MS:-500}
ETCD_LEADER=${ETCD_LEADER:-b,a}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

[[ $(id -u) -eq 0 ]] || { echo "bench: run as root (network namespaces; PostgreSQL runs as postgres via runuser)" >&2; exit 2; }
[[ -x "$PGBIN/initdb" ]] || { echo "bench: $PGBIN/initdb is missing (apt-get install -y postgresql-15)" >&2; exit 2; }
command -v ip >/dev/null || { echo "bench: ip (iproute2) is missing" >&2; exit 2; }

missing=()
[[ -x /usr/bin/etcd ]] || missing+=(etcd-server)
[[ -x /usr/bin/etcdctl ]] || missing+=(etcd-client)
[[ -x /usr/bin/patroni ]] || missing+=(patroni)
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || missing+=(python3-psycopg2)
command -v curl >/dev/null || missing+=(curl)
if (( ${#missing[@]} )); then
  echo "bench: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null
  # the packages enable services where systemd runs; this benchmark starts its own
  if [[ -d /run/systemd/system ]]; then systemctl disable --now etcd patroni >/dev/null 2>&1 || true; fi
fi

work=$(mktemp -d /tmp/pilotlight-failover-bench.XXXXXX)
chmod 755 "$work"
trap 'echo "bench: logs and results in $work" >&2' EXIT

jdk=$("$root/bin/find-jdk")
if [[ -n "${PILOTLIGHT_JAR:-}" ]]; then
  cp "$PILOTLIGHT_JAR" "$work/pilotlight.jar"
else
  "$root/bin/pilotlight" --version >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
  cp "$root/cli/target/pilotlight.jar" "$work/pilotlight.jar"   # a private copy: a rebuild cannot change it mid-run
fi
trap 'rm -f "$work/pilotlight.jar"; echo "bench: logs and results in $work" >&2' EXIT
opts="--enable-native-access=ALL-UNNAMED"
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null || true)
if [[ -n "$feature" && "$feature" -ge 23 ]]; then opts="$opts --sun-misc-unsafe-memory-access=allow"; fi

echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), Pilotlight $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'),"\
  "$(/usr/bin/etcd --version 2>/dev/null | head -1), Patroni $(/usr/bin/python3 -c 'import patroni.version as v; print(v.__version__)'),"\
  "$("$PGBIN/postgres" --version)" >&2
/usr/bin/python3 "$root/bench/agent/failover.py" bench --runs "$RUNS" --systems "$SYSTEMS" --work "$work" \
  --jar "$work/pilotlight.jar" --java "$jdk/bin/java" --java-opts "$opts" --pgbin "$PGBIN" --lease "$LEASE" \
  --etcd-heartbeat "$ETCD_HEARTBEAT_MS" --etcd-election "$ETCD_ELECTION_MS" --etcd-leader "$ETCD_LEADER" \
  ${KEEP_DATA:+--keep-data}
echo "bench: load average after $(cut -d' ' -f1-3 /proc/loadavg)" >&2
