# shellcheck shell=bash
# Shared setup for scripts/test, scripts/demo and scripts/bench: installs what is missing, pinned.
# Source it from a script whose working directory is the repository root.

MOTO_VERSION=5.2.5

log() { printf '\033[1m[%s]\033[0m %s\n' "${SCRIPT_NAME:-zonesync}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install it by hand, or run as root)"; fi
}

# A JDK >= 21: the default java here is 17, which cannot compile --release 21.
ensure_jdk() {
  local major
  java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    major=$(java_major "$JAVA_HOME")
    if [[ "${major:-0}" -ge 21 ]]; then export JAVA_HOME; return; fi
  fi
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-*-jdk-amd64 /usr/lib/jvm/java-2[1-9]-openjdk-* 2>/dev/null | sort -V | tail -1 || true)
  [[ -n "$JAVA_HOME" && -x "$JAVA_HOME/bin/java" ]] ||
    die "no JDK >= 21 under /usr/lib/jvm; install one (e.g. apt-get install -y openjdk-21-jdk-headless) or set JAVA_HOME"
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}

# BIND 9 (named, nsupdate, tsig-keygen): the integration tests' real master.
ensure_bind() {
  if [[ -x /usr/sbin/named && -x /usr/bin/nsupdate && -x /usr/sbin/tsig-keygen && -x /usr/bin/kdig ]]; then return; fi
  log "installing bind9, bind9-dnsutils and knot-dnsutils with apt-get (the tests run a real named; kdig reads transfers for the test oracle)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # keep the package from starting a system-wide named: the tests start their own
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    local remove_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bind9 bind9-dnsutils knot-dnsutils >/dev/null
  [[ -n "${remove_policy:-}" ]] && as_root rm -f /usr/sbin/policy-rc.d
  [[ -x /usr/sbin/named ]] || die "bind9 did not install: apt-get install -y bind9 bind9-dnsutils"
}

# moto's Route 53 server, in the git-ignored project venv.
ensure_venv() {
  local venv="$PWD/.venv"
  [[ -x "$venv/bin/python" ]] || { log "creating .venv"; python3 -m venv "$venv"; }
  if ! "$venv/bin/python" -c "import moto, sys; sys.exit(0 if moto.__version__ == '$MOTO_VERSION' else 1)" 2>/dev/null; then
    log "installing moto[server]==$MOTO_VERSION into .venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  fi
  [[ -x "$venv/bin/moto_server" ]] || die "moto_server missing from .venv: .venv/bin/pip install 'moto[server]==$MOTO_VERSION'"
}

free_port() {
  python3 -c 'import socket
while True:
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass
    finally: u.close(); t.close()'
}
