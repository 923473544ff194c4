#!/bin/sh
# Installs the Debian 12 packages cjknews builds, tests and benchmarks
# with, when any is missing. Idempotent; --quiet prints nothing when all
# are there.
set -e
PKGS="build-essential pkg-config clang libxapian-dev xapian-tools libyaml-dev
libutf8proc-dev libopencc-dev libopencc-data libuchardet-dev libedit-dev
libjansson-dev libarchive-dev libgumbo-dev libzstd-dev libclang-rt-14-dev zstd time python3
zip xz-utils"
missing=
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing="$missing $p"
done
if [ -z "$missing" ]; then
    [ "$1" = --quiet ] || echo "deps: all present"
    exit 0
fi
echo "deps: installing:$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
