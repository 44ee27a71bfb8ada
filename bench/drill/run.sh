#!/usr/bin/env bash
# A whole drill's measured RTO against its inherent floor, for the pilot-light and warm-standby
# examples: floor = worst-case detection (failure_threshold x request_interval + timeout) + DNS TTL,
# the part no orchestration can remove. Everything above it is what Pilotlight adds (decision
# delay, promotion, scale-up, DNS flip, clients catching up).
#
# Both examples are run with the same fast clocks (1 s health checks, threshold 2, 800 ms timeout,
# TTL 1 s, 1 s decision delay, 40 ms between regions; see the sed below), region-outage of the
# primary, ROUNDS times each, alternating. The lab runs the embedded store, so the warm-standby
# example's PostgreSQL ledger becomes an embedded one here. Usage: bench/drill/run.sh [ROUNDS]   (default 3)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
rounds=${1:-3}
work=$(mktemp -d /tmp/pilotlight-drill-bench.XXXXXX)

fast() { # example -> fast copy for the lab
  sed -e 's/request_interval: 10s/request_interval: 1s/' -e 's/failure_threshold: 3/failure_threshold: 2/' \
      -e 's/timeout: 2s/timeout: 800ms/' -e 's/ttl: 60$/ttl: 1/' -e 's/ttl: 30$/ttl: 1/' \
      -e 's/decision_delay: .*/decision_delay: 1s/' -e 's/dns_cache: 30s/dns_cache: 1s/' \
      -e 's/instance_ready_time: .*/instance_ready_time: 10s/' \
      -e 's/{ active: [0-9]*, standby: 0 }/{ active: 1, standby: 0 }/' \
      -e 's/{ active: [0-9]*, standby: [1-9][0-9]* }/{ active: 2, standby: 1 }/' \
      -e 's/engine: postgres/engine: embedded/' -e '/promotion_time:/d' \
      "$root/examples/$1.yaml" > "$work/$1.yaml"
  printf '\nnetwork:\n  round_trip: 40ms\n' >> "$work/$1.yaml"
}
fast pilot-light
fast warm-standby
"$root/bin/pilotlight" --version >/dev/null   # builds the jar if needed, outside the measurement

printf '%-6s %-13s %10s %10s %10s %10s   %s\n' ROUND EXAMPLE RTO_S FLOOR_S OVER_S RATIO "MILESTONES (s: detected decided promoted compute-ready dns-changed first-success)"
for round in $(seq 1 "$rounds"); do
  for example in pilot-light warm-standby; do
    dir="$work/$example-$round"
    "$root/bin/pilotlight" drill run "$work/$example.yaml" --format json --report-dir "$dir" \
      --state-dir "$work/lab" --deadline 120s > "$dir.out" 2>&1 || true
    python3 - "$dir/report.json" "$round" "$example" <<'PY' | tee -a "$work/rows.txt"
import json, sys
r = json.load(open(sys.argv[1]))
terms = {t["name"]: t["estimated_seconds"] for t in r["rto"]["terms"]}
floor = terms["detection"] + terms["DNS TTL"]
rto = r["rto"]["measured_seconds"]
ms = {m["name"]: m["seconds"] for m in r["milestones"]}
marks = " ".join("-" if ms.get(n) is None else f"{ms[n]:.1f}" for n in
                 ["detected", "decided", "promoted", "compute ready", "DNS answer changed", "first client success"])
if rto is None:
    print(f"{sys.argv[2]:<6} {sys.argv[3]:<13} {'none':>10} {floor:>10.1f} {'-':>10} {'-':>10}   {marks}")
else:
    print(f"{sys.argv[2]:<6} {sys.argv[3]:<13} {rto:>10.1f} {floor:>10.1f} {rto - floor:>10.1f} {rto / floor:>10.2f}   {marks}")
PY
  done
done
python3 - "$work/rows.txt" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for example in ["pilot-light", "warm-standby"]:
    r = [float(x[2]) for x in rows if x[1] == example and x[2] != "none"]
    f = [float(x[3]) for x in rows if x[1] == example]
    if r:
        print(f"{example}: median measured RTO {statistics.median(r):.1f} s against a floor of {f[0]:.1f} s"
              f" (detection + TTL): {statistics.median(r) / f[0]:.2f}x, {statistics.median(r) - f[0]:.1f} s above it")
PY
echo "(reports in $work)"
