-- Version 2: the robot's id (the host name until a site-wide robot id exists), the last heartbeat at
-- which a detector still saw teleoperation (where a crashed session is closed), and command stalls.
ALTER TABLE sessions ADD COLUMN robot_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN active_ms INTEGER;
ALTER TABLE sessions ADD COLUMN stall_count INTEGER;
ALTER TABLE sessions ADD COLUMN stall_worst_ms REAL;
UPDATE sessions SET active_ms = heartbeat_ms;
CREATE INDEX sessions_by_robot ON sessions (robot_id);
