#!/usr/bin/env bash
# Builds (once) a Debian trixie root with Python 3.13 and the Home Assistant pinned in
# requirements.txt, cached OUTSIDE the repository and keyed by that file's contents, so a second
# run on the same machine starts at once. Usage: build-root.sh CACHE_DIR (the root's path is the
# last line of its output). Needs root (debootstrap, chroot) for the first build only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${1:?usage: build-root.sh CACHE_DIR}"
# Bump LAYOUT when this script changes what a root holds; the pin and integrations.py key it too.
LAYOUT=1
key="$( (echo "$LAYOUT"; cat "$here/requirements.txt" "$here/integrations.py") | sha256sum | cut -c1-12)"
root="$cache/root-$key"
if [ -f "$root/.pwkit-ready" ]; then echo "$root"; exit 0; fi
[ "$(id -u)" = 0 ] || { echo "build-root.sh: building the Home Assistant root needs root (debootstrap, chroot); run make test-ha as root once" >&2; exit 2; }
mkdir -p "$cache"
exec 9>"$cache/.lock"; flock 9            # one build at a time on this machine
if [ -f "$root/.pwkit-ready" ]; then echo "$root"; exit 0; fi
step() { echo "[ha-root $(date +%H:%M:%S)] $*" >&2; }
started=$(date +%s)

command -v debootstrap >/dev/null || { step "installing debootstrap"; apt-get update -qq >&2; apt-get install -y -qq debootstrap >&2; }
# The host's Debian mirror (deb822 or one-line sources), so the root comes from where the host's packages do.
mirror="$(grep -hoE '^URIs: *http[^ ]*/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | sed 's/^URIs: *//' || true)"
[ -n "$mirror" ] || mirror="$(grep -hoE '^deb +http[^ ]*/debian/? ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -1 | awk '{print $2}' || true)"
[ -n "$mirror" ] || mirror="http://deb.debian.org/debian"

tmp="$root.partial"
if [ ! -f "$tmp/.pwkit-debootstrap" ]; then
  rm -rf "$tmp"
  step "debootstrap trixie from $mirror (a few minutes)"
  debootstrap --variant=minbase --include=ca-certificates,python3,python3-venv,python3-dev,build-essential \
    trixie "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  touch "$tmp/.pwkit-debootstrap"
fi

# The registries may be reached through a TLS-inspecting proxy: trust what the host trusts, and
# use the host's pip configuration where it names an index (host paths mean nothing in the root).
step "certificates and pip configuration"
if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
  mkdir -p "$tmp/usr/local/share/ca-certificates"
  cp -a /usr/local/share/ca-certificates/. "$tmp/usr/local/share/ca-certificates/"
fi
cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$tmp/etc/pip.conf"
chroot "$tmp" update-ca-certificates >/dev/null 2>&1 || true
pass=()
for name in PIP_INDEX_URL PIP_EXTRA_INDEX_URL UV_INDEX_URL UV_DEFAULT_INDEX PIP_TRUSTED_HOST PIP_DEFAULT_TIMEOUT HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy; do
  [ -n "${!name:-}" ] && pass+=("$name=${!name}")
done
run() {
  unshare --mount --fork sh -c 'mount -t proc proc "$0/proc" && mount --rbind /dev "$0/dev" && exec chroot "$0" "$@"' \
    "$tmp" env -i PATH=/opt/ha/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt UV_NATIVE_TLS=1 "${pass[@]}" "$@"
}

# uv (the installer Home Assistant itself uses, at the version it pins) resolves and downloads in
# parallel; Home Assistant's package_constraints.txt pins every transitive dependency (without it,
# resolvers backtrack through dozens of bluetooth releases).
if [ ! -f "$tmp/.pwkit-pip" ]; then
  pin="$(grep -m1 '^homeassistant==' "$here/requirements.txt")"
  step "install $pin with its constraints (a few minutes)"
  [ -x "$tmp/opt/ha/bin/python" ] || run python3 -m venv /opt/ha
  cp "$here/requirements.txt" "$here/integrations.py" "$tmp/opt/ha/"
  run /opt/ha/bin/pip download --quiet --no-deps --dest /opt/ha/wheel "$pin" >&2
  run /opt/ha/bin/python -c '
import glob, zipfile
wheel = glob.glob("/opt/ha/wheel/homeassistant-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    open("/opt/ha/constraints.txt", "wb").write(z.read("homeassistant/package_constraints.txt"))
'
  uv_pin="$(grep -m1 '^uv==' "$tmp/opt/ha/constraints.txt" || echo uv)"
  run /opt/ha/bin/pip install --quiet "$uv_pin" >&2
  run /opt/ha/bin/uv pip install --quiet --python /opt/ha/bin/python -c /opt/ha/constraints.txt \
    -r /opt/ha/requirements.txt >&2
  touch "$tmp/.pwkit-pip"
fi

# What the integrations the tests load would install at their first start (Home Assistant does
# that itself, from the network): installed now, into the cache, under the same constraints.
if [ ! -f "$tmp/.pwkit-integrations" ]; then
  step "requirements of the integrations the tests load"
  run /opt/ha/bin/python /opt/ha/integrations.py >"$tmp/opt/ha/integrations.txt"
  run /opt/ha/bin/uv pip install --quiet --python /opt/ha/bin/python -c /opt/ha/constraints.txt \
    -r /opt/ha/integrations.txt >&2
  touch "$tmp/.pwkit-integrations"
fi

mv "$tmp" "$root"
touch "$root/.pwkit-ready"
# Older roots (another pin) are of no use any more.
for old in "$cache"/root-*; do [ "$old" = "$root" ] || rm -rf "$old"; done
step "ready in $(( $(date +%s) - started )) s: $root"
echo "$root"
