#!/usr/bin/env python3
"""Read Teleop Monitor's shared memory without Java: standard library only (mmap, struct, zlib).

    python3 teleop_shm.py state            # the state, as JSON
    python3 teleop_shm.py watch            # print the state whenever it changes
    python3 teleop_shm.py ring --follow    # print telemetry ring records as they arrive (wire messages)

In a LeRobot process:

    from teleop_shm import StateReader
    with StateReader("teleoperation") as shm:
        state = shm.read()
        if shm.writer_status() != "live": ...   # the monitor is gone: the state is frozen

The layout (little-endian, version 1) is documented in docs/shm.md of the Teleop Monitor repository.
"""
import argparse
import json
import mmap
import os
import struct
import sys
import time
import zlib

LAYOUT_VERSION = 1
HEADER_SIZE = 128
STATE_MAGIC = b"TELEOPST"
RING_MAGIC = b"TELEOPRB"
STATUS = {0: "initializing", 1: "live", 2: "stopped"}
METRICS = ("latency_ms", "bandwidth_mbps", "packet_loss_percent", "fps", "command_rate_hz")
EVENT_TYPES = ("state_update", "operator_connected", "operator_disconnected", "teleoperation_started",
               "teleoperation_stopped", "latency_warning", "bandwidth_warning", "packet_loss_warning",
               "fps_warning", "command_rate_warning", "resource_warning", "signal_lost_warning",
               "alert_warning", "alert_resolved", "teleop_stall", "video_stall")
# Record body of the state region (offsets relative to HEADER_SIZE); see docs/shm.md.
FIXED = struct.Struct("<QqiiqqdddddIII4x16s")  # from offset 16: counter .. robot_type
SLOT = struct.Struct("<64s64s24sqq8x")
SLOT_SIZE = 176
GIVE_UP_SECONDS = 5.0


class LayoutError(Exception):
    """The file is not a Teleop Monitor region of a layout this reader understands."""


class Header:
    FORMAT = struct.Struct("<8sIIIIqqqIIII")

    def __init__(self, mm, magic, path):
        if len(mm) < HEADER_SIZE:
            raise LayoutError("%s: %d bytes is too short for a header" % (path, len(mm)))
        (self.magic, self.version, self.header_size, self.body_offset, self.body_size, self.pid,
         self.writer_start_ms, _heartbeat, self.heartbeat_interval_ms, _status, self.param1,
         self.param2) = Header.FORMAT.unpack_from(mm, 0)
        if self.magic != magic:
            raise LayoutError("%s: magic is %r, expected %r: not a Teleop Monitor %s file"
                              % (path, self.magic, magic, "state" if magic == STATE_MAGIC else "ring"))
        if self.version != LAYOUT_VERSION:
            raise LayoutError("%s: layout version %d, this reader understands version %d; use the reader "
                              "shipped with the monitor that wrote it" % (path, self.version, LAYOUT_VERSION))
        if self.body_offset + self.body_size > len(mm):
            raise LayoutError("%s: header announces %d bytes, file has %d"
                              % (path, self.body_offset + self.body_size, len(mm)))


def _writer_status(mm, header, now_ms=None):
    status = STATUS.get(struct.unpack_from("<I", mm, 52)[0], "unknown")
    if status != "live":
        return status
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    age = now_ms - struct.unpack_from("<q", mm, 40)[0]
    alive = os.path.exists("/proc/%d" % header.pid) if os.path.isdir("/proc") else True
    return "live" if alive and age <= max(1000, 3 * header.heartbeat_interval_ms) else "gone"


def _text(raw):
    return raw.split(b"\0", 1)[0].decode("utf-8", "replace")


class _Region:
    def __init__(self, path, magic):
        self.path = path
        with open(path, "rb") as f:
            self.mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            self.header = Header(self.mm, magic, path)
        except Exception:
            self.mm.close()
            raise

    def writer_status(self):
        """'live', 'stopped' (clean stop), 'gone' (crashed or hung: data frozen) or 'initializing'."""
        return _writer_status(self.mm, self.header)

    def close(self):
        self.mm.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class StateReader(_Region):
    """Seqlock reader of <directory>/<namespace>-state; never blocks the writer."""

    def __init__(self, namespace="teleoperation", directory="/dev/shm", path=None):
        super().__init__(path or os.path.join(directory, namespace + "-state"), STATE_MAGIC)
        self.slots = self.header.param1
        if self.header.param2 != SLOT_SIZE or self.header.body_size != 128 + self.slots * SLOT_SIZE:
            raise LayoutError("%s: operator slots do not match layout version %d" % (self.path, LAYOUT_VERSION))
        self.retries = 0

    def read_raw(self):
        """One consistent copy of the record body: even, unchanged sequence and matching CRC-32.

        Retries while the writer makes progress; gives up when the sequence is stuck and the writer
        is not live (it died mid-update), or after GIVE_UP_SECONDS."""
        start, size = self.header.body_offset, self.header.body_size
        started = stuck_since = time.monotonic()
        stuck_at, attempt = None, 0
        while True:
            attempt += 1
            before = struct.unpack_from("<Q", self.mm, start)[0]
            if before & 1 == 0:
                body = self.mm[start:start + size]
                after = struct.unpack_from("<Q", self.mm, start)[0]
                crc = struct.unpack_from("<I", body, 8)[0]
                if before == after and zlib.crc32(body[16:]) == crc:
                    return body
            self.retries += 1
            if attempt % 100 == 0:
                now = time.monotonic()
                if before != stuck_at:
                    stuck_at, stuck_since = before, now
                stuck = now - stuck_since > 0.2 and self.writer_status() != "live"
                if stuck or now - started > GIVE_UP_SECONDS:
                    raise RuntimeError("no consistent state record in %s after %d attempts; writer %s"
                                       % (self.path, attempt, self.writer_status()))
                time.sleep(0)

    def read(self):
        """The state as a dict with the seed's keys plus the writer's status."""
        body = self.read_raw()
        (counter, timestamp, active, confidence, start, duration, latency, bandwidth, loss, fps, rate, present,
         count, total, robot) = FIXED.unpack_from(body, 16)
        operators = []
        for i in range(min(count, self.slots)):
            op_id, name, source, first, last = SLOT.unpack_from(body, 128 + i * SLOT_SIZE)
            operators.append({"id": _text(op_id), "name": _text(name), "source": _text(source),
                              "first_seen_ms": first, "last_seen_ms": last})
        values = (latency, bandwidth, loss, fps, rate)
        return {
            "is_active": bool(active), "confidence": confidence, "operators": operators,
            "operators_total": total, "start_time_ms": start or None, "duration_ms": duration,
            "robot_type": _text(robot),
            "metrics": {name: values[i] for i, name in enumerate(METRICS) if present & (1 << i)},
            "update_counter": counter, "timestamp_ms": timestamp, "writer": self.writer_status(),
        }

    def read_metrics(self):
        return self.read()["metrics"]


class RingReader(_Region):
    """One reader of <directory>/<namespace>-ring (an Agrona broadcast buffer), starting at its newest record."""

    def __init__(self, namespace="teleoperation", directory="/dev/shm", path=None):
        super().__init__(path or os.path.join(directory, namespace + "-ring"), RING_MAGIC)
        self.capacity = self.header.param1
        if self.capacity < 1024 or self.capacity & (self.capacity - 1):
            raise LayoutError("%s: ring capacity %d is not a power of two" % (self.path, self.capacity))
        self.base = HEADER_SIZE
        trailer = self.base + self.capacity
        self.intent_at, self.tail_at, self.latest_at = trailer, trailer + 8, trailer + 16
        self.next = self._long(self.latest_at)
        self.last_sequence = 0
        self.missed = 0
        self.overruns = 0

    def _long(self, at):
        return struct.unpack_from("<q", self.mm, at)[0]

    def _valid(self, cursor):
        return cursor + self.capacity > self._long(self.intent_at)

    def poll(self, limit=1000):
        """Up to limit records as (type_name, sequence, timestamp_ms, payload bytes)."""
        records = []
        mask = self.capacity - 1
        while len(records) < limit:
            if self._long(self.tail_at) <= self.next:
                break
            cursor = self.next
            if not self._valid(cursor):
                self.overruns += 1
                cursor = self._long(self.latest_at)
            offset = cursor & mask
            length, type_id = struct.unpack_from("<ii", self.mm, self.base + offset)
            self.next = cursor + ((length + 7) & ~7)
            if type_id == -1:
                offset, cursor = 0, self.next
                length, type_id = struct.unpack_from("<ii", self.mm, self.base)
                self.next = cursor + ((length + 7) & ~7)
            if length < 24 or length > self.capacity // 8 + 8:
                self.overruns += 1
                continue
            record = self.mm[self.base + offset + 8:self.base + offset + length]
            if not self._valid(cursor):
                self.overruns += 1
                continue
            sequence, timestamp = struct.unpack_from("<qq", record, 0)
            if self.last_sequence and sequence > self.last_sequence + 1:
                self.missed += sequence - self.last_sequence - 1
            self.last_sequence = max(self.last_sequence, sequence)
            name = EVENT_TYPES[type_id - 1] if 1 <= type_id <= len(EVENT_TYPES) else "type-%d" % type_id
            records.append((name, sequence, timestamp, record[16:]))
        return records


def _record_json(record):
    """A ring record as the WebSocket would send it: the event's wire message with the ring's sequence as seq.

    Event payloads are {"type", "timestamp", "data"} (docs/wire.md); anything else another writer put in the
    ring is shown under "data" as it is (JSON, or hex when it is not JSON).
    """
    name, sequence, timestamp, payload = record
    try:
        body = json.loads(payload.decode("utf-8"))
    except ValueError:
        body = payload.hex()
    event = isinstance(body, dict) and "data" in body and body.get("type") == name
    return json.dumps({"type": name, "seq": sequence, "timestamp": timestamp / 1000.0,
                       "data": body["data"] if event else body})


def main(argv=None):
    parser = argparse.ArgumentParser(description="Read Teleop Monitor's shared memory.")
    parser.add_argument("--namespace", default=os.environ.get("SHM_NAMESPACE", "teleoperation"))
    parser.add_argument("--dir", default="/dev/shm")
    parser.add_argument("command", choices=("state", "metrics", "watch", "ring"))
    parser.add_argument("--follow", action="store_true", help="ring: keep printing new records")
    parser.add_argument("--interval", type=float, default=0.1, help="watch/follow poll period, seconds")
    args = parser.parse_args(argv)
    try:
        if args.command == "ring":
            with RingReader(args.namespace, args.dir) as ring:
                while True:
                    for record in ring.poll():
                        print(_record_json(record), flush=True)
                    if not args.follow:
                        break
                    time.sleep(args.interval)
            return 0
        with StateReader(args.namespace, args.dir) as shm:
            if args.command == "metrics":
                print(json.dumps(shm.read_metrics()))
                return 0
            last = None
            while True:
                state = shm.read()
                if state["update_counter"] != last or args.command == "state":
                    print(json.dumps(state), flush=True)
                    last = state["update_counter"]
                if args.command == "state":
                    return 0 if state["writer"] == "live" else 3
                time.sleep(args.interval)
    except FileNotFoundError as e:
        print("no Teleop Monitor region at %s (is the monitor running?)" % e.filename, file=sys.stderr)
        return 2
    except LayoutError as e:
        print(str(e), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
