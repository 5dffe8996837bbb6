#!/usr/bin/env bash
# Installs what the shared-state tests need, only when it is missing: redis-server (Debian package)
# and a PostgreSQL server (any version under /usr/lib/postgresql). Idempotent; a no-op when both
# are present. Needs root for apt-get (CI runs as root); without root it says what to install.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/services/install.sh: missing ${need[*]}; install as root: apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "scripts/services/install.sh: installing ${need[*]}" >&2
# A fresh machine may have no package lists yet: update once, only if the first try fails.
if ! apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; then
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian's packages start system-wide services; the tests start their own on free ports.
if command -v service >/dev/null 2>&1; then
  service redis-server stop >/dev/null 2>&1 || true
  service postgresql stop >/dev/null 2>&1 || true
fi
