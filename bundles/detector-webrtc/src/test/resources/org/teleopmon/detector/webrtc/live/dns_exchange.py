# A DNS responder on a random 127.0.0.1 port and a dnspython client querying it N times (Debian
# python3-dnspython). Prints {"port", "requests", "responses"} as JSON.
import json, socket, sys, threading
import dns.message, dns.query, dns.rrset

count = int(sys.argv[1])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(('127.0.0.1', 0))
port = server.getsockname()[1]

def serve():
    while True:
        data, peer = server.recvfrom(4096)
        query = dns.message.from_wire(data)
        reply = dns.message.make_response(query)
        reply.answer.append(dns.rrset.from_text(query.question[0].name, 60, 'IN', 'A', '127.0.0.1'))
        server.sendto(reply.to_wire(), peer)

threading.Thread(target=serve, daemon=True).start()
answered = 0
for i in range(count):
    reply = dns.query.udp(dns.message.make_query('robot%d.example.' % i, 'A'), '127.0.0.1', port=port, timeout=3)
    answered += 1 if reply.answer else 0
print(json.dumps({'port': port, 'requests': count, 'responses': answered}), flush=True)
