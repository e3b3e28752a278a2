#!/usr/bin/env bash
# Proves that the Linux packages `./x bundle` built are what a user can install.
#
# The .deb: apt, simulating a machine with only Debian's required packages, resolves its
# Depends from the archive alone; apt installs it from the file; every shared library
# the installed binary loads belongs to a package those Depends pull in (so a machine
# without the build packages gets them too); its desktop entry is valid; the installed
# binary, started from /usr/bin under a virtual display and a D-Bus session with a
# fresh data folder, opens its record (it logs "record opened" once the database is open
# and migrated) and maps its window; then apt removes the package and nothing of it is
# left.
# The .rpm: `rpm -qip` reads its header, `rpm -qpR` its requirements, `rpm -K` checks its
# digests (it is unsigned).
#
# Needs a Debian or Ubuntu system, root or sudo, and the packages xvfb, xauth, x11-utils,
# dbus, dbus-x11, desktop-file-utils and rpm (`./x bundle --check` installs them). A
# package of the same name already installed is left alone: the check refuses to run
# rather than remove it.
# Usage: scripts/check-packages.sh PACKAGE.deb [PACKAGE.rpm ...]
set -euo pipefail

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'check-packages: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

deb="" rpms=()
for f in "$@"; do
  case "$f" in
    *.deb) deb=$(realpath "$f") ;;
    *.rpm) rpms+=("$(realpath "$f")") ;;
  esac
done
[ -n "$deb" ] || die "no .deb given (usage: scripts/check-packages.sh PACKAGE.deb [PACKAGE.rpm ...])"

check_rpm() { # file
  say "rpm: $(basename "$1") ($(du -h "$1" | cut -f1))"
  rpm -qip "$1" || die "rpm cannot read the header of $1"
  echo "Requires:"
  rpm -qpR "$1" | sed 's/^/  /'
  rpm -K --nosignature "$1" || die "the digests of $1 do not match its contents"
}

pkg=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
say "deb: $(basename "$deb") ($(du -h "$deb" | cut -f1)), package $pkg $version"
dpkg-deb -f "$deb" Depends Recommends Installed-Size | sed 's/^/  /'
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
  die "$pkg is already installed here: remove it first (sudo apt remove $pkg); this check installs and removes its own copy"
fi

installed=0
data=$(mktemp -d)
chmod 755 "$data"
cleanup() {
  rm -rf "$data"
  rm -f "${minimal:-}"
  if [ "$installed" = 1 ]; then
    say "removing $pkg"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$pkg" >/dev/null || true
  fi
}
trap cleanup EXIT

say "installing: apt install $deb"
# apt, not dpkg: a file path makes apt read the package's Depends and fetch them.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq

# This machine has the build packages, so apt finds little to fetch here. What it would
# fetch on a machine with only Debian's required packages (and what they depend on:
# apt's own simulation against that smaller package state) shows the Depends resolve
# from the archive alone.
minimal=$(mktemp)
required=$(awk 'BEGIN { RS = "" } /\nStatus: install ok installed/ && (/\nPriority: required/ || /\nEssential: yes/) {
  split($0, line, "\n"); sub("Package: ", "", line[1]); print line[1] }' /var/lib/dpkg/status)
# shellcheck disable=SC2086 # one package name per word
base=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $required 2>/dev/null | grep -v '^[ <]' | sed 's/:.*//' | sort -u | tr '\n' ' ')
awk -v names="$base" 'BEGIN { RS = ""; ORS = "\n\n"; n = split(names, l, " "); for (i = 1; i <= n; i++) keep[l[i]] = 1 }
  /\nStatus: install ok installed/ { split($0, line, "\n"); p = line[1]; sub("Package: ", "", p); if (p in keep) print }' \
  /var/lib/dpkg/status >"$minimal"
simulated=$(apt-get -s -o Dir::State::status="$minimal" install "$deb" 2>&1) \
  || { echo "$simulated" >&2; die "apt cannot resolve the Depends of $deb on a minimal system"; }
grep -q "^Inst $pkg " <<<"$simulated" || { echo "$simulated" >&2; die "apt's simulation did not install $pkg"; }
echo "  on a minimal system ($(grep -c '^Package:' "$minimal") packages) apt would install" \
  "$(grep -c '^Inst ' <<<"$simulated") packages for it, $pkg included" >&2

started=$SECONDS
DEBIAN_FRONTEND=noninteractive $SUDO apt install -y "$deb" 2>&1 | grep -v "does not have a stable CLI" >&2 \
  || die "apt could not install $deb"
dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
  || die "apt did not leave $pkg installed"
installed=1
say "installed in $((SECONDS - started)) s; files:"
dpkg -L "$pkg" | grep -E '^/usr/(bin|share/applications)/|^/usr/share/icons/.*/apps/' | sed 's/^/  /' >&2

bin=$(dpkg -L "$pkg" | grep -m1 '^/usr/bin/') || die "$pkg installs nothing in /usr/bin"
desktop=$(dpkg -L "$pkg" | grep -m1 '^/usr/share/applications/.*\.desktop$') \
  || die "$pkg installs no desktop entry"
grep -q "^Exec=$(basename "$bin")" "$desktop" || die "the desktop entry $desktop does not start $bin"
grep -E '^(Name|Categories|Icon)=' "$desktop" | sed 's/^/  /' >&2
desktop-file-validate "$desktop" || die "the desktop entry $desktop is not valid"

say "libraries: each one the binary loads comes from a package the Depends pull in"
# Every package apt would install for the Depends on a machine that has none of them
# (virtual packages and alternatives resolved as apt-cache lists them).
depends=$(dpkg-deb -f "$deb" Depends Pre-Depends | sed 's/^[A-Za-z-]*: //' | tr ',|' '\n\n' \
  | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^$' | sort -u)
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $depends 2>/dev/null | grep -v '^ ' | grep -v '^<' | sed 's/:.*//' | sort -u)
missing=()
while read -r lib; do
  [ -n "$lib" ] || continue
  owner=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$(realpath "$lib")" 2>/dev/null || true)
  owner=${owner%%:*}
  owner=${owner%%,*}
  if [ -z "$owner" ] || ! grep -qx "$owner" <<<"$closure"; then missing+=("$lib (${owner:-no package})"); fi
done < <(ldd "$bin" | awk '/=> \//{print $3} /^\t\/lib/{print $1}' | sort -u)
[ ${#missing[@]} -eq 0 ] || die "libraries not brought in by the Depends: ${missing[*]}"
echo "  $(ldd "$bin" | grep -c '=> /') libraries, all from the $(wc -l <<<"$closure") packages the Depends pull in" >&2

say "starting the installed $bin with a fresh data folder"
# The window is Canon Desk's toplevel X window; it is mapped once the page is ready.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" sh -c '
  bin=$1 data=$2
  start=$(date +%s%N)
  "$bin" --data-dir "$data/record" >/dev/null 2>"$data/log" &
  app=$!
  opened="" shown=""
  while :; do
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$opened" ] && grep -q "record opened" "$data/log"; then opened=$elapsed; fi
    if [ -n "$opened" ] && [ -z "$shown" ]; then
      for w in $(xwininfo -root -tree | awk "/\"Canon Desk\"/{print \$1}"); do
        xwininfo -id "$w" | grep -q "Map State: IsViewable" && shown=$elapsed
      done
    fi
    [ -n "$shown" ] && break
    kill -0 "$app" 2>/dev/null || break
    [ "$elapsed" -lt 60000 ] || break
    sleep 0.1
  done
  running=yes; kill -0 "$app" 2>/dev/null || running=no
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null
  echo "  record opened after ${opened:-never} ms, window shown after ${shown:-never} ms (app still running: $running)" >&2
  [ -n "$opened" ] && [ -n "$shown" ] && [ "$running" = yes ] || { echo "  its log:" >&2; sed "s/^/    /" "$data/log" >&2; exit 1; }
  [ -f "$data/record/canon-desk.db" ] || { echo "  no canon-desk.db in the data folder" >&2; exit 1; }
' sh "$bin" "$data" || die "the installed app did not open its record and show its window"

say "removing: apt remove $pkg"
DEBIAN_FRONTEND=noninteractive $SUDO apt remove -y "$pkg" 2>&1 | grep -v "does not have a stable CLI" >&2 \
  || die "apt could not remove $pkg"
installed=0
for f in "$bin" "$desktop"; do [ ! -e "$f" ] || die "$f is still there after apt remove"; done
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
  die "dpkg still lists $pkg as installed after apt remove"
fi
say "deb: installs with apt, starts, removes cleanly"

for r in "${rpms[@]}"; do check_rpm "$r"; done
