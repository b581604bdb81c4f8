-- Version 1: sessions, their operators and quality, and the alerts joined to them.
-- Times are epoch milliseconds UTC. docs/ledger.md explains every column.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    started_ms     INTEGER NOT NULL,
    ended_ms       INTEGER,
    duration_s     REAL    NOT NULL,
    robot_type     TEXT    NOT NULL,
    end_reason     TEXT CHECK (end_reason IN ('idle', 'connection_closed', 'monitor_stopped', 'monitor_crashed')),
    end_kind       TEXT,
    end_detail     TEXT,
    max_confidence INTEGER NOT NULL,
    detectors      TEXT    NOT NULL,
    heartbeat_ms   INTEGER NOT NULL
);
CREATE INDEX sessions_by_start ON sessions (started_ms);

CREATE TABLE session_operators (
    session_id    TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    operator_id   TEXT    NOT NULL,
    operator_name TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    detail        TEXT    NOT NULL,
    first_ms      INTEGER NOT NULL,
    last_ms       INTEGER NOT NULL,
    PRIMARY KEY (session_id, operator_id)
);
CREATE INDEX session_operators_by_operator ON session_operators (operator_id);

CREATE TABLE session_quality (
    session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    metric     TEXT    NOT NULL,
    mean       REAL,
    min        REAL,
    max        REAL,
    p95        REAL,
    samples    INTEGER NOT NULL,
    PRIMARY KEY (session_id, metric)
);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    session_id TEXT,
    at_ms      INTEGER NOT NULL,
    rule       TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    severity   TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    event      TEXT    NOT NULL,
    value      REAL,
    threshold  REAL,
    message    TEXT    NOT NULL,
    UNIQUE (at_ms, rule, subject, status)
);
CREATE INDEX alerts_by_session ON alerts (session_id);
CREATE INDEX alerts_by_time ON alerts (at_ms);
