#!/usr/bin/env python3
"""Read Teleop Monitor's usage ledger without Java: standard library only (sqlite3).

    python3 teleop_ledger.py data/ledger/usage.db usage --by operator        # totals, as JSON
    python3 teleop_ledger.py data/ledger/usage.db usage --by day --since 2026-12-01
    python3 teleop_ledger.py data/ledger/usage.db sessions --limit 20        # newest first, as JSON

From Python:

    from teleop_ledger import Ledger
    with Ledger("data/ledger/usage.db") as ledger:
        for total in ledger.usage(by="operator"):
            print(total["label"], total["sessions"], total["time"])

The file may be read while the monitor writes it (SQLite WAL): the reader opens it read-only and sees
the last committed heartbeat. The layout (tables, columns, versions) is documented in docs/ledger.md
of the Teleop Monitor repository; the totals are the ones /usage answers, in the same units (seconds,
epoch seconds).
"""
import argparse
import datetime
import json
import sqlite3
import sys

LAYOUT_VERSION = 2
GROUPS = {
    "operator": ("COALESCE(o.operator_id, '')", "COALESCE(o.operator_name, 'unknown')",
                 "sessions s LEFT JOIN session_operators o ON o.session_id = s.id"),
    "day": ("strftime('%Y-%m-%d', s.started_ms / 1000, 'unixepoch')",
            "strftime('%Y-%m-%d', s.started_ms / 1000, 'unixepoch')", "sessions s"),
    "robot": ("s.robot_id", "s.robot_type", "sessions s"),
}
MIN_MS, MAX_MS = -(2 ** 63), 2 ** 63 - 1


class LedgerError(Exception):
    """The file cannot be read as a ledger: the message says why and what to do."""


class Ledger:
    def __init__(self, path):
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as e:
            raise LedgerError(f"cannot read the usage ledger {path}: {e}; check the path and read permission") from e
        if version == 0:
            raise LedgerError(f"{path} is not a usage ledger (no layout version); is the monitor's ledger running?")
        if version > LAYOUT_VERSION:
            raise LedgerError(f"{path} has layout {version}, newer than this reader's {LAYOUT_VERSION}: "
                              "use teleop_ledger.py of the same release as the monitor")
        self.db.row_factory = sqlite3.Row

    def close(self):
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def usage(self, by="operator", since=None, until=None):
        """Totals of the sessions started in [since, until) (datetimes or epoch seconds), as /usage."""
        if by not in GROUPS:
            raise ValueError(f"by must be one of {sorted(GROUPS)}, not {by!r}")
        key, label, source = GROUPS[by]
        bounds = (_ms(since, MIN_MS), _ms(until, MAX_MS))
        quality = {}
        for row in self.db.execute(
                f"SELECT {key} AS k, q.metric AS metric, TOTAL(q.mean * q.samples) / TOTAL(q.samples) AS mean "
                f"FROM {source} JOIN session_quality q ON q.session_id = s.id "
                "WHERE s.started_ms >= ? AND s.started_ms < ? AND q.samples > 0 AND q.mean IS NOT NULL "
                "GROUP BY k, q.metric", bounds):
            quality.setdefault(row["k"], {})[row["metric"]] = row["mean"]
        order = "k" if by == "day" else "seconds DESC, k"
        return [{"key": row["k"], "label": row["label"], "sessions": row["n"],
                 "time": round(row["seconds"], 3), "quality": dict(sorted(quality.get(row["k"], {}).items()))}
                for row in self.db.execute(
                    f"SELECT {key} AS k, {label} AS label, MAX(s.started_ms) AS latest, COUNT(*) AS n, "
                    f"TOTAL(s.duration_s) AS seconds FROM {source} WHERE s.started_ms >= ? AND s.started_ms < ? "
                    f"GROUP BY k ORDER BY {order}", bounds)]

    def sessions(self, limit=50):
        """The newest sessions, the running one included (its end_time is None), with their operators."""
        rows = self.db.execute("SELECT * FROM sessions ORDER BY started_ms DESC, id DESC LIMIT ?", (limit,)).fetchall()
        result = []
        for row in rows:
            operators = [{"id": o["operator_id"], "name": o["operator_name"], "source": o["source"],
                          "first_seen": o["first_ms"] / 1000.0, "last_seen": o["last_ms"] / 1000.0}
                         for o in self.db.execute("SELECT * FROM session_operators WHERE session_id = ? "
                                                  "ORDER BY first_ms", (row["id"],))]
            quality = {q["metric"]: {"mean": q["mean"], "min": q["min"], "max": q["max"], "p95": q["p95"],
                                     "samples": q["samples"]}
                       for q in self.db.execute("SELECT * FROM session_quality WHERE session_id = ? ORDER BY metric",
                                                (row["id"],))}
            result.append({
                "id": row["id"], "start_time": row["started_ms"] / 1000.0,
                "end_time": None if row["ended_ms"] is None else row["ended_ms"] / 1000.0,
                "duration": row["duration_s"], "is_active": row["ended_ms"] is None,
                "robot_type": row["robot_type"], "robot_id": row["robot_id"], "end_class": row["end_reason"],
                "end_reason": row["end_kind"], "end_detail": row["end_detail"],
                "max_confidence": row["max_confidence"], "operators": operators, "quality": quality})
        return result


def _ms(value, default):
    if value is None:
        return default
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.timezone.utc)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return int(value.timestamp() * 1000)
    return int(float(value) * 1000)


def _when(text):
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"epoch seconds, 2026-12-07 or 2026-12-07T13:00:00Z, not {text!r}")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Read Teleop Monitor's usage ledger (SQLite).")
    parser.add_argument("path", help="the ledger file, data/ledger/usage.db under the monitor's Karaf home")
    sub = parser.add_subparsers(dest="command", required=True)
    usage = sub.add_parser("usage", help="totals per operator, UTC day or robot")
    usage.add_argument("--by", choices=sorted(GROUPS), default="operator")
    usage.add_argument("--since", type=_when, help="sessions started at or after this")
    usage.add_argument("--until", type=_when, help="sessions started before this")
    sessions = sub.add_parser("sessions", help="the newest sessions")
    sessions.add_argument("--limit", type=int, default=50)
    args = parser.parse_args(argv)
    try:
        with Ledger(args.path) as ledger:
            if args.command == "usage":
                result = ledger.usage(args.by, args.since, args.until)
            else:
                result = ledger.sessions(args.limit)
    except LedgerError as e:
        print(f"teleop_ledger: {e}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
