# Shared by the bin/ launchers: find a JDK 21+, build the module if needed, run a main class.
# Sourced, not executed.

CANHGAC_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

find_java() {
  local candidate
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java 2>/dev/null)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "canhgac: no Java 21 or newer found; install a JDK 21+ or set JAVA_HOME" >&2
  return 1
}

# agent_jvm_options: fills the array agent_options with the agent's JVM flags: CANHGAC_AGENT_JAVA_OPTS
# when set, else agent/jvm.options (the file the packages ship) without its comments and blank lines.
agent_jvm_options() {
  if [ -n "${CANHGAC_AGENT_JAVA_OPTS:-}" ]; then
    read -r -a agent_options <<< "$CANHGAC_AGENT_JAVA_OPTS"
  else
    mapfile -t agent_options < <(grep -vE '^\s*(#|$)' "$CANHGAC_HOME/agent/jvm.options")
  fi
}

# ensure_built MODULE: compiles MODULE (and what it needs) when its classes or classpath are missing
# or older than any module's sources (a module may depend on any other, e.g. system-tests on server). `package`, not `install`: the launchers never touch ~/.m2.
ensure_built() {
  local module="$1" stamp="$CANHGAC_HOME/$1/target/classpath.txt"
  if [ -f "$stamp" ] && [ -z "$(find "$CANHGAC_HOME"/*/src "$CANHGAC_HOME"/*/pom.xml "$CANHGAC_HOME"/pom.xml -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "canhgac: building $module (first run or sources changed)…" >&2
  JAVA_HOME="$(dirname "$(dirname "$JAVA")")" "$CANHGAC_HOME/mvnw" -q -f "$CANHGAC_HOME/pom.xml" -pl "$module" -am -DskipTests package >&2 \
    || { echo "canhgac: build failed; run ./mvnw -pl $module -am package to see why" >&2; return 1; }
  # The dependency plugin leaves an unchanged classpath file alone; the stamp must still move.
  touch "$stamp"
}

# run_main MODULE MAIN_CLASS [JVM options…] -- [program arguments…]
run_main() {
  local module="$1" main="$2"; shift 2
  local jvm_options=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do jvm_options+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  JAVA="$(find_java)" || exit 1
  ensure_built "$module" || exit 1
  local classpath="$CANHGAC_HOME/$module/target/classes:$(cat "$CANHGAC_HOME/$module/target/classpath.txt")"
  # sqlite-jdbc loads its native library through JNI; saying so keeps the JDK from warning at every start.
  exec "$JAVA" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" -cp "$classpath" "$main" "$@"
}
