"""A LeKiwi teleoperation session over libzmq (Debian's python3-zmq): the robot (host) binds PULL for
commands and PUSH for observations, as lerobot's LeKiwi host does; the operator (client) connects and
sends the real action keys at 30 Hz while draining observations (two JPEG-sized cameras, base64).
Arguments: command port, observation port, seconds[, operator id[, stall at s, stall for s]]."""
import base64, json, sys, time, zmq

cmd_port, obs_port, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
operator_id = sys.argv[4] if len(sys.argv) > 4 else "alice"
# optional: the operator's commands stop for stall_for seconds, stall_at seconds in (a WiFi stall)
stall_at = float(sys.argv[5]) if len(sys.argv) > 5 else -1.0
stall_for = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
keys = [f"arm_{j}.pos" for j in ("shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper")]
jpeg = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(i * 131 >> 3 & 0xff for i in range(20000)) + b"\xff\xd9").decode()

ctx = zmq.Context()
host_cmd = ctx.socket(zmq.PULL)
host_cmd.bind(f"tcp://127.0.0.1:{cmd_port}")
host_obs = ctx.socket(zmq.PUSH)
host_obs.setsockopt(zmq.SNDHWM, 10)
host_obs.bind(f"tcp://127.0.0.1:{obs_port}")
client_cmd = ctx.socket(zmq.PUSH)
client_cmd.connect(f"tcp://127.0.0.1:{cmd_port}")
client_obs = ctx.socket(zmq.PULL)
client_obs.setsockopt(zmq.RCVHWM, 2)
client_obs.connect(f"tcp://127.0.0.1:{obs_port}")

sent = received = 0
start = time.time()
end = start + seconds
while time.time() < end:
    action = {k: 0.0 for k in keys}
    action.update({"x.vel": 0.1, "y.vel": 0.0, "theta.vel": 0.0, "operator_id": operator_id})
    stalled = 0 <= stall_at <= time.time() - start < stall_at + stall_for
    if not stalled:
        client_cmd.send_string(json.dumps(action))
        sent += 1
    try:
        while True:
            host_cmd.recv(zmq.NOBLOCK)
            received += 1
    except zmq.Again:
        pass
    observation = {k: 0.0 for k in keys}
    observation.update({"x.vel": 0.0, "y.vel": 0.0, "theta.vel": 0.0, "front": jpeg, "wrist": jpeg})
    try:
        host_obs.send_string(json.dumps(observation), zmq.NOBLOCK)
    except zmq.Again:
        pass
    try:
        while True:
            client_obs.recv(zmq.NOBLOCK)
    except zmq.Again:
        pass
    time.sleep(1 / 30)
# the operator leaves first, as a real one does; the host notices after
for s in (client_cmd, client_obs):
    s.close(linger=0)
time.sleep(0.3)
for s in (host_cmd, host_obs):
    s.close(linger=0)
ctx.term()
print(sent, received)
