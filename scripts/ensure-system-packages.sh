#!/usr/bin/env bash
# Install Debian packages that are missing (as root, or through sudo).
# Usage: scripts/ensure-system-packages.sh redis-server chromium
set -euo pipefail

missing=()
for package in "$@"; do
    case "$package" in
        redis-server) command -v redis-server >/dev/null || missing+=("$package") ;;
        chromium) [ -x /usr/bin/chromium ] || missing+=("$package") ;;
        *) dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package") ;;
    esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
