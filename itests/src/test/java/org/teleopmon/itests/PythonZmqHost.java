package org.teleopmon.itests;

/**
 * A LeKiwi host on libzmq (Debian's pyzmq, run with /usr/bin/python3), as lerobot's {@code lekiwi_host}:
 * PULL commands, PUSH observations at 30 Hz, and exit after {@code connection_time_s} whatever the client
 * still sends. Prints {@code received <commands>} and {@code closing <epoch ns>} before closing its sockets.
 * Arguments: command port, observation port, connection_time_s, and optionally camera pauses as
 * {@code at:ms,...}: at {@code at} seconds after the start the next observation comes {@code ms}
 * milliseconds after the previous one; each prints {@code frame_gap <ms> <measured ms>}.
 */
final class PythonZmqHost {

    private PythonZmqHost() {
    }

    static final String SCRIPT = """
            import json, sys, time, zmq
            cmd_port, obs_port, connection_time_s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
            pauses = [tuple(float(x) for x in p.split(":")) for p in sys.argv[4].split(",")] \
                if len(sys.argv) > 4 and sys.argv[4] else []
            ctx = zmq.Context()
            pull = ctx.socket(zmq.PULL)
            pull.setsockopt(zmq.CONFLATE, 1)
            pull.bind(f"tcp://127.0.0.1:{cmd_port}")
            push = ctx.socket(zmq.PUSH)
            push.setsockopt(zmq.CONFLATE, 1)
            push.bind(f"tcp://127.0.0.1:{obs_port}")
            print("listening", flush=True)
            received = 0
            last = None
            paused_until = 0
            pending = None
            start = time.perf_counter()
            while time.perf_counter() - start < connection_time_s:
                if pauses and last is not None and time.perf_counter() - start >= pauses[0][0]:
                    pending = pauses.pop(0)[1]
                    paused_until = last + pending * 1e6
                try:
                    while True:
                        pull.recv_string(zmq.NOBLOCK)
                        received += 1
                except zmq.Again:
                    pass
                if time.time_ns() >= paused_until:
                    try:
                        push.send_string(json.dumps({"x.vel": 0.0, "y.vel": 0.0, "theta.vel": 0.0}), zmq.NOBLOCK)
                        now = time.time_ns()
                        if pending is not None:
                            print("frame_gap", int(pending), (now - last) / 1e6, flush=True)
                            pending = None
                        last = now
                    except zmq.Again:
                        pass
                time.sleep(max(0.0, min(1 / 30, (paused_until - time.time_ns()) / 1e9)) if time.time_ns() < paused_until
                           else 1 / 30)
            print("received", received, flush=True)
            print("closing", time.time_ns(), flush=True)
            pull.close(linger=0)
            push.close(linger=0)
            ctx.term()
            """;
}
