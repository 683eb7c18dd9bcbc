#!/usr/bin/env bash
# Assembles, configures, starts and stops a real Neo4j Community server from Maven Central jars.
#
#   scripts/neo4j/neo4j.sh install              jars of org.neo4j:neo4j and its runtime closure -> .neo4j/dist/lib
#   scripts/neo4j/neo4j.sh start  <instance>    write .neo4j/<instance>/conf, set the password once, start, wait for Bolt
#   scripts/neo4j/neo4j.sh stop   <instance>    SIGTERM, wait for a clean shutdown (SIGKILL after 60 s)
#   scripts/neo4j/neo4j.sh status <instance>    prints "running <pid>" or "stopped"
#
# Settings (environment): NEO4J_BOLT_PORT (7687), NEO4J_USER (neo4j), NEO4J_PASSWORD (required for start),
# NEO4J_HEAP (2g), NEO4J_PAGECACHE (2g), NEO4J_JAVA (a java 17 or 21 binary; found when unset).
#
# Why not the tarball's bin/neo4j: the tarball is not on Maven Central. Started directly with java, the
# server needs the JVM options Neo4j's own launcher passes; they are written into neo4j.conf as
# server.jvm.additional lines (as the distribution does) and read back from there, so there is one list.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
base="$root/.neo4j"
lib="$base/dist/lib"
version=$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$here/pom.xml")

die() { echo "neo4j.sh: $*" >&2; exit 1; }

find_java() {
  if [ -n "${NEO4J_JAVA:-}" ]; then echo "$NEO4J_JAVA"; return; fi
  # Neo4j 5.26 runs on Java 17 or 21; prefer an installed 17 over whatever `java` is on PATH.
  for candidate in /usr/lib/jvm/java-17-openjdk-*/bin/java /usr/lib/jvm/java-21-openjdk-*/bin/java \
                   /usr/lib/jvm/temurin-17*/bin/java /usr/lib/jvm/temurin-21*/bin/java; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  command -v java >/dev/null || die "no java found: install Java 17 or set NEO4J_JAVA"
  echo java
}

install() {
  if [ -f "$lib/.complete-$version" ]; then return; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to assemble Neo4j from Maven Central"
  echo "neo4j.sh: assembling Neo4j Community $version from Maven Central into $lib" >&2
  rm -rf "$lib"
  mkdir -p "$lib"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib" >&2 \
    || die "mvn could not resolve org.neo4j:neo4j:$version (see the output above)"
  ls "$lib"/neo4j-server-*.jar >/dev/null 2>&1 || die "neo4j-server jar missing after mvn; the closure is incomplete"
  touch "$lib/.complete-$version"
}

instance_dir() {
  [ -n "${1:-}" ] || die "name an instance, e.g. demo or test"
  case "$1" in *[!a-zA-Z0-9_-]*) die "bad instance name '$1'";; esac
  echo "$base/$1"
}

write_conf() {
  local dir=$1 port=$2
  mkdir -p "$dir/conf" "$dir/data" "$dir/logs" "$dir/run" "$dir/plugins" "$dir/import"
  cat >"$dir/conf/neo4j.conf" <<EOF
# Written by scripts/neo4j/neo4j.sh on each start; edit the script, not this file.
server.directories.data=$dir/data
server.directories.logs=$dir/logs
server.directories.run=$dir/run
server.directories.plugins=$dir/plugins
server.directories.import=$dir/import
server.directories.lib=$lib
server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
# 2 cores / 24 GiB: heap and page cache from NEO4J_HEAP / NEO4J_PAGECACHE; the rest is left to the OS,
# Redis, Node and the browser. Transaction state on heap, as the distribution recommends.
server.memory.heap.initial_size=${NEO4J_HEAP:-2g}
server.memory.heap.max_size=${NEO4J_HEAP:-2g}
server.memory.pagecache.size=${NEO4J_PAGECACHE:-2g}
db.tx_state.memory_allocation=ON_HEAP
db.tx_log.rotation.retention_policy=1G size
# Queries that run away are ended by the server too (the API sets shorter per-query timeouts).
db.transaction.timeout=120s
# JVM options that Neo4j's launcher passes (from the default neo4j.conf of 5.26).
server.jvm.additional=-XX:+UseG1GC
server.jvm.additional=-XX:-OmitStackTraceInFastThrow
server.jvm.additional=-XX:+AlwaysPreTouch
server.jvm.additional=-XX:+UnlockExperimentalVMOptions
server.jvm.additional=-XX:+TrustFinalNonStaticFields
server.jvm.additional=-XX:+DisableExplicitGC
server.jvm.additional=-Djdk.nio.maxCachedBufferSize=1024
server.jvm.additional=-Dio.netty.tryReflectionSetAccessible=true
server.jvm.additional=-Djdk.tls.ephemeralDHKeySize=2048
server.jvm.additional=-Djdk.tls.rejectClientInitiatedRenegotiation=true
server.jvm.additional=-XX:FlightRecorderOptions=stackdepth=256
server.jvm.additional=-XX:+UnlockDiagnosticVMOptions
server.jvm.additional=-XX:+DebugNonSafepoints
server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/java.io=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
server.jvm.additional=--enable-native-access=ALL-UNNAMED
server.jvm.additional=-Dlog4j2.disable.jmx=true
server.jvm.additional=-Dlog4j.layout.jsonTemplate.maxStringLength=32768
EOF
}

pid_of() {
  local pidfile="$1/run/neo4j.pid"
  [ -f "$pidfile" ] || return 1
  local pid; pid=$(cat "$pidfile")
  # The pid must still be this instance's server: pids are reused after a crash or a reboot.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--home-dir=$1 " || return 1
  echo "$pid"
}

start() {
  local dir port user password java
  dir=$(instance_dir "${1:-}")
  port=${NEO4J_BOLT_PORT:-7687}
  user=${NEO4J_USER:-neo4j}
  password=${NEO4J_PASSWORD:-}
  [ "$user" = neo4j ] || die "a self-assembled Neo4j has the single user 'neo4j' (NEO4J_USER=$user)"
  [ ${#password} -ge 8 ] || die "NEO4J_PASSWORD must be set, at least 8 characters (Neo4j's minimum)"
  [ "$password" != neo4j ] || die "NEO4J_PASSWORD must not be the default"
  if pid=$(pid_of "$dir"); then echo "neo4j.sh: $1 already running (pid $pid, bolt 127.0.0.1:$port)" >&2; return; fi
  install
  java=$(find_java)
  write_conf "$dir" "$port"
  local cp="$lib/*"
  if [ ! -f "$dir/data/dbms/auth.ini" ] && [ ! -f "$dir/data/dbms/auth" ]; then
    # Before the first start, so the default password never exists on a listening server.
    NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" "$java" -cp "$cp" org.neo4j.cli.AdminTool \
      dbms set-initial-password "$password" >"$dir/logs/set-password.log" 2>&1 \
      || { cat "$dir/logs/set-password.log" >&2; die "set-initial-password failed"; }
  fi
  local heap=${NEO4J_HEAP:-2g}
  local -a jvm
  mapfile -t jvm < <(sed -n 's/^server\.jvm\.additional=//p' "$dir/conf/neo4j.conf")
  local started; started=$(date +%s%N)
  # neo4j.log is appended to across starts: only what this start writes counts.
  local log="$dir/logs/neo4j.log" offset=0
  [ -f "$log" ] && offset=$(stat -c %s "$log")
  nohup "$java" -Xms"$heap" -Xmx"$heap" "${jvm[@]}" -Dfile.encoding=UTF-8 -cp "$cp" \
    org.neo4j.server.CommunityEntryPoint --home-dir="$dir" --config-dir="$dir/conf" \
    >>"$dir/logs/console.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$dir/run/neo4j.pid"
  # Bolt answers once the log says Started and the port accepts connections.
  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$dir/logs/console.log" "$log" >&2
      die "Neo4j ($1) exited during start; logs: $dir/logs/console.log and $log"
    fi
    if grep -q "INFO  Started\." < <(tail -c +$((offset + 1)) "$log" 2>/dev/null) && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "neo4j.sh: Neo4j $version ($1) up on bolt://127.0.0.1:$port, pid $pid, in $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2
      return
    fi
    sleep 0.5
  done
  die "Neo4j ($1) did not answer on port $port within 120 s; log: $log"
}

stop() {
  local dir pid
  dir=$(instance_dir "${1:-}")
  pid=$(pid_of "$dir") || { echo "neo4j.sh: $1 not running" >&2; return; }
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/run/neo4j.pid"; echo "neo4j.sh: $1 stopped" >&2; return; }
    sleep 0.5
  done
  echo "neo4j.sh: $1 did not stop within 60 s; killing pid $pid" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/run/neo4j.pid"
}

status() {
  local dir pid
  dir=$(instance_dir "${1:-}")
  if pid=$(pid_of "$dir"); then echo "running $pid"; else echo stopped; fi
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  status) status "${2:-}" ;;
  version) echo "$version" ;;
  *) die "usage: neo4j.sh install | start <instance> | stop <instance> | status <instance> | version" ;;
esac
