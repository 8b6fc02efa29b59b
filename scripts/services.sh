#!/usr/bin/env bash
# The programs the tests start as real services or peers, from Debian's packages: a Redis server
# (the shared frontier), Chromium (the report as a reader's browser shows it) and Wget (another
# crawler's WARC files). Installed when missing; none is started here (each test starts its own
# on 127.0.0.1 and stops it), and the Redis package is kept from starting a system-wide server.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
command -v wget >/dev/null || missing+=(wget)
if [ ${#missing[@]} -eq 0 ]; then
  echo "services: redis-server, chromium and wget are installed"
  exit 0
fi
echo "services: installing ${missing[*]} (apt-get)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive RUNLEVEL=1
$sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# A package's own service start is refused by RUNLEVEL=1 where policy-rc.d honours it; make sure
# no system-wide Redis stays on the default port.
if pgrep -x redis-server >/dev/null && [ -x /etc/init.d/redis-server ]; then
  $sudo /etc/init.d/redis-server stop >/dev/null 2>&1 || true
fi
echo "services: ready"
