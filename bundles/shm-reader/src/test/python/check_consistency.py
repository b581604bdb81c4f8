"""Reads the state region R times while a Java writer publishes TestStates.of(k) at full speed and
checks every record is whole: all its fields derive from the same k. Prints a summary line."""
import sys

import teleop_shm

SOURCES = "NETWORK_PEER"


def expected(k):
    count = k % 4
    return {
        "is_active": k % 2 == 0, "confidence": k % 101, "operators_total": count,
        "start_time_ms": (k * 10) or None, "duration_ms": k * 20, "robot_type": "lekiwi" if k % 2 == 0 else "xle",
        "metrics": {name: float(k * (i + 1)) for i, name in enumerate(teleop_shm.METRICS) if (k % 32) & (1 << i)},
        "operators": [{"id": "op-%d-%d" % (k, i), "name": "name-%d" % k, "source": SOURCES,
                       "first_seen_ms": k + i, "last_seen_ms": k + 2 * i} for i in range(count)],
    }


def main(path, reads):
    reader = teleop_shm.StateReader(path=path)
    counters = set()
    for _ in range(reads):
        state = reader.read()
        k = state["timestamp_ms"]
        got = {key: state[key] for key in expected(k)}
        if got != expected(k):
            print("TORN k=%d %r" % (k, state))
            return 1
        counters.add(state["update_counter"])
    print("reads=%d distinct=%d retries=%d" % (reads, len(counters), reader.retries))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
