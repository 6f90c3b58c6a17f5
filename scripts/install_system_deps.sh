#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the browser tests, with one font family for
# the pages it renders. The PDFs need none: Typst brings its own fonts (requirements.txt).
# Installs only what is missing; as a non-root user it prints the command instead.
set -euo pipefail
PACKAGES=(chromium fonts-dejavu-core nodejs npm python3-venv)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A machine's own Node.js (not from Debian) is fine for npm.
if command -v npm >/dev/null 2>&1; then
  filtered=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if python3 -c "import venv, ensurepip" 2>/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ $p == python3-venv ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
