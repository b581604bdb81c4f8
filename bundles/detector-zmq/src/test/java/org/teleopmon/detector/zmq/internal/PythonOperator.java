package org.teleopmon.detector.zmq.internal;

import java.util.List;

import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;

/**
 * A LeKiwi operator on libzmq (Debian's pyzmq under /usr/bin/python3), as lerobot's client writes it:
 * arguments command port, observation port, commands to send (at 30 Hz, for at most 20 s) and optionally the
 * robot's address (127.0.0.1); prints the count it sent and exits, closing its sockets.
 */
final class PythonOperator {

    private PythonOperator() {
    }

    /** Starts the operator (in {@code ns}, or here when null) against the robot at {@code host}. */
    static ChildProcess start(NetNs ns, String host, int commandPort, int observationPort, int commands) {
        return ChildProcess.start("python-operator", NetNs.command(ns, List.of(Prerequisite.PYTHON3, "-c", SCRIPT,
                Integer.toString(commandPort), Integer.toString(observationPort), Integer.toString(commands), host)),
                null);
    }

    static final String SCRIPT = """
            import json, sys, time, zmq
            cmd_port, obs_port, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
            host = sys.argv[4] if len(sys.argv) > 4 else "127.0.0.1"
            ctx = zmq.Context()
            push = ctx.socket(zmq.PUSH)
            push.setsockopt(zmq.IMMEDIATE, 1)
            push.connect(f"tcp://{host}:{cmd_port}")
            pull = ctx.socket(zmq.PULL)
            pull.setsockopt(zmq.RCVHWM, 2)
            pull.connect(f"tcp://{host}:{obs_port}")
            keys = [f"arm_{j}.pos" for j in ("shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex",
                                               "wrist_roll", "gripper")] + ["x.vel", "y.vel", "theta.vel"]
            sent = 0
            deadline = time.time() + 20
            while sent < count and time.time() < deadline:
                action = {k: 0.0 for k in keys}
                action["x.vel"] = 0.1
                action["operator_id"] = "alice"
                try:
                    push.send_string(json.dumps(action), zmq.NOBLOCK)
                    sent += 1
                except zmq.Again:
                    pass
                try:
                    while True:
                        pull.recv(zmq.NOBLOCK)
                except zmq.Again:
                    pass
                time.sleep(1 / 30)
            push.close(linger=2000)
            pull.close(linger=0)
            ctx.term()
            print(sent)
            """;
}
