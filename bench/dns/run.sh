#!/usr/bin/env bash
# Pilotlight's DNS server against gdnsd, side by side in one run, under dnsperf.
# Both serve the same zone with a health-checked failover record (gdnsd: simplefo + http_status).
# Needs: dnsperf, gdnsd (Debian packages), python3. Usage: bench/dns/run.sh [SECONDS_PER_ROUND] [ROUNDS]
# Two loads in the same run (LOADS, default "1 NPROC"): one dnsperf sending thread, then one per CPU.
# Env: PL_NIO=1 adds a third server, Pilotlight with --udp-io nio, to compare the UDP transports in the
# same run (the ratio stays pilotlight with its default transport / gdnsd); PL_UDP_IO sets the main one's.
# PL_STEERING=cpu|hash|auto adds Pilotlight with that --udp-steering as a server (pl-steer) in the same run;
# PL_UDP_STEERING sets the main one's (default: the server's default); PL_STEER_JAVA_OPTS are JVM options for pl-steer only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-15}
rounds=${2:-2}
work=$(mktemp -d /tmp/pilotlight-dns-bench.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

for tool in dnsperf gdnsd python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y dnsperf gdnsd)" >&2; exit 2; }
done

HTTP_PORT=18080; PL_PORT=5301; GD_PORT=5302; NIO_PORT=5303; STEER_PORT=5304
python3 "$root/bench/dns/healthz.py" $HTTP_PORT & pids+=($!)

# --- the same zone for both servers ---------------------------------------------------------
cat > "$work/bench.yaml" <<YAML
name: dns-bench
objectives: {rto: 5m, rpo: 1m}
regions:
  primary: {role: primary}
  standby: {role: standby}
health_checks:
  api-primary: {type: HTTP, ip_address: 127.0.0.1, port: $HTTP_PORT, resource_path: /healthz, request_interval: 10s, failure_threshold: 3, timeout: 2s}
  api-standby: {type: HTTP, ip_address: 127.0.0.1, port: $HTTP_PORT, resource_path: /healthz, request_interval: 10s, failure_threshold: 3, timeout: 2s}
dns:
  zones:
    bench.example:
      soa: {serial: 1, minimum: 60s}
      record_sets:
        - {name: api, type: A, ttl: 60, set_identifier: p, failover_routing_policy: {type: PRIMARY}, health_check: api-primary, records: [127.0.0.1]}
        - {name: api, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: api-standby, records: [127.0.0.2]}
        - {name: www, type: A, ttl: 300, records: [192.0.2.80]}
        - {name: "@", type: MX, ttl: 300, records: ["10 mail.bench.example"]}
YAML
mkdir -p "$work/gdnsd/zones"
cat > "$work/gdnsd/config" <<CONF
options => { listen => [ 127.0.0.1:$GD_PORT ], udp_threads => 2, tcp_threads => 1 }
service_types => {
  api_http => { plugin => http_status, port => $HTTP_PORT, url_path => /healthz, up_thresh => 3, ok_thresh => 3, down_thresh => 3, interval => 10, timeout => 2 }
}
plugins => { simplefo => { api => { primary => 127.0.0.1, secondary => 127.0.0.2, service_types => [ api_http ] } } }
CONF
cat > "$work/gdnsd/zones/bench.example" <<ZONE
@ 900 SOA ns1 hostmaster 1 7200 900 1209600 60
@ 172800 NS ns1
@ 300 MX 10 mail
api 60 DYNA simplefo!api
www 300 A 192.0.2.80
ZONE

# 80% the failover name, then a plain name, a NODATA, an NXDOMAIN and the MX
: > "$work/queries"
for i in $(seq 1 16); do echo "api.bench.example A" >> "$work/queries"; done
printf 'www.bench.example A\napi.bench.example AAAA\nnope.bench.example A\nbench.example MX\n' >> "$work/queries"

# --- start both servers --------------------------------------------------------------------
"$root/bin/pilotlight" --version >/dev/null   # builds the jar if needed, outside the measurement
${SERVER_PIN:-} "$root/bin/pilotlight" dns serve "$work/bench.yaml" --listen 127.0.0.1:$PL_PORT --admin none --udp-threads "${PL_UDP_THREADS:-2}" \
  --state-dir "$work/state" --watch 0s --udp-io "${PL_UDP_IO:-auto}" --udp-steering "${PL_UDP_STEERING:-auto}" \
  > "$work/pilotlight.log" 2>&1 & pl_pid=$!; pids+=($pl_pid)
servers=(gdnsd pilotlight); ports=($GD_PORT $PL_PORT)
if [[ -n ${PL_NIO:-} ]]; then
  ${SERVER_PIN:-} "$root/bin/pilotlight" dns serve "$work/bench.yaml" --listen 127.0.0.1:$NIO_PORT --admin none --udp-threads "${PL_UDP_THREADS:-2}" \
    --state-dir "$work/state-nio" --watch 0s --udp-io nio > "$work/pl-nio.log" 2>&1 & nio_pid=$!; pids+=($nio_pid)
  servers+=(pl-nio); ports+=($NIO_PORT)
fi
if [[ -n ${PL_STEERING:-} ]]; then
  PILOTLIGHT_JAVA_OPTS="${PL_STEER_JAVA_OPTS:-}" ${SERVER_PIN:-} "$root/bin/pilotlight" dns serve "$work/bench.yaml" --listen 127.0.0.1:$STEER_PORT --admin none --udp-threads "${PL_UDP_THREADS:-2}" \
    --state-dir "$work/state-steer" --watch 0s --udp-io "${PL_UDP_IO:-auto}" --udp-steering "$PL_STEERING" > "$work/pl-steer.log" 2>&1 & steer_pid=$!; pids+=($steer_pid)
  servers+=(pl-steer); ports+=($STEER_PORT)
fi
${SERVER_PIN:-} gdnsd -c "$work/gdnsd" start > "$work/gdnsd.log" 2>&1 & gd_pid=$!; pids+=($gd_pid)
for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do dig @127.0.0.1 -p $port +short +time=1 +tries=1 api.bench.example A >/dev/null 2>&1 && break; sleep 0.2; done
done
echo "pilotlight answers: $(dig @127.0.0.1 -p $PL_PORT +short api.bench.example A)   gdnsd answers: $(dig @127.0.0.1 -p $GD_PORT +short api.bench.example A)"
for log in pilotlight pl-nio pl-steer; do
  if [[ -f $work/$log.log ]]; then echo "$log: $(grep -h 'UDP I/O' "$work/$log.log" || true)"; fi
done

cpu_ticks() { # pid -> user+system clock ticks of the whole process
  awk -v part="${CPU_PART:-both}" '{print (part=="user")? $14 : (part=="sys")? $15 : $14 + $15}' "/proc/$1/stat"
}
run() { # name port seconds -> "qps avg_ms stddev_ms lost cpu_us_per_query"
  local out pid before after
  case $1 in gdnsd) pid=$gd_pid ;; pl-nio) pid=$nio_pid ;; pl-steer) pid=$steer_pid ;; *) pid=$pl_pid ;; esac
  before=$(cpu_ticks "$pid")
  out=$(${CLIENT_PIN:-} dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries" -l "$3" -c 4 -q 200 ${DNSPERF_OPTS:-} 2>&1)
  after=$(cpu_ticks "$pid")
  echo "$out" > "$work/dnsperf-$1-$(date +%s%N).txt"
  local qps avg sd lost
  qps=$(awk '/Queries per second:/ {print $4}' <<<"$out")
  avg=$(awk '/Average Latency/ {print $4 * 1000}' <<<"$out")
  sd=$(awk '/Latency StdDev/ {print $4 * 1000}' <<<"$out")
  lost=$(awk '/Queries lost:/ {print $3}' <<<"$out")
  local sent cpu
  sent=$(awk '/Queries completed:/ {print $3}' <<<"$out")
  cpu=$(awk -v t=$((after - before)) -v n="$sent" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", (n>0)? t/hz*1e6/n : 0}')
  echo "$qps $avg $sd $lost $cpu"
}

echo "warm-up: pilotlight's JIT, 5s"; run warmup $PL_PORT 5 >/dev/null
[[ -n ${PL_NIO:-} ]] && run pl-nio $NIO_PORT 5 >/dev/null
[[ -n ${PL_STEERING:-} ]] && run pl-steer $STEER_PORT 5 >/dev/null
# Each load: dnsperf sending threads. 1 = every query enters the kernel on the sending thread's CPU;
# one per CPU = queries arrive on every CPU, as from a NIC with a receive queue per CPU.
loads=${LOADS:-"1 $(nproc)"}
declare -A best all
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print (NR%2)? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
summary=()
for senders in $loads; do
  printf '\n--- load: %s dnsperf sending thread(s) (-T %s) ---\n' "$senders" "$senders"
  printf '%-6s %-11s %12s %14s %14s %8s %14s\n' ROUND SERVER QUERIES/S AVG_LAT_MS STDDEV_MS LOST CPU_US/QUERY
  for round in $(seq 1 "$rounds"); do
    for i in "${!servers[@]}"; do
      server=${servers[$i]}; port=${ports[$i]}
      read -r qps avg sd lost cpu < <(DNSPERF_OPTS="-T $senders ${DNSPERF_OPTS:-}" run "$server" "$port" "$seconds")
      printf '%-6s %-11s %12.0f %14.3f %14.3f %8s %14s\n' "$round" "$server" "$qps" "$avg" "$sd" "$lost" "$cpu"
      best[$server/$senders]=$(awk -v a="$qps" -v b="${best[$server/$senders]:-0}" 'BEGIN{print (a>b)?a:b}')
      all[$server/$senders]+=" $qps"
    done
  done
  line=$(printf 'load -T %s, best of %s rounds: pilotlight %.0f q/s, gdnsd %.0f q/s, ratio pilotlight/gdnsd = %.2f' "$senders" "$rounds" \
    "${best[pilotlight/$senders]}" "${best[gdnsd/$senders]}" "$(awk -v a="${best[pilotlight/$senders]}" -v b="${best[gdnsd/$senders]}" 'BEGIN{print a/b}')")
  [[ -n ${PL_NIO:-} ]] && line+=$(printf '; pl-nio %.0f q/s, ratio %.2f' "${best[pl-nio/$senders]}" "$(awk -v a="${best[pl-nio/$senders]}" -v b="${best[gdnsd/$senders]}" 'BEGIN{print a/b}')")
  [[ -n ${PL_STEERING:-} ]] && line+=$(printf '; pl-steer (--udp-steering %s) %.0f q/s, ratio %.2f' "$PL_STEERING" "${best[pl-steer/$senders]}" "$(awk -v a="${best[pl-steer/$senders]}" -v b="${best[gdnsd/$senders]}" 'BEGIN{print a/b}')")
  pl_median=$(median <<<"${all[pilotlight/$senders]}"); gd_median=$(median <<<"${all[gdnsd/$senders]}")
  line+=$(printf '\n  medians: pilotlight %.0f q/s, gdnsd %.0f q/s, ratio %.2f' "$pl_median" "$gd_median" "$(awk -v a="$pl_median" -v b="$gd_median" 'BEGIN{print a/b}')")
  summary+=("$line")
done
echo
printf '%s\n' "${summary[@]}"
for log in pilotlight pl-nio pl-steer; do
  if [[ -f $work/$log.log ]] && grep -q 'UDP steering' "$work/$log.log"; then
    echo "$log steering changes: $(grep -c 'UDP steering' "$work/$log.log"), the last: $(grep 'UDP steering' "$work/$log.log" | tail -1 | cut -c1-140)"
  fi
done
echo "(dnsperf output kept in $work)"
