#!/usr/bin/env bash
# Pilotlight's replicated store (writer + one async replica) against PostgreSQL 15 streaming
# replication (primary + async hot standby), side by side in one run, with the same write workload
# and the same external lag probe; then again with a 40 ms round trip between the regions (a
# latency proxy on both replication links); then Pilotlight's switchover write gap and failover time.
#
# Usage: bench/store/run.sh            (as root: PostgreSQL runs as the postgres user via runuser)
#   Environment (defaults): WRITES=60000 CLIENTS=16 VALUE_BYTES=1024 WARMUP=60000 (before the first
#   round of each system) ROUNDS=3 (alternating the systems; the table gives medians) DELAY_MS=20
#   PORT_BASE=17100 PG_PORT_BASE=55432
#   PILOTLIGHT_REV=<commit>  measure that commit (built from `git archive` in the temp dir) instead of
#                            the working tree; PILOTLIGHT_JAR=<jar> measure a prebuilt CLI jar
#   PROXY=faulty|simple (faulty: the project's io.pilotlight.faults.FaultyProxy; simple: LatencyProxy.java)
# Needs: postgresql-15 (Debian), a JDK 21+ (bin/find-jdk), curl; Maven Central for the JDBC driver.
# Takes about 3 minutes (30 s more to build with PILOTLIGHT_REV). Logs and result files stay in the temp dir printed at the end.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
here="$root/bench/store"
# 60,000 writes a round (about 6 s): at 20,000 (2 s) a round still caught the JIT compiling, and rounds swung by 2x
WRITES=${WRITES:-60000}
CLIENTS=${CLIENTS:-16}
VALUE_BYTES=${VALUE_BYTES:-1024}
WARMUP=${WARMUP:-60000}
ROUNDS=${ROUNDS:-3}
PROXY=${PROXY:-faulty}
DELAY_MS=${DELAY_MS:-20}
PORT_BASE=${PORT_BASE:-17100}
PG_PORT_BASE=${PG_PORT_BASE:-55432}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_JDBC_VERSION=${PG_JDBC_VERSION:-42.7.4}

[[ $(id -u) -eq 0 ]] || { echo "bench: run as root (PostgreSQL is started as the postgres user with runuser)" >&2; exit 2; }
[[ -x "$PGBIN/initdb" ]] || { echo "bench: $PGBIN/initdb is missing (apt-get install -y postgresql-15)" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench: curl is missing" >&2; exit 2; }

work=$(mktemp -d /tmp/pilotlight-store-bench.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/logs" "$work/results" "$work/pl"
pids=()
pg_dirs=()

cleanup() {
  local status=$?
  set +e
  for dir in "${pg_dirs[@]}"; do
    [[ -f "$dir/postmaster.pid" ]] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" stop -m immediate -w -t 10 >/dev/null 2>&1
    if [[ -f "$dir/postmaster.pid" ]]; then kill -9 "$(head -1 "$dir/postmaster.pid")" 2>/dev/null; fi
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  wait 2>/dev/null
  echo "bench: logs and results in $work" >&2
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- tools: the JDK, the CLI jar (a private copy: others may rebuild theirs mid-run), the driver ----
jdk=$("$root/bin/find-jdk")
java="$jdk/bin/java"
log "JDK: $("$java" -version 2>&1 | head -1)"
if [[ -n "${PILOTLIGHT_REV:-}" ]]; then
  log "building Pilotlight at $PILOTLIGHT_REV from git archive"
  mkdir -p "$work/src"
  git -C "$root" archive "$PILOTLIGHT_REV" | tar -x -C "$work/src"
  (cd "$work/src" && JAVA_HOME="$jdk" ./mvnw -q -B -DskipTests -pl cli -am package >"$work/logs/build.log" 2>&1) \
    || { tail -30 "$work/logs/build.log" >&2; exit 2; }
  cp "$work/src/cli/target/pilotlight.jar" "$work/pilotlight.jar"
  rm -rf "$work/src"
elif [[ -n "${PILOTLIGHT_JAR:-}" ]]; then
  cp "$PILOTLIGHT_JAR" "$work/pilotlight.jar"
else
  if ! "$root/bin/pilotlight" --version >"$work/logs/build.log" 2>&1; then
    [[ -f "$root/cli/target/pilotlight.jar" ]] || { cat "$work/logs/build.log" >&2; exit 2; }
    log "warning: the build failed (see logs/build.log); using the existing cli/target/pilotlight.jar"
  fi
  cp "$root/cli/target/pilotlight.jar" "$work/pilotlight.jar"
fi
# what is measured: the commit, and whether the store's sources differ from it (read-only git)
src_state="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root" status --porcelain -- store http cli 2>/dev/null)" ]]; then src_state="$src_state + uncommitted store/http/cli changes"; fi
[[ -n "${PILOTLIGHT_JAR:-}" ]] && src_state="jar $PILOTLIGHT_JAR"
[[ -n "${PILOTLIGHT_REV:-}" ]] && src_state="$(git -C "$root" rev-parse --short "$PILOTLIGHT_REV")"
log "Pilotlight: $src_state"
(cd "$root" && ./mvnw -q -B -N dependency:copy -Dartifact="org.postgresql:postgresql:$PG_JDBC_VERSION" \
  -DoutputDirectory="$work/lib" >"$work/logs/jdbc.log" 2>&1) || { cat "$work/logs/jdbc.log" >&2; exit 2; }
cp_jdbc="$work/lib/postgresql-$PG_JDBC_VERSION.jar"
"$jdk/bin/javac" -d "$work/classes" -cp "$cp_jdbc" "$here/StoreBench.java" "$here/LatencyProxy.java"
proxy_cmd=("$java" -cp "$work/classes" LatencyProxy); proxy_name="LatencyProxy.java (bench/store)"
if [[ $PROXY == faulty ]]; then
  if (cd "$root" && ./mvnw -q -B -pl faults -am package -DskipTests >"$work/logs/faults-build.log" 2>&1) \
     && cp "$(ls "$root"/faults/target/pilotlight-faults-*.jar | grep -v -e sources -e tests | head -1)" "$work/faults.jar" \
     && "$jdk/bin/javac" -d "$work/classes" -cp "$work/faults.jar" "$here/FaultyProxyMain.java" 2>>"$work/logs/faults-build.log"; then
    proxy_cmd=("$java" -cp "$work/classes:$work/faults.jar:$work/pilotlight.jar" FaultyProxyMain); proxy_name="io.pilotlight.faults.FaultyProxy"
  else
    log "warning: the faults module did not build (logs/faults-build.log); using bench/store/LatencyProxy.java"
  fi
fi
bench() { "$java" -cp "$work/classes:$cp_jdbc" StoreBench "$@"; }
for port in $PORT_BASE $((PORT_BASE + 1)) $((PORT_BASE + 10)) $((PORT_BASE + 11)) $((PORT_BASE + 20)) $((PORT_BASE + 21)) \
            $((PORT_BASE + 99)) $PG_PORT_BASE $((PG_PORT_BASE + 1)) $((PG_PORT_BASE + 2)); do
  if ss -Hltn "sport = :$port" | grep -q .; then
    echo "bench: port $port is in use (a previous run still going?); set PORT_BASE / PG_PORT_BASE" >&2; exit 2
  fi
done

# ---- Pilotlight --------------------------------------------------------------------------------
# exec: started in the background, the JVM itself gets the pid in $! (kill -9 must hit the JVM, not a subshell)
pl() { exec "$java" --enable-native-access=ALL-UNNAMED ${PILOTLIGHT_JAVA_OPTS:-} -jar "$work/pilotlight.jar" "$@"; }
last_pid=
start_bg() { # logname command... ; sets last_pid
  local name=$1; shift
  "$@" >"$work/logs/$name.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}
wait_http() { # url what
  for _ in $(seq 1 200); do [[ $(curl -s -o /dev/null -w '%{http_code}' "$1") != 000 ]] && return 0; sleep 0.1; done
  echo "bench: $2 did not answer at $1" >&2; exit 1
}
status_field() { curl -s "$1/status" | sed -n "s/.*\"$2\":\"\\{0,1\\}\\([^,\"]*\\).*/\\1/p"; }
wait_caught_up() { # writer_url replica_url
  local w r
  for _ in $(seq 1 300); do
    w=$(status_field "$1" lastIndex); r=$(status_field "$2" lastIndex)
    [[ -n "$w" && "$w" == "$r" ]] && return 0
    sleep 0.1
  done
  echo "bench: replica $2 did not catch up with $1 ($r < $w)" >&2; exit 1
}
# pl_cluster NAME PORT [east-peer-url-for-west] [extra west flags]: coordinator, east writer, west replica
pl_cluster() {
  local name=$1 port=$2 west_sees_east=${3:-} west_flags=${4:-}
  local coord="http://127.0.0.1:$port" east="http://127.0.1.1:$((port + 1))" west="http://127.0.2.1:$((port + 1))"
  start_bg "$name-coordinator" pl store coordinator --listen "127.0.0.1:$port" --state "$work/pl/$name-coordinator.json"
  declare -g "${name}_coord_pid=$last_pid"
  wait_http "$coord/current" "coordinator"
  start_bg "$name-east" pl store serve --region east --data "$work/pl/$name-east" --listen "127.0.1.1:$((port + 1))" \
    --coordinator "$coord" --initial-writer east --lease 2s --peer "east=$east" --peer "west=$west"
  declare -g "${name}_east_pid=$last_pid"
  wait_http "$east/status" "$name east"
  pl_west "$name" "$port" "${west_sees_east:-$east}" "$west_flags"
}
pl_west() { # NAME PORT EAST_URL_AS_SEEN_BY_WEST [flags]
  local name=$1 port=$2 east_url=$3 flags=${4:-}
  local coord="http://127.0.0.1:$port" west="http://127.0.2.1:$((port + 1))"
  # shellcheck disable=SC2086
  start_bg "$name-west" pl store serve --region west --data "$work/pl/$name-west" --listen "127.0.2.1:$((port + 1))" \
    --coordinator "$coord" --initial-writer east --lease 2s --peer "east=$east_url" --peer "west=$west" $flags
  declare -g "${name}_west_pid=$last_pid"
  wait_http "$west/status" "$name west"
}
stop_pid() { kill "$1" 2>/dev/null || true; for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null || true; }

# ---- PostgreSQL 15 -------------------------------------------------------------------------------
pg_primary="$work/pg/primary"; pg_standby="$work/pg/standby"
PGP=$PG_PORT_BASE; PGS=$((PG_PORT_BASE + 1)); PGX=$((PG_PORT_BASE + 2))
asp() { runuser -u postgres -- "$@"; }
psql_at() { asp "$PGBIN/psql" -X -q -t -A -h "$1" -p "$2" -U postgres -d postgres -c "$3"; }
pg_start() {
  mkdir -p "$work/pg" "$work/logs/pg"; chown postgres: "$work/pg" "$work/logs/pg"
  asp "$PGBIN/initdb" -D "$pg_primary" -U postgres --auth=trust -E UTF8 --no-locale >"$work/logs/pg-initdb.log" 2>&1
  cat >>"$pg_primary/postgresql.conf" <<CONF
listen_addresses = '127.0.1.1'
port = $PGP
unix_socket_directories = '$work/pg'
fsync = on
synchronous_commit = on
wal_level = replica
max_wal_senders = 4
hot_standby = on
synchronous_standby_names = ''
max_connections = 50
CONF
  echo "host all,replication all 127.0.0.0/8 trust" >>"$pg_primary/pg_hba.conf"
  pg_dirs+=("$pg_primary")
  asp "$PGBIN/pg_ctl" -D "$pg_primary" -l "$work/logs/pg/primary.log" -w start >/dev/null
  psql_at 127.0.1.1 $PGP "CREATE TABLE kv(key text PRIMARY KEY, value text, ts timestamptz)"
  asp "$PGBIN/pg_basebackup" -h 127.0.1.1 -p $PGP -U postgres -D "$pg_standby" -R -X stream -c fast >"$work/logs/pg-basebackup.log" 2>&1
  cat >>"$pg_standby/postgresql.conf" <<CONF
listen_addresses = '127.0.2.1'
port = $PGS
hot_standby = on
CONF
  pg_dirs+=("$pg_standby")
  asp "$PGBIN/pg_ctl" -D "$pg_standby" -l "$work/logs/pg/standby.log" -w start >/dev/null
  pg_wait_streaming $PGP
}
pg_wait_streaming() { # the port the standby's WAL receiver must be connected to
  for _ in $(seq 1 200); do
    [[ $(psql_at 127.0.2.1 $PGS "SELECT status || ':' || sender_port FROM pg_stat_wal_receiver" 2>/dev/null) == "streaming:$1" ]] && return 0
    sleep 0.1
  done
  echo "bench: the standby does not stream from port $1" >&2; exit 1
}

threads() { # pid -> "tid name ticks" lines (utime+stime of every thread)
  local t
  for t in /proc/"$1"/task/*; do echo "$(basename "$t") $(tr ' ' '_' <"$t/comm") $(awk '{print $14+$15}' "$t/stat" 2>/dev/null)"; done 2>/dev/null
}
thread_cpu() { # name pid before-file: CPU ms by thread name (numbers folded) since the snapshot
  echo "== $1 (pid $2): CPU ms by thread during the round"
  threads "$2" | awk 'NR==FNR{a[$1]=$3;next}{n=$2; gsub(/[0-9]+$/,"#",n); d=$3-(($1 in a)?a[$1]:0); s[n]+=d; tot+=d}
    END{for(k in s) if(s[k]>0) printf "%7d  %s\n", s[k]*10, k; printf "%7d  TOTAL\n", tot*10}' "$3" - | sort -rn | head -12 || true
}
load() { # system phase round writer replica cpu-root-pids
  local warm=0
  [[ $3 == 1 ]] && warm=$WARMUP
  echo "$1 $2 round $3: load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/logs/loadavg.txt"
  if [[ $1 == pilotlight ]]; then threads "$main_east_pid" >"$work/logs/t0-east"; threads "$main_west_pid" >"$work/logs/t0-west"; fi
  bench load --system="$1" --phase="$2" --prefix="$2-r$3" --writer="$4" --replica="$5" --cpu-roots="$6" --clients="$CLIENTS" \
    --writes="$WRITES" --warmup="$warm" --value-bytes="$VALUE_BYTES" --out="$work/results/load-$1-$2-r$3.properties" \
    | sed "s/^/round $3: /" | tee -a "$work/logs/bench.log"
  if [[ $1 == pilotlight ]]; then
    { echo "### $2 round $3 (warm-up writes: $warm)"; thread_cpu east "$main_east_pid" "$work/logs/t0-east"; thread_cpu west "$main_west_pid" "$work/logs/t0-west"; } >>"$work/logs/pl-thread-cpu.txt"
  fi
}
pg_pids() { echo "$(head -1 "$pg_primary/postmaster.pid"),$(head -1 "$pg_standby/postmaster.pid")"; }
pl_pids() { echo "$main_coord_pid,$main_east_pid,$main_west_pid"; }
PG_W="jdbc:postgresql://127.0.1.1:$PGP/postgres?user=postgres"
PG_R="jdbc:postgresql://127.0.2.1:$PGS/postgres?user=postgres"

# ==== 1-4: loopback between the regions =================================================================
log "starting Pilotlight (coordinator, writer east on 127.0.1.1, async replica west on 127.0.2.1; fsync always on)"
P=$PORT_BASE
pl_cluster main $P
PL_E="http://127.0.1.1:$((P + 1))"; PL_W="http://127.0.2.1:$((P + 1))"
log "starting PostgreSQL 15 (primary on 127.0.1.1:$PGP, async hot standby on 127.0.2.1:$PGS)"
pg_start
psql_at 127.0.1.1 $PGP "SELECT 'postgresql: ' || version()" >&2
psql_at 127.0.1.1 $PGP "SELECT name || '=' || setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','wal_level','hot_standby','wal_sync_method','full_page_writes','shared_buffers','synchronous_standby_names') ORDER BY name" >"$work/logs/pg-settings.txt"

log "load, loopback: $WRITES upserts of $VALUE_BYTES B by $CLIENTS clients, $ROUNDS rounds alternating the systems (after $WARMUP warm-up writes each)"
pg_wal() { psql_at 127.0.1.1 $PGP "SELECT 'wal_records=' || wal_records || ' wal_bytes=' || wal_bytes || ' wal_fpi=' || wal_fpi || ' wal_write=' || wal_write || ' wal_sync=' || wal_sync FROM pg_stat_wal"; }
for round in $(seq 1 "$ROUNDS"); do
  load pilotlight local "$round" "$PL_E" "$PL_W" "$(pl_pids)"
  echo "pg_stat_wal before local round $round: $(pg_wal)" >>"$work/logs/pg-wal.txt"
  load postgresql local "$round" "$PG_W" "$PG_R" "$(pg_pids)"
  echo "pg_stat_wal after local round $round:  $(pg_wal)" >>"$work/logs/pg-wal.txt"
done

# ==== 5: 40 ms round trip between the regions ===========================================================
log "starting the latency proxy ($DELAY_MS ms each way, $proxy_name) on both replication links"
PX=$((P + 99))
start_bg proxy "${proxy_cmd[@]}" "$DELAY_MS" "127.0.2.1:$PX=127.0.1.1:$((P + 1))" "127.0.2.1:$PGX=127.0.1.1:$PGP"
for _ in $(seq 1 100); do grep -q "127.0.2.1:$PGX" "$work/logs/proxy.log" 2>/dev/null && break; sleep 0.1; done
grep -q "127.0.2.1:$PGX" "$work/logs/proxy.log" || { cat "$work/logs/proxy.log" >&2; echo "bench: the proxy did not start" >&2; exit 1; }
# Both replicas are re-pointed while running, as an operator would: PostgreSQL's standby by reloading
# primary_conninfo, Pilotlight's replica by POST /peers (until 2026-11-28 09:00 it was restarted, and
# its fresh JVM was still JIT-compiling during the first 40 ms round).
log "re-pointing Pilotlight's replica at its writer through the proxy (POST /peers)"
curl -sf -X POST "$PL_W/peers?region=east&url=http://127.0.2.1:$PX" >"$work/logs/pl-west-repoint.json"
wait_caught_up "$PL_E" "$PL_W"
for _ in $(seq 1 50); do [[ -n $(ss -Htn state established "( dport = :$PX )") ]] && break; sleep 0.1; done
[[ -n $(ss -Htn state established "( dport = :$PX )") ]] || { echo "bench: Pilotlight's replica is not streaming through the proxy" >&2; exit 1; }
log "pointing PostgreSQL's standby at the proxy"
psql_at 127.0.2.1 $PGS "ALTER SYSTEM SET primary_conninfo = 'host=127.0.2.1 port=$PGX user=postgres application_name=west'"
psql_at 127.0.2.1 $PGS "SELECT pg_reload_conf()" >/dev/null
pg_wait_streaming $PGX
for round in $(seq 1 "$ROUNDS"); do
  load pilotlight rtt40 "$round" "$PL_E" "$PL_W" "$(pl_pids)"
  load postgresql rtt40 "$round" "$PG_W" "$PG_R" "$(pg_pids)"
done
curl -s "$PL_E/status" >"$work/logs/pl-east-status.json"; curl -s "$PL_W/status" >"$work/logs/pl-west-status.json"
psql_at 127.0.1.1 $PGP "SELECT application_name, client_port, state, write_lag, flush_lag, replay_lag FROM pg_stat_replication" >"$work/logs/pg-replication.txt"
stop_pid "$main_west_pid"; stop_pid "$main_east_pid"; stop_pid "$main_coord_pid"
for dir in "$pg_standby" "$pg_primary"; do asp "$PGBIN/pg_ctl" -D "$dir" stop -m fast -w >/dev/null; done

# ==== 6: switchover and failover (fresh clusters, loopback) ===========================================
log "switchover: 4 clients write continuously; POST /switchover?to=west on the writer"
P2=$((PORT_BASE + 10))
pl_cluster so $P2
wait_caught_up "http://127.0.1.1:$((P2 + 1))" "http://127.0.2.1:$((P2 + 1))"
bench switchover --east="http://127.0.1.1:$((P2 + 1))" --west="http://127.0.2.1:$((P2 + 1))" --clients=4 \
  --value-bytes="$VALUE_BYTES" --out="$work/results/switchover.properties" | tee -a "$work/logs/bench.log"
stop_pid "$so_west_pid"; stop_pid "$so_east_pid"; stop_pid "$so_coord_pid"

log "failover: a client writes continuously; kill -9 the writer; the replica runs with --auto-failover (lease 2 s)"
P3=$((PORT_BASE + 20))
pl_cluster fo $P3 "" "--auto-failover"
wait_caught_up "http://127.0.1.1:$((P3 + 1))" "http://127.0.2.1:$((P3 + 1))"
disown "$fo_east_pid" 2>/dev/null || true   # its SIGKILL is the test, not news
bench failover --east="http://127.0.1.1:$((P3 + 1))" --west="http://127.0.2.1:$((P3 + 1))" --east-pid="$fo_east_pid" \
  --value-bytes="$VALUE_BYTES" --out="$work/results/failover.properties" | tee -a "$work/logs/bench.log"
curl -s "http://127.0.2.1:$((P3 + 1))/status" >"$work/logs/fo-west-status.json"
log "restarting the killed writer: it must rejoin as a replica and list what it rolled back in its lost-writes ledger"
start_bg fo-east-rejoin pl store serve --region east --data "$work/pl/fo-east" --listen "127.0.1.1:$((P3 + 1))" \
  --coordinator "http://127.0.0.1:$P3" --initial-writer east --lease 2s --peer "east=http://127.0.1.1:$((P3 + 1))" --peer "west=http://127.0.2.1:$((P3 + 1))"
wait_http "http://127.0.1.1:$((P3 + 1))/status" "the rejoining east"
wait_caught_up "http://127.0.2.1:$((P3 + 1))" "http://127.0.1.1:$((P3 + 1))"
bench ledger --url="http://127.0.1.1:$((P3 + 1))" --failover="$work/results/failover.properties" | tee -a "$work/logs/bench.log"

# ==== 7: the table ===================================================================================
echo
echo "Pilotlight store ($src_state) vs PostgreSQL 15: $WRITES upserts of $VALUE_BYTES B by $CLIENTS clients, $ROUNDS rounds, after $WARMUP warm-up writes,"
echo "fsync on, one async replica; proxy: $proxy_name; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); load averages before each load run:"
sed 's/^/  /' "$work/logs/loadavg.txt"
bench report --dir="$work/results"
