"""Polls a ring each time a line arrives on stdin and answers with what it has seen so far.
Every payload must be {"n": <its sequence>} of type state_update stamped sequence * 10."""
import json
import sys

import teleop_shm


def main(path):
    ring = teleop_shm.RingReader(path=path)
    records, bad = 0, 0
    print("ready", flush=True)
    for _ in sys.stdin:
        for name, sequence, timestamp, payload in ring.poll(100000):
            records += 1
            if json.loads(payload)["n"] != sequence or name != "state_update" or timestamp != sequence * 10:
                bad += 1
        print("records=%d missed=%d overruns=%d bad=%d last=%d"
              % (records, ring.missed, ring.overruns, bad, ring.last_sequence), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
