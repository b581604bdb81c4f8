"""Follows a ring until it has seen sequence N; checks each payload is {"n": <its sequence>}."""
import json
import sys
import time

import teleop_shm


def main(path, last):
    ring = teleop_shm.RingReader(path=path)
    print("ready", flush=True)
    first, records, bad, deadline = None, 0, 0, time.monotonic() + 60
    while ring.last_sequence < last and time.monotonic() < deadline:
        for name, sequence, timestamp, payload in ring.poll():
            first = sequence if first is None else first
            records += 1
            if json.loads(payload)["n"] != sequence or name != "state_update" or timestamp != sequence * 10:
                bad += 1
    print("first=%s records=%d missed=%d overruns=%d bad=%d last=%d"
          % (first, records, ring.missed, ring.overruns, bad, ring.last_sequence), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
