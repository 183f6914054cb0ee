#!/bin/sh
# Fails when the firmware library needs the heap, exceptions, RTTI or stdio from the C/C++
# runtime: it must link on a bare Cortex-M4 with nothing but memcpy/memset and friends.
set -eu
lib="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -g --defined-only "$lib" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u >"$tmp/defined"
nm -u "$lib" | awk 'NF==2 {print $2}' | sort -u >"$tmp/undefined"
comm -23 "$tmp/undefined" "$tmp/defined" >"$tmp/external"
bad=$(c++filt <"$tmp/external" | grep -E \
  '^(malloc|calloc|realloc|free|operator new|operator delete|__cxa_throw|__cxa_allocate_exception|__cxa_begin_catch|__gxx_personality|typeinfo|printf|puts|fwrite|fopen|std::cout|std::__throw|__cxa_guard_acquire)' \
  || true)
if [ -n "$bad" ]; then
  echo "firmware needs what a bare MCU does not have:"
  echo "$bad"
  exit 1
fi
echo "firmware is freestanding; it needs from outside: $(tr '\n' ' ' <"$tmp/external")"
