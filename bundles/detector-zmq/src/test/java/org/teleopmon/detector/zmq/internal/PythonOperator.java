package org.teleopmon.detector.zmq.internal;

/**
 * A LeKiwi operator on libzmq (Debian's pyzmq under /usr/bin/python3), as lerobot's client writes it:
 * arguments command port, observation port, commands to send (at 30 Hz, for at most 20 s); prints the
 * count it sent and exits, closing its sockets.
 */
final class PythonOperator {

    private PythonOperator() {
    }

    static final String SCRIPT = """
            import json, sys, time, zmq
            cmd_port, obs_port, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
            ctx = zmq.Context()
            push = ctx.socket(zmq.PUSH)
            push.setsockopt(zmq.IMMEDIATE, 1)
            push.connect(f"tcp://127.0.0.1:{cmd_port}")
            pull = ctx.socket(zmq.PULL)
            pull.setsockopt(zmq.RCVHWM, 2)
            pull.connect(f"tcp://127.0.0.1:{obs_port}")
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
