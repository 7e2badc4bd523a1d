#!/usr/bin/env bash
# Builds PgBouncer from Debian's trixie source package (Debian 12 ships 1.18, older than the 1.19 the
# generated pgbouncer.ini needs) into a cache kept across runs, and prints the binary's path last.
# Everything comes from Debian's own archive: the source through a private sources list (the same
# mirror and keyring as the machine's), the build dependencies as packages. About 20 s to build.
set -euo pipefail
VERSION=1.24.1
CACHE="${NEOTOOL_CI_CACHE:-$HOME/.cache/neotool-ci}/pgbouncer-$VERSION"
if [ -x "$CACHE/pgbouncer" ]; then echo "$CACHE/pgbouncer"; exit 0; fi
export DEBIAN_FRONTEND=noninteractive
echo "building PgBouncer $VERSION from Debian's trixie source package" >&2
missing=""
for p in build-essential libevent-dev libc-ares-dev libssl-dev pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/lists/partial"
cat > "$WORK/trixie.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
APT=(-o Dir::Etc::sourcelist="$WORK/trixie.sources" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$WORK/lists")
apt-get "${APT[@]}" update -qq >/dev/null 2>&1
(cd "$WORK" && apt-get "${APT[@]}" source --download-only pgbouncer >/dev/null 2>&1)
# trixie's upstream version is pinned here: a point release of Debian keeps it, a new one is a change
[ -f "$WORK/pgbouncer_$VERSION.orig.tar.gz" ] || {
  echo "trixie's pgbouncer source is no longer $VERSION: $(ls "$WORK"/*.orig.tar.gz 2>/dev/null)" >&2; exit 1; }
tar -xzf "$WORK/pgbouncer_$VERSION.orig.tar.gz" -C "$WORK"
(cd "$WORK/pgbouncer-$VERSION" && ./configure --without-systemd --with-cares -q >/dev/null && make -j"$(nproc)" >/dev/null)
mkdir -p "$CACHE"
cp "$WORK/pgbouncer-$VERSION/pgbouncer" "$CACHE/pgbouncer"
"$CACHE/pgbouncer" --version | head -n 1 >&2
echo "$CACHE/pgbouncer"
