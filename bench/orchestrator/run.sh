#!/usr/bin/env bash
# Orchestration overhead of a pilot-light failover: the measured recovery time (primary region
# killed -> the service answers through DNS in the standby) minus the inherent terms (detection
# and DNS TTL), with the standby at 0 instances. Real processes on loopback; needs dig.
# Usage: bench/orchestrator/run.sh [ROUNDS]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
work=$(mktemp -d /tmp/pilotlight-orch-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [[ -f "$work/controller/instances.json" ]]; then
    grep -o '[0-9]\+' "$work/controller/instances.json" | xargs -r kill -9 2>/dev/null || true
  fi
}
trap cleanup EXIT
exec 3>&2 2>/dev/null   # the shell reports every process the cleanup kills; keep the table readable
"$root/bin/pilotlight" --version >/dev/null
jdk=$("$root/bin/find-jdk"); jar="$root/cli/target/pilotlight.jar"
pl() { exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"; }   # exec: the pid we keep is the JVM

INTERVAL_MS=200; THRESHOLD=2; TIMEOUT_MS=150; TTL=1
printf '%-6s %12s %12s %12s %12s\n' ROUND RECOVERY_MS DETECTION_MS TTL_MS OVERHEAD_MS
for round in $(seq 1 "$rounds"); do
  dir="$work/round-$round"; mkdir -p "$dir"
  API=18181; STORE=17101; DNS=15353; ADMIN=15380; COORD=17100
  cat > "$dir/topology.yaml" <<YAML
name: bench
pattern: pilot-light
objectives: {rto: 1m, rpo: 5s}
regions:
  east: {role: primary, address: 127.0.1.1}
  west: {role: standby, address: 127.0.2.1}
services:
  api:
    health_check: {type: HTTP, resource_path: /healthz, port: $API, request_interval: ${INTERVAL_MS}ms, failure_threshold: $THRESHOLD, timeout: ${TIMEOUT_MS}ms}
    endpoints: {east: {address: 127.0.1.1}, west: {address: 127.0.2.1}}
dns:
  zones:
    bench.example:
      record_sets:
        - {name: api, type: A, ttl: $TTL, set_identifier: east, failover_routing_policy: {type: PRIMARY}, health_check: api-east, region: east, records: [127.0.1.1]}
        - {name: api, type: A, ttl: $TTL, set_identifier: west, failover_routing_policy: {type: SECONDARY}, health_check: api-west, region: west, records: [127.0.2.1]}
data_stores:
  items: {kind: global-database, writer: east, lease: 1s, replication: {mode: async, lag_bound: 1s}}
compute:
  api: {instance_ready_time: 5s, capacity: {east: {active: 1}, west: {active: 1, standby: 0}}}
failover: {mode: automatic, decision_delay: 0s}
drills: [{name: weekly, scenario: region-outage, every: 7d}]
YAML
  peers=(--peer east=http://127.0.1.1:$STORE --peer west=http://127.0.2.1:$STORE)
  pl store coordinator --listen 127.0.0.1:$COORD --state "$dir/coordinator.json" > "$dir/coordinator.log" 2>&1 & pids+=($!)
  sleep 0.5
  pl store serve --region east --data "$dir/east" --listen 127.0.1.1:$STORE --coordinator http://127.0.0.1:$COORD --initial-writer east --lease 1s "${peers[@]}" > "$dir/east.log" 2>&1 & east=$!; pids+=($east)
  pl store serve --region west --data "$dir/west" --listen 127.0.2.1:$STORE --coordinator http://127.0.0.1:$COORD --initial-writer east --lease 1s "${peers[@]}" > "$dir/west.log" 2>&1 & pids+=($!)
  pl dns serve "$dir/topology.yaml" --listen 127.0.0.1:$DNS --admin 127.0.0.1:$ADMIN --state-dir "$dir/dns" --watch 0s > "$dir/dns.log" 2>&1 & pids+=($!)
  sleep 1
  pl controller "$dir/topology.yaml" --state-dir "$dir/controller" --store-port $STORE --dns 127.0.0.1:$DNS --dns-admin 127.0.0.1:$ADMIN > "$dir/controller.log" 2>&1 & pids+=($!)
  work_ctl="$dir"; ln -sfn "$dir/controller" "$work/controller"
  until grep -q watching "$dir/controller.log" 2>/dev/null; do sleep 0.1; done
  until curl -sf "http://127.0.1.1:$API/healthz" >/dev/null; do sleep 0.1; done
  # kill the primary region: its store node and its instances
  t0=$(date +%s%N)
  kill -9 "$east"; grep -o '"api@east":\[[0-9,]*\]' "$dir/controller/instances.json" | grep -o '[0-9]\+' | xargs -r kill -9
  until [[ "$(dig @127.0.0.1 -p $DNS +short +time=1 +tries=1 api.bench.example A 2>/dev/null)" == "127.0.2.1" ]] \
        && curl -sf "http://127.0.2.1:$API/healthz" >/dev/null; do sleep 0.02; done
  t1=$(date +%s%N)
  recovery=$(( (t1 - t0) / 1000000 ))
  detection=$(( THRESHOLD * INTERVAL_MS + TIMEOUT_MS ))
  ttl=$(( TTL * 1000 ))
  # the client here asks our DNS server directly (no resolver cache), so the TTL is not waited for: it is only subtracted if it was
  overhead=$(( recovery - detection ))
  printf '%-6s %12s %12s %12s %12s\n' "$round" "$recovery" "$detection" "0 (no cache)" "$overhead"
  cleanup; pids=(); sleep 1
done
echo "(logs in $work)"
