#!/usr/bin/env bash
# The distribution's cost on the robot (issue 20): CPU share of one core and resident memory of the
# whole distribution in server mode with the shipped bin/setenv, first idle (no teleoperation traffic)
# after the warm-up, then during a real libzmq 30 Hz LeKiwi session with two cameras
# (itests/src/test/python/lekiwi_session.py), with tcpdump capturing that same session as the floor.
# It checks the session was detected (GET /sessions), and prints the load average and the kernel's TCP
# table size: the network detector reads every TCP socket, so other processes' sockets cost CPU here.
#
# Usage: benchmarks/run footprint [warm-up s, default 300] [idle window s, default 60] [session s, default 60]
#   FOOTPRINT_NMT=1   also print the JVM's native memory summary (adds NMT's own few MiB to the RSS)
#   EXTRA_JAVA_OPTS   replaces bin/setenv's JVM flags (to measure an alternative)
#   FOOTPRINT_DIST    another unpacked distribution to measure (default karaf-assembly/target/assembly)
#   FOOTPRINT_THREADS=N  also print the N threads that used the most CPU in each window (from
#                     /proc/<pid>/task/*/schedstat: nanoseconds on a CPU, and wake-ups per second)
# Needs root (capture on lo), python3-zmq, tcpdump. Run it under the heavy lock on a shared machine:
#   flock /tmp/teleop-heavy.lock benchmarks/run footprint
# (benchmarks/run builds the distribution first; this script alone needs one: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
warmup=${1:-300}
window=${2:-60}
seconds=${3:-60}
src=${FOOTPRINT_DIST:-karaf-assembly/target/assembly}
[ -x "$src/bin/teleop-monitor" ] || { echo "build the distribution first: mvn -B -DskipTests package" >&2; exit 1; }
command -v tcpdump > /dev/null || { echo "tcpdump is missing: apt-get install tcpdump" >&2; exit 1; }
/usr/bin/python3 -c 'import zmq' 2> /dev/null || { echo "python3-zmq is missing: apt-get install python3-zmq" >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
threads() { ls "/proc/$1/task" | wc -l; }
# One line per thread: tid, ns on a CPU, times scheduled in, name (names may hold spaces: last).
per_thread() {
    for t in /proc/$1/task/*; do
        read -r ns _ slices < "$t/schedstat" 2> /dev/null && printf '%s %s %s %s\n' "${t##*/}" "$ns" "$slices" "$(cat "$t/comm")"
    done 2> /dev/null
}
# The top $3 threads between two per_thread snapshots over $4 seconds: % of one core, wake-ups/s, name.
top_threads() {
    awk -v n="$3" -v w="$4" 'NR == FNR { ns[$1] = $2; sl[$1] = $3; next }
        { name = $4; for (i = 5; i <= NF; i++) name = name " " $i
          d = $2 - ns[$1]; if (d > 0) printf "%8.3f %8.1f  %s\n", 100 * d / 1e9 / w, ($3 - sl[$1]) / w, name }' "$1" "$2" \
        | sort -rn | head -"$3" | sed 's/^/    /'
}
hz=$(getconf CLK_TCK)

home=$(mktemp -d /tmp/teleop-footprint.XXXXXX)
dump=""
cleanup() {
    [ -z "$dump" ] || kill "$dump" 2> /dev/null || true
    pkill -f "karaf.home=$home" || true
    for _ in $(seq 100); do pgrep -f "karaf.home=$home" > /dev/null || break; sleep 0.1; done
    rm -rf "$home"
}
trap cleanup EXIT
cp -a "$src/." "$home/"
sed -i "s/^sshPort = .*/sshPort = 0/" "$home/etc/org.apache.karaf.shell.cfg"
cmd=$(free_port); obs=$(free_port); ws=$(free_port)
printf 'command.port = %s\nobservation.port = %s\n' "$cmd" "$obs" > "$home/etc/org.teleopmon.detector.zmq.cfg"
printf 'interfaces = lo\n' > "$home/etc/org.teleopmon.capture.cfg"
opts=${EXTRA_JAVA_OPTS:-$(sed -n 's/^ *EXTRA_JAVA_OPTS="\(.*\)"$/\1/p' "$home/bin/setenv")}
[ "${FOOTPRINT_NMT:-0}" = 1 ] && opts="$opts -XX:NativeMemoryTracking=summary"
(cd "$home" && EXTRA_JAVA_OPTS="$opts" WEBSOCKET_PORT=$ws SHM_NAMESPACE="footprint-$$" ROBOT_ID=footprint \
    bin/teleop-monitor --no-console < /dev/null > "$home/launcher.out" 2>&1 &)

sleep "$warmup"
pid=$(pgrep -f "karaf.home=$home" | head -1)
[ -n "$pid" ] || { echo "the monitor did not start: $(tail -5 "$home/launcher.out")" >&2; exit 1; }
load_idle=$(cut -d' ' -f1-3 /proc/loadavg)
per_thread "$pid" > "$home/idle.0"
t1=$(ticks "$pid"); sleep "$window"; t2=$(ticks "$pid")
per_thread "$pid" > "$home/idle.1"
idle_cpu=$(awk -v t=$((t2 - t1)) -v hz="$hz" -v w="$window" 'BEGIN { printf "%.2f", 100 * t / hz / w }')
idle_rss=$(rss_mib "$pid"); idle_threads=$(threads "$pid")

tcpdump -i lo -n -q -w /dev/null "tcp port $cmd or tcp port $obs" 2> /dev/null &
dump=$!
sleep 1
before=$(curl -s "http://127.0.0.1:$ws/status" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["sessions"])')
per_thread "$pid" > "$home/session.0"
t1=$(ticks "$pid"); d1=$(ticks "$dump")
/usr/bin/python3 itests/src/test/python/lekiwi_session.py "$cmd" "$obs" "$seconds" alice > "$home/session.out"
t2=$(ticks "$pid"); d2=$(ticks "$dump")
per_thread "$pid" > "$home/session.1"
load_session=$(cut -d' ' -f1-3 /proc/loadavg)
session_rss=$(rss_mib "$pid"); session_threads=$(threads "$pid")
kill "$dump"; dump=""
sleep 3
after=$(curl -s "http://127.0.0.1:$ws/status" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["sessions"])')
sockets=$(ss -tanH | wc -l)

awk -v ic="$idle_cpu" -v ir="$idle_rss" -v it="$idle_threads" -v w="$window" -v wu="$warmup" \
    -v st=$((t2 - t1)) -v dt=$((d2 - d1)) -v hz="$hz" -v s="$seconds" -v sr="$session_rss" -v sth="$session_threads" 'BEGIN {
    printf "%-58s %8s %8s %8s\n", "state", "CPU %", "RSS MiB", "threads"
    printf "%-58s %8s %8s %8s\n", sprintf("idle, %d s after a %d s warm-up", w, wu), ic, ir, it
    printf "%-58s %8.2f %8s %8s\n", sprintf("30 Hz libzmq LeKiwi session, 2 cameras, %d s", s), 100 * st / hz / s, sr, sth
    printf "%-58s %8.2f %8s %8s\n", "tcpdump capturing the same session (floor)", 100 * dt / hz / s, "-", "-" }'
echo "session detected: $([ "$after" -gt "$before" ] && echo yes || echo NO) (sessions $before -> $after); $(tail -1 "$home/session.out")"
echo "load average: idle $load_idle, session $load_session; kernel TCP table: $sockets sockets"
echo "JVM flags: $opts; $(tr '\0' '\n' < "/proc/$pid/environ" | grep -m1 '^MALLOC_ARENA_MAX=' || echo 'MALLOC_ARENA_MAX unset')"
if [ "${FOOTPRINT_THREADS:-0}" -gt 0 ]; then
    echo "threads, idle window (CPU % of one core, wake-ups/s, name):"
    top_threads "$home/idle.0" "$home/idle.1" "$FOOTPRINT_THREADS" "$window"
    echo "threads, session window:"
    top_threads "$home/session.0" "$home/session.1" "$FOOTPRINT_THREADS" "$seconds"
fi
[ "${FOOTPRINT_NMT:-0}" = 1 ] && jcmd "$pid" VM.native_memory summary | grep -E '^Total|^-' | sed 's/^- *//'
echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo), $(java -version 2>&1 | head -1), $(date -u +%FT%RZ)"
