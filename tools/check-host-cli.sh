#!/bin/sh
# Checks the `lfpbms` host commands against simulated packs served on a pseudo-terminal and on
# TCP (issue 7): scan, read (one pack and all) against the twin's truth, params set/get and a
# refused write, a write that survives a power cut, a wrong password, the clock, records (1000+
# after a burst of events), a MOSFET switch, watch --record and export --csv; and a bank of 15
# packs read through its master (issue 8).
# Usage: tools/check-host-cli.sh LFPBMS WORKDIR
set -eu
lfpbms="$1"
work="$2"
scenarios="$(cd "$(dirname "$0")/../scenarios" && pwd)"
python=/usr/bin/python3
rm -rf "$work"
mkdir -p "$work"
servers=""
trap 'for p in $servers; do kill "$p" 2>/dev/null || true; done' EXIT INT TERM

fail() { echo "host CLI: $*"; exit 1; }

# Starts `lfpbms sim --serve SPEC [options]` (default: 3 packs at 20x real time) and waits for
# its "serving" line; $server is its pid.
serve() {
  spec="$1"
  log="$work/serve-$2.out"
  shift 2
  [ $# -gt 0 ] || set -- --speed 20 --packs 3
  "$lfpbms" sim --serve "$spec" "$@" >"$log" 2>&1 &
  server=$!
  servers="$servers $server"
  for _ in $(seq 1 100); do
    grep -qs '^serving' "$log" && return 0
    sleep 0.2
  done
  cat "$log"
  fail "the server on $spec did not start"
}

# Runs lfpbms with the port, saving stdout and stderr as $work/NAME.out/.err; sets $rc.
run() {
  name="$1"
  shift
  rc=0
  "$lfpbms" "$@" --port "$port" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
}
expect_ok() { [ "$rc" -eq 0 ] || { cat "$work/$1.err"; fail "$1: exit $rc"; }; }

# read --json agrees with itself the way a real pack does: a balanced pack's cells, their sum
# near the pack voltage (measured separately, through the current path), SOC within 0...100 %.
check_read_json() {
  $python - "$1" <<'PY' || fail "read --json: implausible values"
import json, sys
p = json.load(open(sys.argv[1]))
cells = p["cell_voltage_mV"]
assert len(cells) == 16, cells
assert max(cells) - min(cells) <= 50, cells
assert abs(sum(cells) - p["pack_voltage_mV"]) <= p["pack_voltage_mV"] // 50, (sum(cells), p["pack_voltage_mV"])
assert 0 <= p["soc_pptt"] <= 10000, p["soc_pptt"]
assert p["max_cell_mV"] == max(cells) and p["min_cell_mV"] == min(cells)
assert p["system_info"]["bms_serial"], p["system_info"]
PY
}

param_value() {
  $python -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["value"])' "$1" "$2"
}

# What the host reads agrees with the twin's truth within PK-3's accuracy (cell 50 mV, pack
# 0.5 V, current 5 % or the 0.5 A dead band, temperature 3 °C), the truth taken just before and
# just after the read: the twin runs on while the request is on the wire.
check_truth() {
  $python - "$1" "$2" "$3" <<'PY' || fail "read --json: outside PK-3's accuracy against the truth"
import json, sys
got = json.load(open(sys.argv[1]))
before, after = (json.load(open(f))["packs"][0] for f in sys.argv[2:4])
def near(name, value, a, b, tol):
    lo, hi = min(a, b) - tol, max(a, b) + tol
    assert lo <= value <= hi, f"{name}: read {value}, truth {a}...{b}, tolerance {tol}"
for i, v in enumerate(got["cell_voltage_mV"]):
    near(f"cell {i + 1} mV", v, before["cell_voltage_mV"][i], after["cell_voltage_mV"][i], 50)
near("pack mV", got["pack_voltage_mV"], before["pack_voltage_mV"], after["pack_voltage_mV"], 500)
tol_mA = max(500, 0.05 * max(abs(before["current_mA"]), abs(after["current_mA"])))
near("current mA", got["current_mA"], before["current_mA"], after["current_mA"], tol_mA)
for i, t in enumerate(got["temperature_dC"]):
    near(f"temperature {i + 1} dC", t, before["temperature_dC"][i], after["temperature_dC"][i], 30)
PY
}

serve "pty:$work/tty" pty --speed 20 --packs 3 --truth "$work/truth.json"
pty_server=$server
port="pty:$work/tty"
for _ in $(seq 1 50); do [ -s "$work/truth.json" ] && break; sleep 0.1; done
cp "$work/truth.json" "$work/truth-before.json"
run read-truth read --json
expect_ok read-truth
cp "$work/truth.json" "$work/truth-after.json"
check_truth "$work/read-truth.out" "$work/truth-before.json" "$work/truth-after.json"

run scan scan --json
expect_ok scan
n=$($python -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/scan.out")
[ "$n" -eq 3 ] || fail "scan found $n packs, want 3"

run read read --json
expect_ok read
check_read_json "$work/read.out"

run read-all read --addr all
expect_ok read-all
grep -q "system: 3 packs" "$work/read-all.out" || fail "read --addr all: no system view of 3 packs"
[ "$(grep -cE '^ +[123] ' "$work/read-all.out")" -eq 3 ] || fail "read --addr all: not 3 pack rows"

run set params set cell_ov_alarm_mV=3550 --addr 2
expect_ok set
run get params get cell_ov_alarm_mV --addr 2 --json
expect_ok get
[ "$(param_value "$work/get.out" cell_ov_alarm_mV)" -eq 3550 ] || fail "params set did not round-trip"

# A power cut to every pack: the written value comes back from the flash.
kill -USR1 "$pty_server"
for _ in $(seq 1 50); do grep -qs '^power cut' "$work/serve-pty.out" && break; sleep 0.1; done
grep -qs '^power cut' "$work/serve-pty.out" || fail "the server did not cut the power"
run get-after-cut params get cell_ov_alarm_mV --addr 2 --json
expect_ok get-after-cut
[ "$(param_value "$work/get-after-cut.out" cell_ov_alarm_mV)" -eq 3550 ] ||
  fail "a written parameter did not survive the power cut"

# A restart by host command: the same.
run reboot reboot --addr 2
expect_ok reboot
run get-after-reboot params get cell_ov_alarm_mV --addr 2 --json
expect_ok get-after-reboot
[ "$(param_value "$work/get-after-reboot.out" cell_ov_alarm_mV)" -eq 3550 ] ||
  fail "a written parameter did not survive a reboot"

run refused params set cell_ov_alarm_mV=4600 --addr 2
[ "$rc" -eq 1 ] || fail "write above max: exit $rc, want 1"
grep -q "^lfpbms: write refused: cell_ov_alarm_mV is above its maximum$" "$work/refused.err" ||
  { cat "$work/refused.err"; fail "write above max: unclear refusal"; }
run get2 params get cell_ov_alarm_mV --addr 2 --json
[ "$(param_value "$work/get2.out" cell_ov_alarm_mV)" -eq 3550 ] || fail "refused write changed the value"

run wrongpw params set cell_ov_alarm_mV=3560 --password not-the-password
[ "$rc" -eq 1 ] || fail "wrong password: exit $rc, want 1"
grep -q "^lfpbms: pack 1: wrong administrator password" "$work/wrongpw.err" ||
  { cat "$work/wrongpw.err"; fail "wrong password: unclear message"; }

run timeset time set 2027-03-04T05:06:07
expect_ok timeset
run timeget time get --json
expect_ok timeget
grep -q '"clock_utc": "2027-03-04T05:0' "$work/timeget.out" || { cat "$work/timeget.out"; fail "time get"; }

run records records read --json --csv "$work/records.csv"
expect_ok records
n=$($python -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/records.out")
[ "$n" -ge 1 ] || fail "records read: no records"
[ "$(wc -l <"$work/records.csv")" -eq $((n + 1)) ] || fail "records --csv: wrong line count"

# While discharging, the charge MOSFET stays on to spare its body diode, so the 44 status does
# not show the switch; that the pack took it shows in its refusal to turn both off.
run fet-off switch charge off
expect_ok fet-off
run both-off switch discharge off
[ "$rc" -eq 1 ] || fail "both MOSFETs off by host: exit $rc, want a refusal (1)"
run fet-on switch charge on
expect_ok fet-on

run watch watch --addr all --count 2 --interval 0.5 --record "$work/history.db"
expect_ok watch
grep -q "recorded 6 rows in session_" "$work/watch.out" || { cat "$work/watch.out"; fail "watch --record"; }
"$lfpbms" export "$work/history.db" --csv "$work/csv" >"$work/export.out" ||
  fail "export --csv failed"
ls "$work/csv/pack No1_"*.csv >/dev/null 2>&1 || fail "export: no 'pack No1_*.csv'"
[ "$(ls "$work/csv" | wc -l)" -eq 3 ] || fail "export: want one CSV per pack"

run usage read --addr 16
[ "$rc" -eq 2 ] || fail "--addr 16: exit $rc, want 2"

tcp_port=$($python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
serve "tcp:127.0.0.1:$tcp_port" tcp
port="tcp:127.0.0.1:$tcp_port"
run read-tcp read --json
expect_ok read-tcp
check_read_json "$work/read-tcp.out"
# 1 800 events (more than the log holds) and a wrap: every kept record reads back, in order.
serve "pty:$work/tty-burst" burst "$scenarios/event-burst.toml" --days 1 --speed 4000 --baud 0 \
  --truth "$work/truth-burst.json"
for _ in $(seq 1 200); do
  $python -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["t_s"] < 12200)' \
    "$work/truth-burst.json" 2>/dev/null && break
  sleep 0.1
done
port="pty:$work/tty-burst"
run burst records read --json
expect_ok burst
$python - "$work/burst.out" <<'PY' || fail "records after a burst of events"
import json, sys
records = json.load(open(sys.argv[1]))
assert len(records) >= 1000, len(records)
seq = [r["sequence"] for r in records]
assert seq == list(range(seq[0], seq[0] + len(seq))), "not one run of sequence numbers"
assert seq[0] > 0, "the log should have wrapped"
PY
# Issue 8: a bank of 15 on DIP addresses; the master answers for all of them (FF) and gives its
# own system view (F9) once it has polled every slave (a few simulated seconds).
serve "pty:$work/tty-bank" bank --packs 15 --profile VT-12040-1 --speed 10
port="pty:$work/tty-bank"
for _ in $(seq 1 30); do
  run bank read --addr all --json
  [ "$rc" -eq 0 ] && $python -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(len(j["packs"]) != 15)' \
    "$work/bank.out" 2>/dev/null && break
  sleep 0.5
done
expect_ok bank
$python - "$work/bank.out" <<'PY' || fail "read --addr all of 15 packs"
import json, sys
j = json.load(open(sys.argv[1]))
assert [p["address"] for p in j["packs"]] == list(range(1, 16)), [p["address"] for p in j["packs"]]
assert j["system"]["pack_count"] == 15, j["system"]
b = j["bank"]
assert b["packs_known"] == 15 and b["packs_healthy"] == 15, b
assert b["lost"] == [] and b["address_conflicts"] == [], b
assert b["charge_current_limit_mA"] > 0 and b["discharge_current_limit_mA"] > 0, b
assert abs(b["soc_pptt"] - j["system"]["soc_pptt"]) <= 300, (b["soc_pptt"], j["system"]["soc_pptt"])
PY
run bank-text read --addr all
expect_ok bank-text
grep -q "system: 15 packs" "$work/bank-text.out" || fail "read --addr all: no system view of 15 packs"
grep -q "the master's view: 15 packs known, 15 healthy" "$work/bank-text.out" ||
  fail "read --addr all: no master's view of 15 packs"
echo "host CLI: ok"
