#!/bin/sh
# Checks the `lfpbms sim` contract that unit tests cannot see: a bad scenario exits 2 with one
# line naming file, line and key and writes nothing; the same scenario and seed give the same
# summary.json apart from wall time and speed; --json prints the summary.
# Usage: tools/check-sim-cli.sh LFPBMS WORKDIR
set -eu
lfpbms="$1"
work="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
rm -rf "$work"
mkdir -p "$work"

status=0
"$lfpbms" sim "$root/tests/sim/bad-scenario.toml" --out "$work/bad" 2>"$work/bad.err" || status=$?
[ "$status" -eq 2 ] || { echo "bad scenario: exit $status, want 2"; exit 1; }
grep -q "bad-scenario.toml:7: site.pv_peak" "$work/bad.err" ||
  { echo "bad scenario: unclear error:"; cat "$work/bad.err"; exit 1; }
[ ! -e "$work/bad" ] || { echo "bad scenario: wrote $work/bad"; exit 1; }

for run in a b; do
  # A third of a day misses the demo's expectations (exit 1): only the outputs matter here.
  "$lfpbms" sim --days 0.3 --seed 4 --out "$work/$run" --json >"$work/$run.json" || true
done
strip() { grep -v '"wall_s"\|"speedup"' "$1"; }
strip "$work/a/summary.json" >"$work/a.sum"
strip "$work/b/summary.json" >"$work/b.sum"
cmp -s "$work/a.sum" "$work/b.sum" || { echo "same seed, different summary"; diff "$work/a.sum" "$work/b.sum"; exit 1; }
strip "$work/a.json" | cmp -s - "$work/a.sum" || { echo "--json differs from summary.json"; exit 1; }
for f in summary.json events.csv trace.csv report.html; do
  [ -s "$work/a/$f" ] || { echo "missing $f"; exit 1; }
done
echo "sim CLI: ok"
