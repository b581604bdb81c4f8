#!/usr/bin/env bash
# The monitor's CPU during a 30 Hz libzmq LeKiwi session (itests/src/test/python/lekiwi_session.py),
# with the MQTT export off and on (a Mosquitto on a free loopback port, password file), and what the
# broker received. Needs root (capture on lo), mosquitto, python3-zmq.
# Usage: benchmarks/run mqtt-session-cpu [session seconds, default 30] [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
runs=${2:-3}
src=karaf-assembly/target/assembly
[ -x "$src/bin/teleop-monitor" ] || { echo "build the distribution first" >&2; exit 1; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d /tmp/teleop-mqtt-cpu.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; pkill -9 -f "karaf.home=$work/" || true; rm -rf "$work"; }
trap cleanup EXIT

broker_port=$(free_port)
mosquitto_passwd -b -c "$work/passwd" robot bench-pw 2>/dev/null
printf 'listener %s 127.0.0.1\nallow_anonymous false\npassword_file %s\nuser %s\n' "$broker_port" "$work/passwd" "$(id -un)" > "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null && break; sleep 0.1; done
mosquitto_sub -h 127.0.0.1 -p "$broker_port" -u robot -P bench-pw -t 'teleop/#' -q 1 -v > "$work/received" &
pids+=($!)
hz=$(getconf CLK_TCK)

for export in off on; do
    home="$work/$export"
    cp -a "$src/." "$home/"
    sed -i "s/^sshPort = .*/sshPort = 0/" "$home/etc/org.apache.karaf.shell.cfg"
    cmd=$(free_port); obs=$(free_port)
    printf 'command.port = %s\nobservation.port = %s\n' "$cmd" "$obs" > "$home/etc/org.teleopmon.detector.zmq.cfg"
    printf 'interfaces = lo\n' > "$home/etc/org.teleopmon.capture.cfg"
    if [ "$export" = on ]; then
        printf 'enabled = true\nbroker.uri = tcp://127.0.0.1:%s\nusername = robot\npassword = bench-pw\nstate.interval = 0.5\n' \
            "$broker_port" > "$home/etc/org.teleopmon.export.mqtt.cfg"
    fi
    (cd "$home" && WEBSOCKET_PORT=$(free_port) SHM_NAMESPACE="mqtt-cpu-$export" ROBOT_ID="bench-$export" \
        bin/teleop-monitor --no-console < /dev/null > "$home/launcher.out" 2>&1 &)
    sleep 60
    pid=$(pgrep -f "karaf.home=$home" | head -1)
    for run in $(seq 1 "$runs"); do
        before=$(wc -l < "$work/received")
        t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
        /usr/bin/python3 itests/src/test/python/lekiwi_session.py "$cmd" "$obs" "$seconds" alice > /dev/null
        t2=$(awk '{print $14+$15}' "/proc/$pid/stat")
        sleep 3
        after=$(wc -l < "$work/received")
        sessions=$(tail -n +"$((before + 1))" "$work/received" | grep -c '/teleoperation_started ' || true)
        awk -v t=$((t2 - t1)) -v hz="$hz" -v w="$seconds" -v e="$export" -v r="$run" -v m=$((after - before)) -v s="$sessions" 'BEGIN {
            printf "export %s, run %d: monitor JVM %.2f %% of one core during the %d s 30 Hz session; %d MQTT messages (%d teleoperation_started)\n",
                e, r, 100 * t / hz / w, w, m, s }'
        sleep 5
    done
    pkill -9 -f "karaf.home=$home" || true
done
echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
