#!/usr/bin/env bash
# Installs code-server (a real VS Code, served to a browser) into a cache folder, from the npm
# registry only. Used by `npm start` and the e2e tests; not a project dependency.
#   CS_VERSION  code-server version (default 4.100.3 = VS Code 1.100.3, the last one on Node 20)
#   CS_CACHE    install folder (default ~/.cache/rhcos-layering/code-server-$CS_VERSION)
# Needs: g++, make, python3 (native modules), libkrb5-dev, ripgrep. `.ci/run` installs them.
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"
CS_CACHE="${CS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rhcos-layering/code-server-$CS_VERSION}"
BIN="$CS_CACHE/node_modules/.bin/code-server"
if [ -x "$BIN" ] && [ -f "$CS_CACHE/.installed" ]; then echo "$BIN"; exit 0; fi

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -e /usr/include/krb5.h ] || missing+=(libkrb5-dev)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
if [ ${#missing[@]} -gt 0 ]; then
  echo "code-server needs these Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

mkdir -p "$CS_CACHE"
cd "$CS_CACHE"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
export npm_config_nodedir="$node_prefix"   # node-gyp: use local headers, never download them
export npm_config_yes=true                 # node-pty's install runs npx node-gyp
export npm_config_unsafe_perm=true         # code-server's postinstall refuses root without it

tgz="code-server-$CS_VERSION.tgz"
[ -f "$tgz" ] || npm pack --loglevel=error "code-server@$CS_VERSION" >/dev/null

# @vscode/ripgrep's postinstall downloads rg from GitHub. Seed its download cache with Debian's rg.
tmp="$(mktemp -d)"
tar xzf "$tgz" -C "$tmp" --wildcards 'package/lib/vscode/npm-shrinkwrap.json' 'package/lib/vscode/*/npm-shrinkwrap.json' 2>/dev/null || true
versions="$(node -e '
  const fs = require("fs"), path = require("path"); const found = new Set();
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name === "npm-shrinkwrap.json") for (const [k, v] of Object.entries(JSON.parse(fs.readFileSync(p, "utf8")).packages || {}))
      if (k.endsWith("node_modules/@vscode/ripgrep")) found.add(v.version);
  } };
  walk(process.argv[1]); console.log([...found].join(" "));' "$tmp")"
tmpbase="$(node -p 'require("os").tmpdir()')"
for v in $versions; do
  (cd "$tmp" && npm pack --loglevel=error "@vscode/ripgrep@$v" >/dev/null && tar xzf "vscode-ripgrep-$v.tgz" package/lib/postinstall.js && mv package "rg-$v")
  asset="$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$tmp/rg-$v/lib/postinstall.js")"
  dir="$tmpbase/vscode-ripgrep-cache-$v"; mkdir -p "$dir"
  f="$dir/ripgrep-$asset-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$f" ]; then d="$(mktemp -d)"; cp "$(command -v rg)" "$d/rg"; tar czf "$f" -C "$d" rg; rm -rf "$d"; fi
done
rm -rf "$tmp"

npm install --no-save --no-audit --no-fund --loglevel=error "./$tgz" >&2
touch .installed
echo "$BIN"
