#!/usr/bin/python3
"""Real peers for the network detector's live tests (Debian's python3-websockets, -socketio, -engineio,
-aiohttp, -dnspython). Each subcommand prints 'ready' once listening, and a last line 'sent N seconds S'
(clients) or 'received N' (servers, on SIGTERM). Everything binds to the address it is given."""
import argparse
import asyncio
import json
import math
import signal
import socket
import ssl
import struct
import sys
import time


def say(*words):
    print(*words, flush=True)


async def until_term(count=None):
    """Runs until SIGTERM, printing 'received N' whenever count()[0] changed (every 0.2 s)."""
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    last = None
    while not stop.done():
        if count is not None and count[0] != last:
            last = count[0]
            say("received", last)
        await asyncio.wait([stop], timeout=0.2)


async def paced(rate, seconds, step):
    """Calls step() at rate Hz for seconds, on a fixed schedule (no drift); returns (count, elapsed)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    n = 0
    while loop.time() - start < seconds:
        await step(n)
        n += 1
        await asyncio.sleep(max(0.0, start + n / rate - loop.time()))
    return n, loop.time() - start


def pose(n):
    t = n / 90.0
    return json.dumps({"type": "vr", "t": t, "left": {"pos": [0.2, 1.1 + 0.05 * math.sin(t), -0.3],
                       "quat": [0, 0, 0, 1], "trigger": 0.0, "grip": n % 2},
                       "right": {"pos": [-0.2, 1.1, -0.3 + 0.05 * math.cos(t)], "quat": [0, 0, 0, 1],
                       "trigger": 0.5, "grip": 0}})


async def vr_server(a):
    import websockets
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    received = [0]

    async def handler(ws, path=None):
        async for _ in ws:
            received[0] += 1

    async with websockets.serve(handler, a.host, a.port, ssl=ctx):
        say("ready")
        await until_term(received)


async def vr_client(a):
    import websockets
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    async with websockets.connect("wss://%s:%d/" % (a.host, a.port), ssl=ctx) as ws:
        n, elapsed = await paced(a.rate, a.seconds, lambda i: ws.send(pose(i)))
    say("sent", n, "seconds", round(elapsed, 3))


async def sio_server(a):
    import socketio
    from aiohttp import web
    sio = socketio.AsyncServer(async_mode="aiohttp", ping_interval=1, ping_timeout=5)
    app = web.Application()
    sio.attach(app)
    if a.dir != ".":
        # The operator's page (a browser loads it from the robot, as web_control's UI).
        app.router.add_static("/page", a.dir)
    received = [0]

    @sio.on("command")
    async def command(sid, data):
        received[0] += 1

    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, a.host, a.port).start()
    say("ready")
    await until_term(received)


async def sio_client(a):
    import socketio
    sio = socketio.AsyncClient()
    await sio.connect("http://%s:%d" % (a.host, a.port), transports=["websocket"])
    await sio.emit("status", {"hello": "robot"})
    n, elapsed = await paced(a.rate, a.seconds,
                             lambda i: sio.emit("command", {"x": 0.1, "theta": 0.05 * (i % 7), "seq": i}))
    await sio.disconnect()
    say("sent", n, "seconds", round(elapsed, 3))


async def udp_control(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if a.bind:
        s.bind((a.bind, 0))

    async def send(i):
        s.sendto(struct.pack("!Iffff", i, 0.1, 0.0, 0.05, 0.0) + b"\x00" * 16, (a.host, a.port))

    n, elapsed = await paced(a.rate, a.seconds, send)
    say("sent", n, "seconds", round(elapsed, 3))


async def udp_video(a):
    """Frame-shaped UDP: at --fps, one frame of --mbps/--fps bits in 1200-byte datagrams sent back to back."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if a.bind:
        s.bind((a.bind, 0))
    per_frame = max(1, int(a.mbps * 1e6 / 8 / a.fps / 1200))
    chunk = b"\x00" * 1188

    async def frame(i):
        for k in range(per_frame):
            s.sendto(struct.pack("!II", i, k) + b"\x00\x00\x00\x00" + chunk, (a.host, a.port))

    n, elapsed = await paced(a.fps, a.seconds, frame)
    say("sent", n * per_frame, "seconds", round(elapsed, 3))


async def udp_sink(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.host, a.port))
    s.setblocking(False)
    loop = asyncio.get_running_loop()
    received = [0]

    def readable():
        while True:
            try:
                s.recv(65536)
                received[0] += 1
            except BlockingIOError:
                return

    loop.add_reader(s.fileno(), readable)
    say("ready")
    await until_term(received)


async def relay(a):
    """A custom UDP video link: RTP in on localhost, re-framed (8-byte own header, no RTP) to the peer."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", a.listen))
    s.setblocking(False)
    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    out.bind((a.bind, 0))
    loop = asyncio.get_running_loop()
    sent = [0]

    def readable():
        while True:
            try:
                d = s.recv(65536)
            except BlockingIOError:
                return
            out.sendto(b"VID1" + struct.pack("!I", sent[0]) + d[12:], (a.host, a.port))
            sent[0] += 1

    loop.add_reader(s.fileno(), readable)
    say("ready")
    await until_term(sent)


async def dns_server(a):
    import dns.message
    import dns.rrset
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.host, a.port))
    s.setblocking(False)
    loop = asyncio.get_running_loop()
    answered = [0]

    def readable():
        while True:
            try:
                d, peer = s.recvfrom(4096)
            except BlockingIOError:
                return
            q = dns.message.from_wire(d)
            r = dns.message.make_response(q)
            r.answer.append(dns.rrset.from_text(q.question[0].name, 60, "IN", "A", "10.1.2.3"))
            s.sendto(r.to_wire(), peer)
            answered[0] += 1

    loop.add_reader(s.fileno(), readable)
    say("ready")
    await until_term(answered)


async def dns_client(a):
    import dns.message
    import dns.query

    async def query(i):
        q = dns.message.make_query("host%d.robot.lan" % (i % 50), "A")
        await loop.run_in_executor(None, lambda: dns.query.udp(q, a.host, port=a.port, timeout=2))

    loop = asyncio.get_running_loop()
    n, elapsed = await paced(a.rate, a.seconds, query)
    say("sent", n, "seconds", round(elapsed, 3))


async def ntp_server(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.host, a.port))
    s.setblocking(False)
    loop = asyncio.get_running_loop()
    answered = [0]

    def readable():
        while True:
            try:
                d, peer = s.recvfrom(512)
            except BlockingIOError:
                return
            now = time.time() + 2208988800
            secs, frac = int(now), int((now % 1) * 2**32)
            # mode 4 (server), stratum 2, the client's transmit time as origin
            reply = struct.pack("!BBbb11I", 0x24, 2, 6, -20, 0, 0, 0x7f000001, secs, frac, 0, 0, secs, frac, secs, frac)
            reply = reply[:24] + d[40:48] + reply[32:]
            s.sendto(reply, peer)
            answered[0] += 1

    loop.add_reader(s.fileno(), readable)
    say("ready")
    await until_term(answered)


async def ntp_client(a):
    import ntplib
    c = ntplib.NTPClient()
    loop = asyncio.get_running_loop()

    async def ask(i):
        await loop.run_in_executor(None, lambda: c.request(a.host, port=a.port, version=4, timeout=2))

    n, elapsed = await paced(a.rate, a.seconds, ask)
    say("sent", n, "seconds", round(elapsed, 3))


async def mdns(a):
    """An mDNS querier and responder on one link: a query every 1/rate s to 224.0.0.251:5353, answered."""
    import dns.message
    import dns.rrset
    group = ("224.0.0.251", 5353)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("", 5353))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group[0]) + socket.inet_aton(a.bind))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(a.bind))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
    s.setblocking(False)
    loop = asyncio.get_running_loop()

    def readable():
        while True:
            try:
                d, peer = s.recvfrom(9000)
            except BlockingIOError:
                return
            m = dns.message.from_wire(d)
            if not m.flags & dns.flags.QR and m.question and a.respond:
                r = dns.message.make_response(m)
                r.answer.append(dns.rrset.from_text(m.question[0].name, 120, "IN", "A", a.bind))
                s.sendto(r.to_wire(), group)

    loop.add_reader(s.fileno(), readable)
    say("ready")
    if a.rate <= 0:
        await until_term()
        return

    async def query(i):
        s.sendto(dns.message.make_query("_xlerobot%d._tcp.local" % (i % 5), "PTR").to_wire(), group)

    n, elapsed = await paced(a.rate, a.seconds, query)
    say("sent", n, "seconds", round(elapsed, 3))


async def echo_server(a):
    """Echoes every datagram, as a remote shell echoes typed keys (mosh: SSH-like, over UDP)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.host, a.port))
    s.setblocking(False)
    loop = asyncio.get_running_loop()
    echoed = [0]

    def readable():
        while True:
            try:
                d, peer = s.recvfrom(4096)
            except BlockingIOError:
                return
            s.sendto(d + b"\x1b[K", peer)
            echoed[0] += 1

    loop.add_reader(s.fileno(), readable)
    say("ready")
    await until_term(echoed)


async def typist(a):
    """Types at about rate keys/s with a human's irregular gaps, each key a datagram, reading the echo."""
    import random
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect((a.host, a.port))
    text = b"ls -la /var/log && tail -n 50 syslog | grep -i error\n" * 100
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < a.seconds:
        s.send(bytes([text[n % len(text)]]) + struct.pack("!I", n))
        s.recv(4096)
        n += 1
        time.sleep(random.expovariate(a.rate) if random.random() < 0.9 else random.uniform(0.3, 1.2))
    say("sent", n, "seconds", round(time.monotonic() - start, 3))


async def http_server(a):
    """Python's http.server with HTTP/1.1 keep-alive serving --dir (a download mirror, a status page, a
    video); counts requests. With --serve-mbps, bodies leave at that rate, as a video site paces a stream."""
    import functools
    import http.server
    import threading
    import time
    served = [0]

    class Handler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            served[0] += 1

        def copyfile(self, source, outputfile):
            if a.serve_mbps <= 0:
                return super().copyfile(source, outputfile)
            chunk = 16384
            while True:
                data = source.read(chunk)
                if not data:
                    return
                outputfile.write(data)
                time.sleep(len(data) * 8 / (a.serve_mbps * 1e6))

    server = http.server.ThreadingHTTPServer((a.host, a.port), functools.partial(Handler, directory=a.dir))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say("ready")
    await until_term(served)


async def http_poller(a):
    """GETs --path at rate Hz on one keep-alive connection, as a dashboard or a status script polls."""
    import http.client
    conn = http.client.HTTPConnection(a.host, a.port, timeout=10)
    got = [0]

    async def get(i):
        conn.request("GET", a.path)
        r = conn.getresponse()
        got[0] += len(r.read())

    n, elapsed = await paced(a.rate, a.seconds, get)
    conn.close()
    say("got", got[0])
    say("sent", n, "seconds", round(elapsed, 3))


def ssh_session(a):
    """Runs --ssh (a real ssh client with -tt, so the robot's end is a pty) and types into it like a person:
    keys about rate/s with irregular gaps and pauses, a held key auto-repeating at 30/s, Enter; reads the
    echo and output. With rate 0 it only reads (a 'top' refreshing), then sends 'q'. Prints 'read N' (bytes)
    and 'sent N seconds S' (keys)."""
    import random
    import shlex
    import subprocess
    import threading
    child = subprocess.Popen(shlex.split(a.ssh), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, bufsize=0)
    read = [0]

    def reader():
        while True:
            d = child.stdout.read(4096)
            if not d:
                return
            read[0] += len(d)

    threading.Thread(target=reader, daemon=True).start()
    time.sleep(1.0)
    lines = [b"uptime", b"ls -la /var/log", b"df -h /", b"cat /proc/loadavg", b"free -m", b"ps aux | head -n 5"]
    start = time.monotonic()
    n = 0
    line = 0
    while a.rate > 0 and time.monotonic() - start < a.seconds:
        for key in lines[line % len(lines)] + b"\n":
            child.stdin.write(bytes([key]))
            n += 1
            time.sleep(random.expovariate(a.rate) if random.random() < 0.9 else random.uniform(0.3, 1.2))
        line += 1
        if line % 3 == 0:
            # A held key: the keyboard's auto-repeat is steady, 30 keys/s, then backspace as steady.
            for key in [b"x"] * 30 + [b"\x7f"] * 30:
                child.stdin.write(key)
                n += 1
                time.sleep(1 / 30)
    if a.rate == 0:
        time.sleep(a.seconds)
        child.stdin.write(b"q")
    else:
        child.stdin.write(b"exit\n")
    elapsed = time.monotonic() - start
    try:
        child.stdin.close()
        code = child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        code = -1
    say("read", read[0])
    say("sent", n, "seconds", round(elapsed, 3))
    return 0 if code in (0, 255) and read[0] > 0 else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--bind", default="")
    p.add_argument("--listen", type=int, default=0)
    p.add_argument("--rate", type=float, default=10)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--respond", action="store_true")
    p.add_argument("--fps", type=float, default=30)
    p.add_argument("--mbps", type=float, default=2)
    p.add_argument("--dir", default=".")
    p.add_argument("--serve-mbps", type=float, default=0)
    p.add_argument("--path", default="/")
    p.add_argument("--ssh", default="")
    a = p.parse_args()
    commands = {"vr-server": vr_server, "vr-client": vr_client, "sio-server": sio_server, "sio-client": sio_client,
                "udp-control": udp_control, "udp-video": udp_video, "udp-sink": udp_sink, "relay": relay, "dns-server": dns_server,
                "dns-client": dns_client, "ntp-server": ntp_server, "ntp-client": ntp_client, "mdns": mdns,
                "echo-server": echo_server, "typist": typist, "http-server": http_server,
                "http-poller": http_poller}
    if a.command == "ssh-session":
        return ssh_session(a)
    asyncio.run(commands[a.command](a))


if __name__ == "__main__":
    sys.exit(main())
