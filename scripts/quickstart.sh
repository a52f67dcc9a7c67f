#!/usr/bin/env bash
# The README's two commands:
#   bash scripts/quickstart.sh demo   set everything up, then run the demo
#   bash scripts/quickstart.sh test   set everything up, then lint, typecheck,
#                                     build, run every test, check the packages
# Works on a fresh Debian/Ubuntu machine with Node >= 20.19 and nothing else
# installed by hand; installs OpenSSH (client and server), the shells the
# escape proofs run against, and pnpm when they are missing.
set -euo pipefail

mode="${1:-}"
case "$mode" in
  demo | test | setup) ;;
  *)
    echo "usage: bash scripts/quickstart.sh demo|test|setup" >&2
    exit 2
    ;;
esac

cd "$(dirname "$0")/.."
readonly pnpm_version="10.34.9"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "need root for: $* (install sudo or run as root)" >&2
    exit 1
  fi
}

check_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js >= 20.19 is required (https://nodejs.org or your distribution's nodejs package)." >&2
    exit 1
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Node.js >= 20.19 is required; this is $(node --version)." >&2
    exit 1
  fi
}

# command name -> Debian package, for what is missing
install_system_packages() {
  local wanted=(ssh:openssh-client sshd:openssh-server ssh-keygen:openssh-client unshare:util-linux)
  if [ "$mode" = test ]; then
    wanted+=(bash:bash dash:dash zsh:zsh mksh:mksh busybox:busybox fish:fish tcsh:tcsh bsd-csh:csh tmux:tmux openssl:openssl)
  fi
  local missing=() entry command package
  for entry in "${wanted[@]}"; do
    command="${entry%%:*}"
    package="${entry#*:}"
    if ! command -v "$command" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$command" ]; then
      missing+=("$package")
    fi
  done
  # test-sshd's interactiveLogins: chpasswd sets the test account's password,
  # and its PAM stacks use pam_unix, pam_stress and pam_exec.
  if [ "$mode" = test ]; then
    command -v chpasswd >/dev/null 2>&1 || [ -x /usr/sbin/chpasswd ] || missing+=(passwd)
    if ! compgen -G '/usr/lib/*/security/pam_stress.so' >/dev/null &&
      ! compgen -G '/lib/*/security/pam_stress.so' >/dev/null; then
      missing+=(libpam-modules)
    fi
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing with apt: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # sshd refuses to start without its privilege-separation directory.
  if [ ! -d /run/sshd ]; then as_root mkdir -p -m 0755 /run/sshd; fi
}

# Sets the PNPM array to a pnpm of the pinned major.
find_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" = 10 ]; then
    PNPM=(pnpm)
    return
  fi
  say "Installing pnpm ${pnpm_version}"
  if npm install -g --silent "pnpm@${pnpm_version}" >/dev/null 2>&1 && command -v pnpm >/dev/null 2>&1; then
    PNPM=(pnpm)
  elif [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo npm install -g --silent "pnpm@${pnpm_version}" >/dev/null 2>&1; then
    PNPM=(pnpm)
  else
    PNPM=(npx --yes "pnpm@${pnpm_version}")
  fi
}

check_node
install_system_packages
find_pnpm

say "Installing dependencies"
CI=true "${PNPM[@]}" install --frozen-lockfile

say "Building"
"${PNPM[@]}" build

case "$mode" in
  setup) ;;
  demo)
    say "Demo"
    "${PNPM[@]}" demo
    ;;
  test)
    say "Lint"
    "${PNPM[@]}" lint
    say "Typecheck"
    "${PNPM[@]}" typecheck
    say "API reference (TypeDoc, every export documented, zero warnings)"
    "${PNPM[@]}" run docs
    say "Tests (unit + integration against a real sshd)"
    node tooling/scripts/test-summary.mjs --clear
    status=0
    "${PNPM[@]}" test || status=$?
    node tooling/scripts/test-summary.mjs
    if [ "$status" -ne 0 ]; then exit "$status"; fi
    say "Package checks (publint, attw)"
    "${PNPM[@]}" check:packages
    say "Tarballs: packed, installed with npm outside the workspace, run on Node $(node --version)"
    node tooling/scripts/check-tarballs.mjs
    node tooling/scripts/check-changesets.mjs
    ;;
esac
