#!/usr/bin/env bash
# Installs what the tests need from Debian's packages when it is missing: chromium (the task
# pane's browser tests), xmllint and xsltproc (the manifest's schema check). Safe to run again.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v xsltproc >/dev/null 2>&1 || missing+=(xsltproc)
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages: all present (chromium, xmllint, xsltproc)."
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here: install ${missing[*]} with your system's package manager." >&2
  exit 1
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
