# shellcheck shell=bash
# Shared setup for scripts/demo and scripts/test. Source it, don't run it.
#
# After sourcing: the working directory is the repository root, `uv` is on PATH,
# and .venv matches uv.lock exactly (dev group included).

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

# Never let uv re-resolve and rewrite uv.lock: install exactly what is locked.
export UV_FROZEN=1

say() { printf '==> %s\n' "$*" >&2; }

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "need root to run: $*  (not root, and sudo is not installed)"
        return 1
    fi
}

# apt-get install the given Debian packages (after an apt-get update).
apt_install() {
    say "Installing Debian packages: $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# Make `uv` available, installing it with pip when it is missing.
ensure_uv() {
    local user_bin
    user_bin="$(python3 -m site --user-base 2>/dev/null || echo "$HOME/.local")/bin"
    PATH="$PATH:$HOME/.local/bin:$user_bin"
    export PATH
    command -v uv >/dev/null 2>&1 && return 0

    say "uv not found; installing it with pip"
    # Debian's python3 is "externally managed" (PEP 668): if pip refuses,
    # retry with PIP_BREAK_SYSTEM_PACKAGES (uv is a self-contained binary).
    # --user can fail too (inside a virtualenv, say): then try a plain install.
    python3 -m pip install --user uv ||
        PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --user uv ||
        python3 -m pip install uv ||
        PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install uv || {
        say "could not install uv with pip"
        return 1
    }
    hash -r
    command -v uv >/dev/null 2>&1 && return 0

    # Installed, but its bin directory is somewhere unusual: ask the package.
    local uv_bin
    uv_bin="$(python3 -c 'import uv; print(uv.find_uv_bin())')" || {
        say "uv was installed but cannot be found"
        return 1
    }
    PATH="$(dirname "$uv_bin"):$PATH"
    export PATH
}

ensure_uv
say "Syncing the locked environment (uv sync --frozen)"
uv sync --frozen
