#!/usr/bin/env bash
# Shared helpers for ActorQueue's scripts. Source it:
#     . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# or run one helper directly, e.g. `scripts/lib.sh need_apt redis-server`.
set -euo pipefail

# Keep the .NET CLI quiet and non-interactive (CI has no standard input).
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false

# log MESSAGE… — one line on stderr, so stdout stays for results.
log() {
    printf '%s: %s\n' "${AQ_LOG_TAG:-$(basename "$0")}" "$*" >&2
}

# repo_root — absolute path of the repository (the parent of scripts/).
repo_root() {
    (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
}

# Runs a command as root: directly when we are root, through sudo when it exists.
_as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "need root to run '$*' (not root and no sudo); run it as root and try again."
        return 1
    fi
}

# True when dpkg says PKG is installed, or an installed package provides it
# (e.g. Ubuntu 24.04's libglib2.0-0t64 provides libglib2.0-0).
_apt_installed() {
    local status
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] && return 0
    dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null |
        grep '^install ok installed|' | cut -d'|' -f2- | tr ',' '\n' |
        sed -e 's/(.*//' -e 's/[[:space:]]//g' | grep -qxF -- "$1"
}

# need_apt PKG… — installs the Debian packages that are not installed yet.
# Silent when all are present; runs `apt-get update` at most once per run
# (the flag is exported, so scripts started from this one share it).
need_apt() {
    local pkg missing=()
    for pkg in "$@"; do
        [[ -n $pkg ]] || continue
        _apt_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} > 0)) || return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        log "missing packages ${missing[*]}, and this system has no apt-get: install them by hand."
        return 1
    fi
    log "installing Debian packages: ${missing[*]}"
    if [[ ${AQ_APT_UPDATED:-0} != 1 ]]; then
        _as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
        export AQ_APT_UPDATED=1
    fi
    _as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

_has_dotnet10() {
    command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'
}

# need_dotnet — makes sure a .NET 10 SDK is there; exits 1 with one sentence if not.
need_dotnet() {
    _has_dotnet10 && return 0
    local id="" id_like=""
    if [[ -r /etc/os-release ]]; then
        id=$(. /etc/os-release && printf '%s' "${ID:-}")
        id_like=$(. /etc/os-release && printf '%s' "${ID_LIKE:-}")
    fi
    if [[ $id == ubuntu || " $id_like " == *" ubuntu "* ]]; then
        log "no .NET 10 SDK found; trying Ubuntu's dotnet-sdk-10.0 package"
        need_apt dotnet-sdk-10.0 || true
        hash -r
        _has_dotnet10 && return 0
    fi
    log "ActorQueue needs the .NET 10 SDK, which is not installed: install it as described at https://learn.microsoft.com/dotnet/core/install/linux and run this again."
    exit 1
}

# Run as a program: `scripts/lib.sh FUNCTION ARGS…`.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    if [[ $# -eq 0 ]] || ! declare -F "$1" >/dev/null; then
        echo "usage: $0 {log|need_apt|need_dotnet|repo_root} [ARGS…]" >&2
        exit 2
    fi
    "$@"
fi
