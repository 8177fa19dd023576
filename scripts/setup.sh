#!/usr/bin/env bash
# One-time set-up on Debian/Ubuntu: the system packages the editor tests and `npm start` use
# (Chromium for the browser, and what code-server needs to build), then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(chromium fonts-liberation ripgrep libkrb5-dev g++ make python3 git)
need=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi
npm ci --no-audit --no-fund
bash scripts/e2e/install-code-server.sh >/dev/null
echo "set-up done: run 'npm start' to try the extension, 'npm test' to run the tests"
