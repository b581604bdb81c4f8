# An NTP server on a random 127.0.0.1 port answering mode-3 requests with mode-4 replies, and an
# ntplib client (Debian python3-ntplib) asking it N times. Prints {"port", "requests", "responses"}.
import json, socket, struct, sys, threading, time
import ntplib

NTP_EPOCH_OFFSET = 2208988800
count = int(sys.argv[1])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(('127.0.0.1', 0))
port = server.getsockname()[1]

def timestamp():
    now = time.time() + NTP_EPOCH_OFFSET
    return struct.pack('!II', int(now), int((now % 1) * 2**32))

def serve():
    while True:
        data, peer = server.recvfrom(512)
        received = timestamp()
        version = (data[0] >> 3) & 7
        header = struct.pack('!BBbbIII', (version << 3) | 4, 2, 4, -20, 0, 0, 0x7f000001)
        # reference, origin (the client's transmit time), receive and transmit timestamps
        server.sendto(header + received + data[40:48] + received + timestamp(), peer)

threading.Thread(target=serve, daemon=True).start()
client = ntplib.NTPClient()
answered = 0
for i in range(count):
    stats = client.request('127.0.0.1', version=4, port=port, timeout=3)
    answered += 1 if stats.stratum == 2 else 0
print(json.dumps({'port': port, 'requests': count, 'responses': answered}), flush=True)
