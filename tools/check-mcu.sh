#!/bin/sh
# The firmware on the Cortex-M4 (issue: real MCU target). Runs the plant demo image under QEMU
# (mps2-an386, semihosting) and the same program built for the PC, and checks:
#   - both print the same event lines, byte for byte, and pass;
#   - the image links no heap or exception machinery;
#   - the footprint (flash, RAM with the measured stack) fits 64 KiB / 16 KiB,
# writing it to FOOTPRINT (JSON).
# Usage: tools/check-mcu.sh MCU_ELF HOST_DEMO FOOTPRINT
set -eu
elf="$1"
host="$2"
footprint="$3"
work="$(dirname "$footprint")/mcu-check"
rm -rf "$work"
mkdir -p "$work"

status=0
timeout 120 qemu-system-arm -M mps2-an386 -nographic -monitor none -serial none \
  -semihosting-config enable=on,target=native -kernel "$elf" \
  >"$work/qemu.out" 2>"$work/qemu.err" || status=$?
[ "$status" -eq 0 ] || { echo "QEMU run failed (exit $status):"; cat "$work/qemu.out" "$work/qemu.err"; exit 1; }
"$host" >"$work/host.out" || { echo "host run failed"; exit 1; }
cmp "$work/qemu.out" "$work/host.out" ||
  { echo "Cortex-M4 and PC outputs differ:"; diff "$work/qemu.out" "$work/host.out" | head -20; exit 1; }
echo "QEMU and PC: $(wc -l <"$work/qemu.out") identical lines, $(tail -1 "$work/qemu.out")"

bad=$(arm-none-eabi-nm -C "$elf" | awk '{print $NF}' | grep -E \
  '^(malloc|calloc|realloc|free|_sbrk|_malloc_r|_free_r|__cxa_throw|__cxa_allocate_exception|__gxx_personality_v0)$|^operator (new|delete)' || true)
[ -z "$bad" ] || { echo "the image links heap or exception machinery: $bad"; exit 1; }
echo "no heap or exception symbols in the image"

set -- $(arm-none-eabi-size "$elf" | tail -1)
text=$1 data=$2 bss=$3
stack=$(awk '/^stack_high_water_bytes/ {print $2}' "$work/qemu.err")
reserved=$(awk '/^stack_size_bytes/ {print $2}' "$work/qemu.err")
flash=$((text + data))
ram=$((data + bss + stack))
cat >"$footprint" <<JSON
{
  "target": "Cortex-M4F (mps2-an386 under QEMU), -Os",
  "text": $text,
  "data": $data,
  "bss": $bss,
  "stack_high_water": $stack,
  "stack_reserved": $reserved,
  "flash_bytes": $flash,
  "ram_bytes": $ram,
  "flash_limit": 65536,
  "ram_limit": 16384
}
JSON
echo "flash $flash B (limit 65536), RAM $ram B = data $data + bss $bss + stack $stack (limit 16384)"
[ "$flash" -le 65536 ] && [ "$ram" -le 16384 ] || { echo "footprint over its target"; exit 1; }
