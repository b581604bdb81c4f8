#!/usr/bin/env bash
# Measures the distribution's footprint: resident memory and CPU share of one core while idle
# (no teleoperation traffic), in server mode, with the shipped bin/setenv JVM flags.
# Usage: benchmarks/run footprint [warm-up seconds, default 90] [measure seconds, default 60]
# (benchmarks/run builds the distribution first; this script alone needs one: mvn -B -DskipTests verify).
set -euo pipefail
cd "$(dirname "$0")/.."
warmup=${1:-90}
window=${2:-60}
src=karaf-assembly/target/assembly
[ -x "$src/bin/teleop-monitor" ] || { echo "build the distribution first: mvn -B -DskipTests verify" >&2; exit 1; }

home=$(mktemp -d /tmp/teleop-footprint.XXXXXX)
cp -a "$src/." "$home/"
sed -i "s/^sshPort = .*/sshPort = 0/" "$home/etc/org.apache.karaf.shell.cfg"
"$home/bin/teleop-monitor" < /dev/null > "$home/launcher.out" 2>&1 &
trap 'pkill -f "karaf.home=$home" || true; rm -rf "$home"' EXIT

sleep "$warmup"
pid=$(pgrep -f "karaf.home=$home" | head -1)
hz=$(getconf CLK_TCK)
t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
sleep "$window"
t2=$(awk '{print $14+$15}' "/proc/$pid/stat")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
bundles=$(ls "$home/data/cache" | wc -l)
awk -v t=$((t2 - t1)) -v hz="$hz" -v w="$window" -v rss="$rss" -v b="$bundles" 'BEGIN {
    printf "idle CPU: %.2f %% of one core over %d s\nRSS: %.0f MiB\nbundle cache entries: %d\n", 100 * t / hz / w, w, rss / 1024, b }'
echo "machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo), $(java -version 2>&1 | head -1)"
