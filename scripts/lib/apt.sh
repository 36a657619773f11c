# Sourced by the scripts/ensure-* scripts: installs Debian packages so that an interrupted earlier attempt (Ctrl-C, a
# killed CI job, a lost connection) cannot poison this one. Needs root or a password-less sudo.

apt_die() {
  echo "${APT_WHO:-apt}: $*" >&2
  exit 1
}

# apt_settled PACKAGE: whether dpkg has the package fully installed (half-unpacked or half-configured does not
# count); true where there is no dpkg to ask.
apt_settled() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# apt_root WHAT: sets APT_ROOT to what runs a command as root (nothing when already root, else a password-less sudo).
apt_root() {
  APT_ROOT=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      APT_ROOT=(sudo -n)
    else
      apt_die "$1 needs root, and this user is not root and has no password-less sudo.
  Do it once as root:  $2"
    fi
  fi
}

# apt_update: refreshes the package lists (a fresh container has none).
apt_update() {
  apt_root "refreshing the package lists" "apt-get update"
  "${APT_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o DPkg::Lock::Timeout=300 update \
    || apt_die "apt-get update failed (see above): is a Debian mirror reachable?"
}

# apt_install PACKAGE...: installs the packages with apt-get, first finishing what an interrupted run left half-done.
apt_install() {
  apt_root "installing $*" "apt-get update && apt-get install -y $*"
  local as_root=("${APT_ROOT[@]}")
  command -v apt-get >/dev/null 2>&1 \
    || apt_die "$* missing and there is no apt-get here: install it with this system's package manager"
  # Waits for another apt (unattended upgrades) instead of failing on its lock.
  local apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o DPkg::Lock::Timeout=300)
  echo "${APT_WHO:-apt}: installing $* (apt-get)"
  # An interrupted dpkg run makes every later apt-get refuse until it is finished; this is what apt asks a person to do.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive dpkg --configure -a \
    || apt_die "dpkg --configure -a failed (see above): the package database needs a person"
  apt_update
  if ! "${apt[@]}" install "$@" >/dev/null; then
    # A half-installed dependency from the interrupted run: let apt repair it, then try once more.
    "${apt[@]}" -f install >/dev/null && "${apt[@]}" install "$@" >/dev/null \
      || apt_die "apt-get install $* failed (see above)"
  fi
}
