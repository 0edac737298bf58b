#!/usr/bin/env bash
# Linux smoke test of the Windows installer (installer/authen-desk.iss), under wine:
#
#   installer/wine-smoke.sh
#
# 1. Installs what it needs when missing: Debian's wine, wine32 (i386 multiarch), wine64,
#    xvfb, npm; Inno Setup from the npm package `innosetup` (pinned; cached in
#    ${XDG_CACHE_HOME:-~/.cache}/authen-desk/). Nothing else is downloaded.
# 2. Builds a stand-in of dist/authen-desk/ with the names build.spec produces (no real
#    programs: the smoke proves the installer script, the workflow proves the bundle).
# 3. Compiles the .iss in smoke mode (/DSmoke: the npm package's compiler is older than the
#    6.7.1 a release build demands, and has no Thai.isl, so a copy of Default.isl stands in)
#    and checks ISCC said "Successful compile" (under a broken wine it exits 0 silently).
#    Writes dist/installer/authen-desk-setup-<version>.exe.
# 4. In a temporary WINEPREFIX: a silent install (exit code checked), files, shortcuts,
#    %ProgramData%\AuthenDesk and the uninstall entry; an upgrade over a stale library in
#    _internal (removed by [InstallDelete]); a silent uninstall, which removes the program,
#    its shortcuts and entry and keeps %ProgramData%\AuthenDesk.
#
# Run by tests/packaging/test_installer.py, so ./run-tests (and CI's .ci/run) include it.
# Exit 0 when every check passed; the first failed check is printed and exits 1.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
ROOT=$PWD
source scripts/bootstrap.sh

INNOSETUP_NPM_VERSION=6.4.1
APP_ID='{DDBA477F-5FA9-4AA6-9F08-C370B52E569E}'
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/authen-desk
say() { echo "wine-smoke: $*" >&2; }
fail() { echo "wine-smoke: FAILED: $*" >&2; exit 1; }
started=$SECONDS

# --- 1. tools -----------------------------------------------------------------------------
if command -v dpkg >/dev/null 2>&1 && ! dpkg --print-foreign-architectures | grep -qx i386; then
  if ! dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q "install ok installed"; then
    say "adding the i386 architecture (wine32)"
    sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo -n)
    "${sudo[@]}" dpkg --add-architecture i386
  fi
fi
packages=(wine wine64 wine32:i386 xvfb xauth)
command -v npm >/dev/null 2>&1 || packages+=(npm)
ensure_debian_packages "${packages[@]}"
for tool in wine wineserver xvfb-run npm; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: apt-get install wine wine32 wine64 xvfb npm"
done

INNO_DIR=$CACHE/innosetup-$INNOSETUP_NPM_VERSION
ISCC=$INNO_DIR/node_modules/innosetup/bin/ISCC.exe
if [ ! -f "$ISCC" ]; then
  say "installing Inno Setup $INNOSETUP_NPM_VERSION (npm package innosetup)"
  mkdir -p "$INNO_DIR"
  npm install --prefix "$INNO_DIR" --no-save --no-audit --no-fund --loglevel=error \
    "innosetup@$INNOSETUP_NPM_VERSION" >&2
  [ -f "$ISCC" ] || fail "the npm package innosetup has no bin/ISCC.exe"
fi
say "tools ready after $((SECONDS - started)) s"

# --- wine, in throw-away prefixes ------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/authen-desk-wine-smoke.XXXXXX")
cleanup() {
  # A pre-release version (PEP 440) compiles too: its numeric form is what Windows takes.
RC_NUMERIC=$(python3 -c 'import sys; sys.path.insert(0, "scripts"); import version_info as v; print(".".join(map(str, v.numeric_version("0.2.0rc1"))))')
in_prefix "$WORK/compile" wine "$ISCC" /DSmoke "/DThaiMessages=$(winpath "$THAI_STANDIN")" \
  /DAppVersion=0.2.0rc1 "/DVersionNumeric=$RC_NUMERIC" "/DDistDir=$(winpath "$DIST")" \
  "/O$(winpath "$WORK")" "$(winpath "$ROOT/installer/authen-desk.iss")" >"$WORK/iscc-rc.log" 2>&1 || true
grep -q "Successful compile" "$WORK/iscc-rc.log" && [ -s "$WORK/authen-desk-setup-0.2.0rc1.exe" ] || {
  cat "$WORK/iscc-rc.log" >&2; fail "version 0.2.0rc1 ($RC_NUMERIC) did not compile"; }
say "a pre-release compiles: 0.2.0rc1 -> VersionInfoVersion $RC_NUMERIC"
WINEPREFIX=$WORK/compile wineserver -k >/dev/null 2>&1 || true
  WINEPREFIX=$WORK/prefix wineserver -k >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
[ -n "${WINE_SMOKE_KEEP:-}" ] || trap cleanup EXIT  # WINE_SMOKE_KEEP=1: keep it to look into
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko prompts
in_prefix() {  # in_prefix PREFIX command...: one wine command with a virtual display
  local prefix=$1; shift
  WINEPREFIX=$prefix xvfb-run -a "$@"
}
boot() {
  mkdir -p "$1"
  WINEPREFIX=$1 WINEARCH=win64 xvfb-run -a wineboot --init >/dev/null 2>&1 \
    || fail "wineboot failed in $1"
  # Debian's wine makes a Windows 7 prefix; the installer needs 10.0.17763 (MinVersion).
  WINEPREFIX=$1 xvfb-run -a winecfg -v win10 >/dev/null 2>&1 || fail "winecfg -v win10 failed"
  WINEPREFIX=$1 wineserver -w
}
# Z: is the Unix root in every prefix. Not `winepath`: run outside xvfb-run it would start
# the prefix's wine processes without a display, and Setup's wizard would then fail.
winpath() { local unix; unix=$(readlink -f "$1"); echo "Z:${unix//\//\\}"; }

# --- 2. a stand-in bundle with build.spec's names ---------------------------------------------
VERSION=$(python3 scripts/version_info.py)
NUMERIC=$(python3 scripts/version_info.py --numeric)
DIST=$WORK/dist/authen-desk
mkdir -p "$DIST/_internal/PySide6/plugins/platforms" "$DIST/_internal/smartcard/scard" \
  "$DIST/_internal/cardreader/personas" "$DIST/_internal/resources/icons"
for name in authen-desk.exe authen-desk-debug.exe _internal/python311.dll \
  _internal/base_library.zip _internal/PySide6/plugins/platforms/qwindows.dll \
  _internal/smartcard/scard/_scard.pyd _internal/cardreader/personas/somchai.json; do
  printf 'stand-in for %s (installer/wine-smoke.sh)\n' "$name" >"$DIST/$name"
done
cp resources/icons/authen-desk.ico "$DIST/_internal/resources/icons/"

# --- 3. compile ---------------------------------------------------------------------------
boot "$WORK/compile"
THAI_STANDIN=$WORK/Thai-standin.isl
cp "$(dirname "$ISCC")/Default.isl" "$THAI_STANDIN"
rm -f "dist/installer/authen-desk-setup-$VERSION.exe"
# A release build (no /DSmoke) must refuse this older compiler and the stand-in Thai file.
if [ "$(python3 -c 'import sys; print(sys.argv[1] < "6.7.1")' "$INNOSETUP_NPM_VERSION")" = True ]; then
  release_log=$WORK/iscc-release.log
  in_prefix "$WORK/compile" wine "$ISCC" "/DAppVersion=$VERSION" "/DVersionNumeric=$NUMERIC" \
    "/DDistDir=$(winpath "$DIST")" "$(winpath "$ROOT/installer/authen-desk.iss")" \
    >"$release_log" 2>&1 || true
  grep -q "Inno Setup 6.7.1 or later is needed" "$release_log" || {
    cat "$release_log" >&2; fail "a release build accepted Inno Setup $INNOSETUP_NPM_VERSION"; }
  say "a release build refuses Inno Setup $INNOSETUP_NPM_VERSION, as it must"
fi
mkdir -p dist/installer
say "compiling installer/authen-desk.iss $VERSION ($NUMERIC) in smoke mode"
compile_log=$WORK/iscc.log
in_prefix "$WORK/compile" wine "$ISCC" /DSmoke "/DThaiMessages=$(winpath "$THAI_STANDIN")" \
  "/DAppVersion=$VERSION" "/DVersionNumeric=$NUMERIC" "/DDistDir=$(winpath "$DIST")" \
  "$(winpath "$ROOT/installer/authen-desk.iss")" >"$compile_log" 2>&1 || {
  cat "$compile_log" >&2; fail "ISCC exited with an error"; }
grep -q "Successful compile" "$compile_log" || {
  cat "$compile_log" >&2; fail "ISCC did not say 'Successful compile' (a broken wine exits 0)"; }
SETUP=$ROOT/dist/installer/authen-desk-setup-$VERSION.exe
[ -s "$SETUP" ] || fail "no $SETUP"
say "compiled: dist/installer/authen-desk-setup-$VERSION.exe ($(stat -c %s "$SETUP") bytes)"
WINEPREFIX=$WORK/compile wineserver -k >/dev/null 2>&1 || true

# --- 4. install, upgrade, uninstall -------------------------------------------------------------
PREFIX=$WORK/prefix
boot "$PREFIX"
DRIVE=$PREFIX/drive_c
APP="$DRIVE/Program Files/Authen Desk"
MENU="$DRIVE/ProgramData/Microsoft/Windows/Start Menu/Programs/Authen Desk"
MACHINE=$DRIVE/ProgramData/AuthenDesk

run_setup() {  # run_setup LOGNAME [extra Setup arguments]
  local log=$1; shift
  local code=0
  in_prefix "$PREFIX" wine "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
    "/LOG=$(winpath "$WORK/$log")" "$@" >/dev/null 2>&1 || code=$?
  WINEPREFIX=$PREFIX wineserver -w
  [ "$code" -eq 0 ] || { cat "$WORK/$log" >&2 2>/dev/null || true; fail "Setup exited with $code"; }
}
uninstall_key() {  # the entry Windows' "Apps" list shows, from the prefix's registry file
  grep -F -A12 "[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\$APP_ID" \
    "$PREFIX/system.reg" || true
}

say "installing silently (Thai wizard)"
run_setup install.log /LANG=th
for name in authen-desk.exe authen-desk-debug.exe unins000.exe _internal/python311.dll \
  _internal/smartcard/scard/_scard.pyd _internal/PySide6/plugins/platforms/qwindows.dll; do
  [ -f "$APP/$name" ] || fail "not installed: Program Files/Authen Desk/$name"
done
[ -d "$MACHINE" ] || fail "ProgramData\\AuthenDesk was not created"
shopt -s nullglob
links=("$MENU"/*.lnk)
[ ${#links[@]} -eq 2 ] || fail "expected 2 Start-menu shortcuts, found: ${links[*]:-none}"
printf '%s\n' "${links[@]}" | grep -q "ยืนยันตัวตน" || fail "no Thai shortcut name: ${links[*]}"
entry=$(uninstall_key)
[ -n "$entry" ] || fail "no uninstall entry ${APP_ID}_is1"
grep -q "\"DisplayVersion\"=\"$VERSION\"" <<<"$entry" || fail "uninstall entry: no DisplayVersion $VERSION"
grep -q '"DisplayName"="Authen Desk"' <<<"$entry" || fail "uninstall entry: no DisplayName"
grep -q "Check the Authen Desk installation\|ตรวจการติดตั้ง" <<<"${links[*]}" \
  || fail "no self-test shortcut: ${links[*]}"

say "upgrading over a stale library (what the last version had and this one has not)"
printf 'old\n' >"$APP/_internal/python310.dll"
printf 'user data\n' >"$MACHINE/pin-state.json"
run_setup upgrade.log /LANG=en
[ ! -e "$APP/_internal/python310.dll" ] || fail "the upgrade left _internal/python310.dll"
[ -f "$APP/_internal/python311.dll" ] || fail "the upgrade lost _internal/python311.dll"
[ -f "$MACHINE/pin-state.json" ] || fail "the upgrade touched ProgramData\\AuthenDesk"

say "uninstalling silently"
code=0
in_prefix "$PREFIX" wine "$APP/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
  >/dev/null 2>&1 || code=$?
WINEPREFIX=$PREFIX wineserver -w  # the uninstaller runs from a copy of itself: wait for it
[ "$code" -eq 0 ] || fail "the uninstaller exited with $code"
[ ! -e "$APP/authen-desk.exe" ] || fail "the uninstall left authen-desk.exe"
[ ! -e "$APP/_internal" ] || fail "the uninstall left _internal"
links=("$MENU"/*.lnk)
[ ${#links[@]} -eq 0 ] || fail "the uninstall left shortcuts: ${links[*]}"
[ -z "$(uninstall_key)" ] || fail "the uninstall left the uninstall entry"
[ -f "$MACHINE/pin-state.json" ] || fail "a silent uninstall deleted ProgramData\\AuthenDesk"

say "passed in $((SECONDS - started)) s: dist/installer/authen-desk-setup-$VERSION.exe"
echo "wine-smoke: all checks passed"
