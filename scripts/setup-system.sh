#!/usr/bin/env bash
# The Debian packages the tests and `npm start` need: Chromium for the browser, what code-server
# needs to build its native modules (libkrb5-dev, a compiler) and to search (ripgrep), openssl for
# the cluster simulator's certificate, kubectl, and for the image tests real podman, buildah,
# skopeo and Debian's docker-registry, with busybox for the stand-in base image and htpasswd
# (apache2-utils) for the registry with a password.
set -euo pipefail
base=(chromium fonts-liberation ripgrep libkrb5-dev g++ make python3 git openssl procps)
# Installed with their recommended packages (policy.json, registries.conf, runtimes), as the
# container tools' own documentation does.
containers=(podman buildah skopeo docker-registry busybox-static uidmap runc apache2-utils)
missing() { for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done; }
need=($(missing "${base[@]}"))
# The cluster simulator's tests drive kubectl; Debian ships it as kubernetes-client.
command -v kubectl >/dev/null || need+=(kubernetes-client)
need_containers=($(missing "${containers[@]}"))
if [ ${#need[@]} -gt 0 ] || [ ${#need_containers[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  [ ${#need[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
  [ ${#need_containers[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need_containers[@]}"
fi
