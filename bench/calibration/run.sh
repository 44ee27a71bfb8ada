#!/usr/bin/env bash
# Calibration of the planner's expected RTO against drills (issue 17), kept out of the test suite.
#
# For each drillable example: 3 region-outage drills into a fresh history, then `plan --history`
# gives the expected RTO (the drills' median RTO, per-term medians beside it; docs/planner.md); a
# 4th drill measures the RTO it predicts. Target: the expected RTO within ±15 % of the 4th drill's measured RTO, and
# no drill's measured RTO above the planner's worst case.
#
# Usage: bench/calibration/run.sh [EXAMPLE...]
#   default: pilot-light-lab (about 2-4 minutes: four ~30-60 s drills).
#   `fast:pilot-light` and `fast:warm-standby` drill those examples with the fast clocks of
#   bench/drill/run.sh (1 s checks, 1 s TTL, 10 s instance ready time), a few minutes each.
# Exit 0 when every example meets both targets, 1 otherwise. On a shared machine run it under the
# benchmarks' lock so that it does not overlap another benchmark:
#   flock /tmp/pilotlight-bench.lock bench/calibration/run.sh
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
work=$(mktemp -d /tmp/pilotlight-calibration.XXXXXX)
examples=("$@")
[[ ${#examples[@]} -eq 0 ]] && examples=(pilot-light-lab)
drills_before=${CALIBRATION_DRILLS:-3}

fast() { # example -> fast copy for the lab (the same clocks as bench/drill/run.sh)
  sed -e 's/request_interval: 10s/request_interval: 1s/' -e 's/failure_threshold: 3/failure_threshold: 2/' \
      -e 's/timeout: 2s/timeout: 800ms/' -e 's/ttl: 60$/ttl: 1/' -e 's/ttl: 30$/ttl: 1/' \
      -e 's/decision_delay: .*/decision_delay: 1s/' -e 's/dns_cache: 30s/dns_cache: 1s/' \
      -e 's/instance_ready_time: .*/instance_ready_time: 10s/' \
      -e 's/{ active: [0-9]*, standby: 0 }/{ active: 1, standby: 0 }/' \
      -e 's/{ active: [0-9]*, standby: [1-9][0-9]* }/{ active: 2, standby: 1 }/' \
      -e 's/engine: postgres/engine: embedded/' -e '/promotion_time:/d' \
      "$root/examples/$1.yaml" > "$work/$1.yaml"
  printf '\nnetwork:\n  round_trip: 40ms\n' >> "$work/$1.yaml"
  echo "$work/$1.yaml"
}

"$root/bin/pilotlight" --version >/dev/null   # builds the jar if needed, outside the measurement

drill() { # file history report-dir -> measured RTO seconds (or "none")
  # a fresh state directory for every drill: a lab started on the last drill's data begins with the
  # standby already promoted, and would measure nothing
  "$root/bin/pilotlight" drill run "$1" --history "$2" --format json --report-dir "$3" \
    --state-dir "$3.lab" --deadline 180s > "$3.out" 2>"$3.err" || true
  python3 -c 'import json,sys
try:
    r = json.load(open(sys.argv[1]))
    v = r["rto"]["measured_seconds"]
    print("none" if v is None else v)
except Exception:
    print("none")' "$3/report.json"
}

status=0
printf '%-22s %8s %28s %10s %10s %8s %8s\n' EXAMPLE WORST_S "MEASURED_S (first drills)" EXPECTED_S NEXT_S ERROR WITHIN
for example in "${examples[@]}"; do
  case "$example" in
    fast:*) file=$(fast "${example#fast:}") ;;
    *) file="$root/examples/$example.yaml" ;;
  esac
  history="$work/$(basename "$example" | tr ':' '-').history.jsonl"
  measured=()
  for i in $(seq 1 "$drills_before"); do
    measured+=("$(drill "$file" "$history" "$work/${example//:/-}-$i")")
  done
  plan_json="$work/${example//:/-}.plan.json"
  "$root/bin/pilotlight" plan "$file" --history "$history" --format json > "$plan_json" 2>/dev/null || true
  next=$(drill "$file" "$history" "$work/${example//:/-}-next")
  python3 - "$plan_json" "$next" "$example" "${measured[@]}" <<'PY' || status=1
import json, sys
plan = json.load(open(sys.argv[1]))
worst = plan["rto"]["estimate_seconds"]
expected = plan["rto"]["expected"]["expected_seconds"]
drills = plan["rto"]["expected"]["drills"]
nxt = sys.argv[2]
firsts = sys.argv[4:]
ok = True
values = [float(v) for v in firsts + [nxt] if v != "none"]
if nxt == "none" or len(values) < len(firsts) + 1:
    ok = False
err = (expected - float(nxt)) / float(nxt) * 100 if nxt != "none" else float("nan")
within = nxt != "none" and abs(err) <= 15.0
never_above = all(v <= worst for v in values)
print(f"{sys.argv[3]:<22} {worst:>8.1f} {' '.join(firsts):>28} {expected:>10.1f} {nxt:>10} {err:>+7.1f}% {('yes' if within else 'NO'):>8}")
print(f"  expected from {drills} drills; measured never above the worst case: {'yes' if never_above else 'NO'}")
for t in plan["rto"]["expected"]["terms"]:
    m = t["measured"]
    spread = "-" if m is None else f"{m['median_seconds']:.2f} ({m['min_seconds']:.2f}-{m['max_seconds']:.2f})"
    used = "-" if t["expected_seconds"] is None else f"{t['expected_seconds']:.2f}"
    print(f"    {t['name']:<18} declared {t['declared_seconds']:>7.2f}  measured {spread:<22} used {used}")
print(f"    {'not in a term':<18} {'':>16}  {plan['rto']['expected']['tail_seconds']:.2f}")
sys.exit(0 if (ok and within and never_above) else 1)
PY
done
echo "work files (reports, histories, plans): $work"
exit $status
