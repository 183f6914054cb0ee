#!/bin/sh
# Static checks: clang-tidy (the checks in .clang-tidy) and cppcheck over the project's sources.
# Usage: tools/lint.sh [BUILD_DIR]   (the build folder holds compile_commands.json)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
# firmware/mcu/ is cross-compiled: it has no entry in the host's compile_commands.json.
src=$(git ls-files '*.cpp' | grep -v '/tests/' | grep -v '^firmware/mcu/' || true)
echo "clang-tidy: $(echo "$src" | wc -l) files"
# The build may use GCC's link-time optimisation flags, which clang does not know.
echo "$src" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet \
  --extra-arg=-Wno-ignored-optimization-argument --extra-arg=-Wno-unused-command-line-argument 2>&1 |
  grep -E 'warning:|error:' | sort -u >"$build/clang-tidy.txt" || true
echo "cppcheck"
cppcheck --enable=warning,style,performance,portability --std=c++20 --quiet --inline-suppr \
  --suppress=missingIncludeSystem --suppress=useStlAlgorithm --suppress=unmatchedSuppression \
  -I firmware -I . $src \
  2>"$build/cppcheck.txt" || true
status=0
for f in clang-tidy cppcheck; do
  if [ -s "$build/$f.txt" ]; then
    echo "$f found:"; cat "$build/$f.txt"; status=1
  fi
done
[ $status -eq 0 ] && echo "lint: clean"
exit $status
