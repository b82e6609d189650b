#!/bin/sh
# Installs the load-generation tools the benchmarks need, at the versions pinned in
# benches/tools.txt (Debian packages, PACKAGE=VERSION a line). A tool whose command already
# answers `--version` is left alone. Needs root (or sudo) and Debian's package archive.
#
#   sh benches/install-tools.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
list="$here/tools.txt"

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    as_root=""
fi

# `wrk --version` prints its version but exits 1 (it wants a URL), so judge by the output.
works() {
    "$1" --version 2>&1 | grep -qi "^$1 "
}

updated=no
grep -v '^[[:space:]]*#' "$list" | grep -v '^[[:space:]]*$' | while IFS= read -r pin; do
    package=${pin%%=*}
    if works "$package"; then
        echo "install-tools: $package already works: $("$package" --version 2>&1 | head -n 1)"
        continue
    fi
    if [ "$updated" = no ] && ! apt-cache show "$pin" >/dev/null 2>&1; then
        echo "install-tools: $pin is not in the package lists; running apt-get update"
        $as_root apt-get update
        updated=yes
    fi
    echo "install-tools: installing $pin"
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y --no-install-recommends "$pin"
    if ! works "$package"; then
        echo "install-tools: $package was installed but does not answer --version" >&2
        exit 1
    fi
done
