#!/bin/sh
# Installs the Debian 12 packages lfpbms builds and tests with, only those missing.
# Used by `make demo` and `make test`; safe to run again.
set -eu
PKGS="cmake make g++ libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libfmt-dev binutils
      libtomlplusplus-dev nlohmann-json3-dev ca-certificates
      gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm
      valgrind libboost-dev libsqlitecpp-dev libsqlite3-dev socat"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# The report page bundles a charting library from npm at build time; any npm will do.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
echo "lfpbms: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends $missing
