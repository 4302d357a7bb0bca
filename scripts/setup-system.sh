#!/usr/bin/env bash
# Installs the system libraries the kernel links against: libzmq (ZeroMQ transport),
# pkg-config (SwiftPM finds libzmq and libcrypto through it) and libssl-dev (HMAC-SHA256),
# and Debian's chromium, which Tests/jupyter/test_plots_render.py renders plots with, with its
# chromedriver, which selenium drives JupyterLab through (Tests/jupyter/test_browser_lab.py).
# Idempotent: does nothing when everything is already there; runs `apt-get update` only
# when a package has to be installed.
set -euo pipefail

packages=(libzmq3-dev pkg-config libssl-dev chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: ${packages[*]} already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}"
fi
pkg-config --exists libzmq libcrypto
echo "setup-system: done ($(pkg-config --modversion libzmq) libzmq)"
