package org.teleopmon.itests;

/**
 * A LeKiwi operator on libzmq (Debian's pyzmq, run with /usr/bin/python3), as lerobot's client: PUSH
 * commands at 30 Hz for the given seconds while draining observations, then it prints
 * {@code sent <commands> <seconds>} and {@code closing <epoch ns>} and closes its sockets.
 * Arguments: command port, observation port, seconds, and optionally pauses as {@code at:ms,...}: at
 * {@code at} seconds after the start the next command comes {@code ms} milliseconds after the previous
 * one (a command stall, as Wi-Fi makes them); each prints {@code gap <ms> <measured ms> <before ns> <after ns>},
 * the measured gap between the two sends.
 */
final class PythonZmqOperator {

    private PythonZmqOperator() {
    }

    static final String SCRIPT = """
            import json, sys, time, zmq
            cmd_port, obs_port, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
            pauses = [tuple(float(x) for x in p.split(":")) for p in sys.argv[4].split(",")] \
                if len(sys.argv) > 4 and sys.argv[4] else []
            ctx = zmq.Context()
            push = ctx.socket(zmq.PUSH)
            push.connect(f"tcp://127.0.0.1:{cmd_port}")
            pull = ctx.socket(zmq.PULL)
            pull.setsockopt(zmq.RCVHWM, 2)
            pull.connect(f"tcp://127.0.0.1:{obs_port}")
            keys = [f"arm_{j}.pos" for j in ("shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex",
                                               "wrist_roll", "gripper")] + ["x.vel", "y.vel", "theta.vel"]
            action = {k: 0.0 for k in keys}
            start = time.time()
            end = start + seconds
            sent = 0
            last = None
            while time.time() < end:
                gap = None
                if pauses and last is not None and time.time() - start >= pauses[0][0]:
                    gap = pauses.pop(0)[1]
                    while time.time_ns() < last + gap * 1e6:
                        time.sleep(max(0.0, (last + gap * 1e6 - time.time_ns()) / 1e9))
                push.send_string(json.dumps(action))
                now = time.time_ns()
                if gap is not None:
                    print("gap", int(gap), (now - last) / 1e6, last, now, flush=True)
                last = now
                sent += 1
                try:
                    while True:
                        pull.recv(zmq.NOBLOCK)
                except zmq.Again:
                    pass
                time.sleep(1 / 30)
            print("sent", sent, time.time() - start, flush=True)
            time.sleep(0.05)
            print("closing", time.time_ns(), flush=True)
            push.close(linger=0)
            pull.close(linger=0)
            ctx.term()
            """;
}
