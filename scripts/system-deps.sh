#!/usr/bin/env bash
# Installs the Debian packages Tickfire needs outside npm. Idempotent: does
# nothing when everything is already present. Exits 1 with one clear line if a
# package cannot be installed.
set -uo pipefail

# One line per system dependency: "<apt package> <path or command that proves it is installed>".
DEPS=(
  "chromium /usr/bin/chromium"
  "redis-server redis-server"
  "nginx /usr/sbin/nginx"
  "openssl openssl"
)

is_installed() {
  local check="$1"
  if [[ "$check" == /* ]]; then
    [[ -x "$check" ]]
  else
    command -v "$check" >/dev/null 2>&1
  fi
}

SUDO=()
if [[ "$(id -u)" -ne 0 ]] && command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
fi

apt() {
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

LOG="${TMPDIR:-/tmp}/tickfire-system-deps.log"

install_pkg() {
  local pkg="$1"
  command -v apt-get >/dev/null 2>&1 || return 1
  # Try with the existing package lists first; refresh them only if that fails.
  apt install -y -q "$pkg" >>"$LOG" 2>&1 && return 0
  apt update -q >>"$LOG" 2>&1 || return 1
  apt install -y -q "$pkg" >>"$LOG" 2>&1
}

status=0
for entry in "${DEPS[@]}"; do
  read -r pkg check <<<"$entry"
  if is_installed "$check"; then
    echo "system-deps: $pkg already installed"
    continue
  fi
  echo "system-deps: installing $pkg ..."
  : >"$LOG"
  if install_pkg "$pkg" && is_installed "$check"; then
    echo "system-deps: $pkg installed"
  else
    if command -v apt-get >/dev/null 2>&1; then
      reason="apt-get failed, log: $LOG"
    else
      reason="apt-get not found"
    fi
    echo "system-deps: cannot install $pkg ($reason); install it manually: apt-get install -y $pkg" >&2
    status=1
  fi
done
exit "$status"
