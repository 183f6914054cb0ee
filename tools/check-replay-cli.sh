#!/bin/sh
# Checks the `lfpbms replay` contract that unit tests cannot see: a bad log exits 2 with one line
# "file:line: message" and writes nothing; a good one writes summary.json, trace.csv,
# events.csv and report.html; --json prints the summary; the same log gives the same summary
# apart from wall time.
# Usage: tools/check-replay-cli.sh LFPBMS WORKDIR
set -eu
lfpbms="$1"
work="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
rm -rf "$work"
mkdir -p "$work"

printf 'time_s,current_A,voltage_V\n0,0,3.3\n10,oops,3.3\n' >"$work/bad.csv"
status=0
"$lfpbms" replay "$work/bad.csv" --out "$work/bad" 2>"$work/bad.err" || status=$?
[ "$status" -eq 2 ] || { echo "bad log: exit $status, want 2"; exit 1; }
grep -q "bad.csv:3: current_A: 'oops' is not a number" "$work/bad.err" ||
  { echo "bad log: unclear error:"; cat "$work/bad.err"; exit 1; }
[ ! -e "$work/bad" ] || { echo "bad log: wrote $work/bad"; exit 1; }

# A short single-cell log with a reference, every option given.
log="$work/cell.csv"
{
  echo "# a hand-made log"
  echo "time_s,current_A,voltage_V,temperature_C,soc_ref"
  t=0
  while [ $t -le 600 ]; do echo "$t,-2.5,3.30,20.5,0.5"; t=$((t + 10)); done
} >"$log"
for run in a b; do
  "$lfpbms" replay "$log" --series 8 --cell-capacity-Ah 2.5 --initial-soc 50 \
    --current-offset-A -0.2 --out "$work/$run" --json >"$work/$run.json"
done
strip() { grep -v '"wall_s"' "$1"; }
strip "$work/a/summary.json" >"$work/a.sum"
strip "$work/b/summary.json" >"$work/b.sum"
cmp -s "$work/a.sum" "$work/b.sum" || { echo "same log, different summary"; diff "$work/a.sum" "$work/b.sum"; exit 1; }
strip "$work/a.json" | cmp -s - "$work/a.sum" || { echo "--json differs from summary.json"; exit 1; }
for key in '"rows": 61' '"duration_s": 600' '"series": 8' '"current_scale": 40' \
  '"current_offset_A": -0.2' '"soc_rmse_pct"' '"soc_max_err_pct"' '"final_soc_ref_pct": 50' \
  '"min_temp_C": 20.5'; do
  grep -q "$key" "$work/a.sum" || { echo "summary lacks $key"; cat "$work/a.sum"; exit 1; }
done
for f in summary.json trace.csv events.csv report.html; do
  [ -s "$work/a/$f" ] || { echo "missing $f"; exit 1; }
done
# Without --out: replay-out/<log name>/ in the working folder.
(cd "$work" && "$lfpbms" replay cell.csv --cell-capacity-Ah 2.5 >/dev/null)
[ -s "$work/replay-out/cell/summary.json" ] || { echo "no replay-out/cell/summary.json"; exit 1; }
echo "replay CLI: ok"
