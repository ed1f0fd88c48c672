# shellcheck shell=bash disable=SC2034 # its variables are used by the scripts that source it
#
# Shared functions for ./truce, .ci/run and the scripts in this folder.
# Source it; do not run it. It sets no shell options of its own.
#
# What it provides:
#   truce_say / truce_die          messages on stderr, prefixed with "truce:"
#   truce_use_jdk                  finds a JDK >= 21 and exports JAVA_HOME, PATH, MAVEN_OPTS
#   truce_provision [pg] [chrome] [go]
#                                  installs PostgreSQL+PostGIS / Chromium / Go with apt when missing
#   truce_pg_find                  locates the PostgreSQL server binaries
#   truce_has_browser_tests        true when the repository has Selenium tests
#   truce_has_go_tests             true when the repository has Go programs for the tests
#
# Environment variables it reads (all optional):
#   JAVA_HOME               tried first when it is a JDK 21 or later
#   TRUCE_JDK_SEARCH_PATH   colon-separated folders (globs allowed) searched for JDKs instead
#                           of the usual ones; each entry is a JDK home or a folder of JDK homes.
#                           An empty folder simulates a machine without a suitable JDK.
#   TRUCE_APT_UPDATED=1     apt-get update already ran in this process tree; skip it

# The oldest Java feature release that can build and run Truce.
TRUCE_JDK_MIN=21
# The oldest JDK on which the Maven JVM needs --sun-misc-unsafe-memory-access=allow, and which
# accepts it (older JVMs refuse to start with it).
TRUCE_UNSAFE_FLAG_MIN=23
TRUCE_UNSAFE_FLAG=--sun-misc-unsafe-memory-access=allow

# The repository root: the folder above this file's folder, with symbolic links resolved.
TRUCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

truce_say() { printf 'truce: %s\n' "$@" >&2; }

# truce_die CODE MESSAGE-LINE...: prints each line and exits with CODE.
truce_die() {
  local code=$1
  shift
  printf 'truce: %s\n' "$@" >&2
  exit "$code"
}

truce_is_root() { [[ $(id -u) == 0 ]]; }

# ---------------------------------------------------------------------------------------------
# JDK discovery
# ---------------------------------------------------------------------------------------------

# truce_normalize_java_version STRING: prints a dotted version that `sort -V` orders correctly.
# "25.0.3" -> 25.0.3, "21" -> 21, "1.8.0_392" -> 8.0.392, "22-ea" -> 22, "17.0.15+6" -> 17.0.15
truce_normalize_java_version() {
  local v=$1
  v=${v%%[!0-9._]*}
  v=${v//_/.}
  if [[ $v == 1.* ]]; then
    v=${v#1.}
  fi
  [[ -n $v ]] && printf '%s\n' "$v"
}

# truce_jdk_version HOME: prints the normalized version of the JDK at HOME, or fails when HOME
# is not a JDK (it must have bin/java and bin/javac: Maven compiles with javac).
# It reads HOME/release (fast) and falls back to `java -version`.
truce_jdk_version() {
  local home=$1 raw=""
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 1
  if [[ -r $home/release ]]; then
    raw=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}.*$/\1/p' "$home/release" | head -n 1)
  fi
  if [[ -z $raw ]]; then
    # `java -version` prints to stderr, possibly after "Picked up JAVA_TOOL_OPTIONS" lines.
    raw=$("$home/bin/java" -version 2>&1 | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1) || true
  fi
  truce_normalize_java_version "$raw"
}

truce_java_major() { printf '%s\n' "${1%%.*}"; }

# truce_version_key VERSION: a key that sorts versions correctly as plain text (25.0.3 -> 00025000000000300000).
truce_version_key() {
  local -a parts
  local i n key=""
  IFS=. read -r -a parts <<<"$1"
  for i in 0 1 2 3; do
    n=${parts[i]:-0}
    [[ $n =~ ^[0-9]+$ ]] || n=0
    key+=$(printf '%05d' "$((10#$n))")
  done
  printf '%s\n' "$key"
}

# truce_jdk_runs HOME: the JDK actually starts (guards against a JDK for another CPU or OS).
truce_jdk_runs() { "$1/bin/java" -version >/dev/null 2>&1; }

# truce_jdk_candidates: prints the JDK homes found in the search folders, one per line.
truce_jdk_candidates() {
  local search entry path sub
  local -a entries
  if [[ -n ${TRUCE_JDK_SEARCH_PATH+set} ]]; then
    search=$TRUCE_JDK_SEARCH_PATH
  else
    search="/usr/lib/jvm:/opt/java:/opt/jdk*:/opt/*jdk*:/usr/java:${HOME:-}/.sdkman/candidates/java"
    search+=":${HOME:-}/.jdks:/Library/Java/JavaVirtualMachines"
  fi
  IFS=: read -r -a entries <<<"$search"
  for entry in "${entries[@]}"; do
    [[ -n $entry ]] || continue
    # Unquoted on purpose: the entry may be a glob such as /opt/jdk*.
    # shellcheck disable=SC2206
    local -a paths=($entry)
    for path in "${paths[@]}"; do
      [[ -d $path ]] || continue
      if [[ -x $path/bin/java ]]; then
        printf '%s\n' "$path"
      elif [[ -x $path/Contents/Home/bin/java ]]; then
        printf '%s\n' "$path/Contents/Home"
      else
        for sub in "$path"/*; do
          if [[ -x $sub/bin/java ]]; then
            printf '%s\n' "$sub"
          elif [[ -x $sub/Contents/Home/bin/java ]]; then
            printf '%s\n' "$sub/Contents/Home"
          fi
        done
      fi
    done
  done
}

# truce_find_jdk: sets TRUCE_JDK_HOME, TRUCE_JDK_VERSION and TRUCE_JDK_MAJOR, or fails.
# Order: $JAVA_HOME if it is >= 21; then `java` on PATH if >= 21; then the newest JDK >= 21
# in the search folders (see TRUCE_JDK_SEARCH_PATH above).
truce_find_jdk() {
  local home version java_on_path
  TRUCE_JDK_HOME="" TRUCE_JDK_VERSION="" TRUCE_JDK_MAJOR=""

  if [[ -n ${JAVA_HOME:-} ]] && version=$(truce_jdk_version "$JAVA_HOME") &&
    (($(truce_java_major "$version") >= TRUCE_JDK_MIN)) && truce_jdk_runs "$JAVA_HOME"; then
    home=$JAVA_HOME
  elif java_on_path=$(command -v java 2>/dev/null) &&
    home=$(dirname "$(dirname "$(readlink -f "$java_on_path" 2>/dev/null || printf '%s' "$java_on_path")")") &&
    # On macOS /usr/bin/java is a stub, not a JDK: the search below finds the real ones.
    [[ ! ($home == /usr && -x /usr/libexec/java_home) ]] &&
    version=$(truce_jdk_version "$home") &&
    (($(truce_java_major "$version") >= TRUCE_JDK_MIN)) && truce_jdk_runs "$home"; then
    :
  else
    home="" version=""
    # Newest first (by a zero-padded sort key, as `sort -V` is not everywhere); the same JDK
    # reached through several links is tried once.
    local line best
    local -a ranked=()
    while IFS= read -r line; do
      ranked+=("$line")
    done < <(
      truce_jdk_candidates | while IFS= read -r home; do
        home=$(cd "$home" 2>/dev/null && pwd -P) || continue
        version=$(truce_jdk_version "$home") || continue
        (($(truce_java_major "$version") >= TRUCE_JDK_MIN)) || continue
        printf '%s\t%s\t%s\n' "$(truce_version_key "$version")" "$version" "$home"
      done | sort -u | sort -r | cut -f 2-
    )
    home=""
    for best in ${ranked[@]+"${ranked[@]}"}; do
      if truce_jdk_runs "${best#*$'\t'}"; then
        version=${best%%$'\t'*}
        home=${best#*$'\t'}
        break
      fi
    done
    [[ -n $home ]] || return 1
  fi
  # Canonical path without a trailing slash.
  TRUCE_JDK_HOME=$(cd "$home" && pwd -P)
  TRUCE_JDK_VERSION=$version
  TRUCE_JDK_MAJOR=$(truce_java_major "$version")
}

# truce_jdk_missing: explains how to get a JDK and exits 2.
truce_jdk_missing() {
  local lines=(
    "Truce needs a JDK $TRUCE_JDK_MIN or later (to build and to run), and none was found."
    "Looked at: \$JAVA_HOME (${JAVA_HOME:-not set}), 'java' on PATH ($(command -v java 2>/dev/null || echo none)),"
    "and ${TRUCE_JDK_SEARCH_PATH-/usr/lib/jvm, /opt/java, /opt/jdk*, /usr/java, ~/.sdkman/candidates/java, ~/.jdks, /Library/Java/JavaVirtualMachines}."
    "Install one, then run this again:"
    "  Debian 13+/Ubuntu 22.04+: sudo apt-get install openjdk-21-jdk   (or openjdk-25-jdk)"
    "  Debian 12 or any Linux:   Eclipse Temurin from https://adoptium.net (apt repository"
    "                            packages.adoptium.net, package temurin-21-jdk or temurin-25-jdk)"
    "  macOS:                    brew install --cask temurin"
    "Or point JAVA_HOME at an installed JDK $TRUCE_JDK_MIN+: export JAVA_HOME=/path/to/jdk"
  )
  truce_die 2 "${lines[@]}"
}

# truce_use_jdk: finds the JDK (exit 2 when there is none) and exports it for child processes:
# JAVA_HOME, PATH with $JAVA_HOME/bin first, and MAVEN_OPTS with the Unsafe flag on JDK >= 23
# only (that flag makes older JVMs refuse to start, so it is removed for them).
truce_use_jdk() {
  truce_find_jdk || truce_jdk_missing
  export JAVA_HOME=$TRUCE_JDK_HOME
  case ":$PATH:" in
  "$JAVA_HOME/bin:"*) ;;
  *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  local opt opts=""
  local -a given=()
  read -r -a given <<<"${MAVEN_OPTS:-}"
  for opt in ${given[@]+"${given[@]}"}; do
    [[ $opt == "$TRUCE_UNSAFE_FLAG" ]] || opts+="${opts:+ }$opt"
  done
  if ((TRUCE_JDK_MAJOR >= TRUCE_UNSAFE_FLAG_MIN)); then
    opts+="${opts:+ }$TRUCE_UNSAFE_FLAG"
  fi
  export MAVEN_OPTS=$opts
}

# ---------------------------------------------------------------------------------------------
# System packages (Debian/Ubuntu, apt)
# ---------------------------------------------------------------------------------------------

truce_has_apt() { command -v apt-get >/dev/null 2>&1; }

# apt's output goes to this file (gitignored); its tail is shown when apt fails.
TRUCE_APT_LOG=$TRUCE_ROOT/target/truce-apt.log

# truce_apt COMMAND...: runs apt-get COMMAND without questions, logging to TRUCE_APT_LOG.
truce_apt() {
  local start=$SECONDS rc=0
  mkdir -p "$(dirname "$TRUCE_APT_LOG")"
  printf '\n$ apt-get %s\n' "$*" >>"$TRUCE_APT_LOG"
  DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "$@" </dev/null >>"$TRUCE_APT_LOG" 2>&1 || rc=$?
  if ((rc != 0)); then
    tail -n 25 "$TRUCE_APT_LOG" >&2
    truce_die "$rc" "apt-get $* failed (the lines above; all of it in $TRUCE_APT_LOG)."
  fi
  truce_say "apt-get $*: done in $((SECONDS - start)) s"
}

# truce_apt_update_once: runs apt-get update unless this process tree already did.
truce_apt_update_once() {
  [[ ${TRUCE_APT_UPDATED:-} == 1 ]] && return 0
  truce_apt update
  export TRUCE_APT_UPDATED=1
}

# truce_apt_install PACKAGE...: installs the packages (root only).
truce_apt_install() { truce_apt install -y "$@"; }

# truce_pg_find: sets TRUCE_PG_BINDIR (with initdb, pg_ctl, postgres) and TRUCE_PG_MAJOR, or
# fails. Debian's /usr/lib/postgresql/N/bin is preferred (newest N), then initdb on PATH.
truce_pg_find() {
  local dir best="" best_major=0 major initdb
  TRUCE_PG_BINDIR="" TRUCE_PG_MAJOR=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]] || continue
    major=$(basename "$(dirname "$dir")")
    [[ $major =~ ^[0-9]+$ ]] || continue
    if ((major > best_major)); then
      best=$dir best_major=$major
    fi
  done
  if [[ -z $best ]] && initdb=$(command -v initdb 2>/dev/null); then
    dir=$(dirname "$(readlink -f "$initdb" 2>/dev/null || printf '%s' "$initdb")")
    if [[ -x $dir/pg_ctl && -x $dir/postgres ]]; then
      best=$dir
      best_major=$("$dir/initdb" --version 2>/dev/null | sed -n 's/^.* \([0-9][0-9]*\)[.0-9]*.*$/\1/p')
    fi
  fi
  [[ -n $best ]] || return 1
  TRUCE_PG_BINDIR=$best
  TRUCE_PG_MAJOR=$best_major
}

# truce_pg_has_postgis: the PostGIS extension is installed for the server in TRUCE_PG_BINDIR
# (its control file and its library).
truce_pg_has_postgis() {
  local share="" lib=""
  if [[ -x $TRUCE_PG_BINDIR/pg_config ]]; then
    share=$("$TRUCE_PG_BINDIR/pg_config" --sharedir 2>/dev/null) || share=""
    lib=$("$TRUCE_PG_BINDIR/pg_config" --pkglibdir 2>/dev/null) || lib=""
  fi
  [[ -n $share ]] || share=/usr/share/postgresql/$TRUCE_PG_MAJOR
  [[ -n $lib ]] || lib=/usr/lib/postgresql/$TRUCE_PG_MAJOR/lib
  [[ -f $share/extension/postgis.control ]] && compgen -G "$lib/postgis-3.*" >/dev/null
}

# truce_apt_postgres_major: the PostgreSQL major version that the `postgresql` package would
# install (15 on Debian 12), from apt's cache; 15 when apt cannot tell.
truce_apt_postgres_major() {
  local v
  v=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1)
  printf '%s\n' "${v:-15}"
}

truce_has_browser_tests() {
  local f
  f=$(find "$TRUCE_ROOT" -path "$TRUCE_ROOT/.git" -prune -o -path '*/src/test/*' -type f \
    \( -name '*BrowserIT.java' -o -name '*BrowserTest.java' \) -print 2>/dev/null | head -n 1)
  [[ -n $f ]]
}

TRUCE_CHROMIUM_BIN=/usr/bin/chromium
TRUCE_CHROMEDRIVER_BIN=/usr/bin/chromedriver

truce_has_chromium() { [[ -x $TRUCE_CHROMIUM_BIN && -x $TRUCE_CHROMEDRIVER_BIN ]]; }

# Go programs under */src/test/go check Truce with Go's golang.org/x/mod/sumdb; they build offline
# from Debian's golang-go and golang-golang-x-mod-dev (GOPATH /usr/share/gocode).
truce_has_go_tests() {
  local f
  f=$(find "$TRUCE_ROOT" -path "$TRUCE_ROOT/.git" -prune -o -path '*/src/test/go/*' -type f -print 2>/dev/null | head -n 1)
  [[ -n $f ]]
}

TRUCE_GO_XMOD_NOTE=/usr/share/gocode/src/golang.org/x/mod/sumdb/note

truce_has_go() { command -v go >/dev/null 2>&1 && [[ -d $TRUCE_GO_XMOD_NOTE ]]; }

# truce_provision [pg] [chrome] [go]: makes sure the named things are installed, with a single
# apt-get update and a single apt-get install for all that is missing. As root it installs;
# otherwise (or without apt) it names the packages and exits 2.
#   pg      PostgreSQL server binaries and PostGIS for them
#   chrome  /usr/bin/chromium and /usr/bin/chromedriver
#   go      `go` and the golang.org/x/mod sources in /usr/share/gocode
truce_provision() {
  local want what need_server=false need_postgis=false need_chrome=false need_go=false
  for want in "$@"; do
    case $want in
    pg)
      if ! truce_pg_find; then
        need_server=true need_postgis=true
      elif ! truce_pg_has_postgis; then
        need_postgis=true
      fi
      ;;
    chrome) truce_has_chromium || need_chrome=true ;;
    go) truce_has_go || need_go=true ;;
    *) truce_die 70 "truce_provision: unknown item '$want'" ;;
    esac
  done
  $need_server || $need_postgis || $need_chrome || $need_go || return 0

  # Describe what is missing, with Debian's package names.
  local major=${TRUCE_PG_MAJOR:-15}
  if $need_server && truce_has_apt && truce_is_root; then
    truce_apt_update_once
    major=$(truce_apt_postgres_major)
  fi
  local -a pkgs=()
  $need_server && pkgs+=(postgresql)
  $need_postgis && pkgs+=("postgresql-$major-postgis-3")
  $need_chrome && pkgs+=(chromium chromium-driver)
  $need_go && pkgs+=(golang-go golang-golang-x-mod-dev)
  what=()
  $need_server && what+=("the PostgreSQL server")
  $need_postgis && what+=("PostGIS")
  $need_chrome && what+=("Chromium and ChromeDriver (the repository has browser tests)")
  $need_go && what+=("Go and golang.org/x/mod (the repository has Go interoperability tests)")

  local missing
  missing=$(printf '%s, ' "${what[@]}")
  missing=${missing%, }
  if ! truce_has_apt; then
    truce_die 2 "Missing for the tests: $missing." \
      "Install them with your package manager (Debian names: ${pkgs[*]})," \
      "or set TRUCE_PG_URL, TRUCE_PG_USER and TRUCE_PG_PASSWORD to a PostgreSQL with PostGIS."
  fi
  if ! truce_is_root; then
    truce_die 2 "Missing for the tests: $missing." \
      "Install them, then run this again:" \
      "  sudo apt-get install ${pkgs[*]}" \
      "(or set TRUCE_PG_URL, TRUCE_PG_USER and TRUCE_PG_PASSWORD to a PostgreSQL with PostGIS)."
  fi
  truce_say "Installing $missing"
  truce_apt_update_once
  truce_apt_install "${pkgs[@]}"

  # Check the result, so that a wrong package name fails here and not in a test.
  if $need_server || $need_postgis; then
    truce_pg_find || truce_die 2 "PostgreSQL is still missing after apt-get install ${pkgs[*]}."
    truce_pg_has_postgis ||
      truce_die 2 "PostGIS for PostgreSQL $TRUCE_PG_MAJOR is still missing; try: apt-get install postgresql-$TRUCE_PG_MAJOR-postgis-3"
  fi
  if $need_chrome; then
    truce_has_chromium || truce_die 2 "$TRUCE_CHROMIUM_BIN or $TRUCE_CHROMEDRIVER_BIN is still missing after apt-get install."
  fi
  if $need_go; then
    truce_has_go || truce_die 2 "go or $TRUCE_GO_XMOD_NOTE is still missing after apt-get install golang-go golang-golang-x-mod-dev."
  fi
}
