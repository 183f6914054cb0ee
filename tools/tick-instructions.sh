#!/bin/sh
# Instructions per steady-state 100 ms firmware tick on the PC build, counted by callgrind
# (repeatable, unlike time): the plant demo's steady state run for 10 000 and 20 000 ticks;
# the difference over 10 000 is the cost of one tick (with the plant's few dozen).
# Usage: tools/tick-instructions.sh PLANT_DEMO_HOST   (target: 10 000)
set -eu
demo="$1"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$demo" --steady "$1" 2>&1 |
    awk '/Collected/ {print $NF}'
}
a=$(count 10000)
b=$(count 20000)
per=$(( (b - a) / 10000 ))
echo "instructions per steady-state tick: $per (target 10000; callgrind, 10 000 ticks)"
[ "$per" -le 10000 ]
