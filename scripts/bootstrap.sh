# Shared set-up for ./authen-desk and ./run-tests on Debian/Ubuntu: installs the Debian
# packages a clean machine lacks (as root, or through password-less sudo) and uv, then
# syncs the locked environment. Sourced, not run.

# Debian packages the program needs at run time and to build pyscard (no Linux wheel);
# libthai: Qt breaks Thai lines with it (loaded at run time, so nothing else pulls it in).
RUNTIME_PACKAGES=(
  pcscd libpcsclite1 libpcsclite-dev swig gcc
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
  fonts-thai-tlwg libthai0 libthai-data
)

_missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: the README says what to install
  local missing
  mapfile -t missing < <(_missing_packages "$@")
  if ! python3 -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
    missing+=(python3-dev)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      echo "authen-desk: please install these Debian packages first: ${missing[*]}" >&2
      echo "  sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "authen-desk: installing Debian packages: ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >&2
}

ensure_uv() {
  if ! python3 -m uv --version >/dev/null 2>&1; then
    echo "authen-desk: installing uv with pip" >&2
    python3 -m pip install --quiet --user uv 2>/dev/null \
      || python3 -m pip install --quiet --user --break-system-packages uv \
      || python3 -m pip install --quiet uv
  fi
}

sync_environment() {
  # The locked environment, built with this machine's python3 (no interpreter downloads).
  UV_PYTHON_DOWNLOADS=never python3 -m uv sync --locked --quiet --python "$(command -v python3)" >&2
}
