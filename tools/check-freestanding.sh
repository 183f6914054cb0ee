#!/bin/sh
# Fails when the firmware library needs the heap, exceptions, RTTI or stdio from the C/C++
# runtime: it must link on a bare Cortex-M4 with nothing but memcpy/memset and friends.
set -eu
lib="$1"
bad=$(nm -u -C "$lib" | awk '{print $NF}' | grep -E \
  '^(malloc|calloc|realloc|free|operator new|operator delete|__cxa_throw|__cxa_allocate_exception|__cxa_begin_catch|__gxx_personality|typeinfo|printf|puts|fwrite|fopen|std::cout|std::__throw|__cxa_guard_acquire)' \
  | sort -u || true)
if [ -n "$bad" ]; then
  echo "firmware needs what a bare MCU does not have:"
  echo "$bad"
  exit 1
fi
echo "firmware is freestanding: $(nm -u "$lib" | awk '{print $NF}' | sort -u | tr '\n' ' ')"
