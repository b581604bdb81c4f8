package org.teleopmon.sockets.internal;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

import org.teleopmon.api.sockets.Protocol;

/**
 * Records the reply fixtures of the decoder tests from this machine's kernel: opens sockets whose facts it
 * knows (ports, states, bytes and writes on each side), dumps them through netlink, and writes each dump's
 * raw datagrams ({@link RawDump}) and the facts ({@code fixtures.properties}) into the given directory.
 * The facts come from what the recorder did, not from decoding, so the tests check the decoder against the
 * kernel. Run (after {@code benchmarks/run}'s build or any test-compile with the class path file):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/benchmark.classpath) \
 *     org.teleopmon.sockets.internal.FixtureRecorder src/test/resources/fixtures
 * </pre>
 */
public final class FixtureRecorder {

    private final Path directory;
    private final Properties facts = new Properties();

    private FixtureRecorder(Path directory) {
        this.directory = directory;
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : "src/test/resources/fixtures");
        Files.createDirectories(directory);
        FixtureRecorder recorder = new FixtureRecorder(directory);
        recorder.facts.setProperty("kernel", System.getProperty("os.version"));
        recorder.facts.setProperty("uid", uid());
        try (NetlinkSocket socket = new NetlinkSocket(1.0)) {
            recorder.tcp(socket, "tcp-v4", StandardProtocolFamily.INET, InetAddress.getByName("127.0.0.1"),
                    DiagRequest.AF_INET);
            recorder.tcp(socket, "tcp-v6", StandardProtocolFamily.INET6, InetAddress.getByName("::1"),
                    DiagRequest.AF_INET6);
            recorder.dualStack(socket);
            recorder.udp(socket);
            recorder.refused(socket);
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve("fixtures.properties"))) {
            recorder.facts.store(out, "Facts of the recorded sock_diag replies (FixtureRecorder)");
        }
    }

    /**
     * A listener; a connection carrying 1000 bytes up in one write and 2 x 300 bytes down in two; a second
     * connection whose client has closed (server end in CLOSE_WAIT, client end in FIN_WAIT2).
     */
    private void tcp(NetlinkSocket socket, String name, ProtocolFamily family, InetAddress loopback, int af)
            throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(family)) {
            server.bind(new InetSocketAddress(loopback, 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (SocketChannel client = SocketChannel.open(family);
                    SocketChannel closing = SocketChannel.open(family)) {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                client.connect(server.getLocalAddress());
                try (SocketChannel accepted = server.accept()) {
                    accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    write(client, 1000);
                    read(accepted, 1000);
                    write(accepted, 300);
                    read(client, 300);
                    write(accepted, 300);
                    read(client, 300);
                    closing.connect(server.getLocalAddress());
                    try (SocketChannel acceptedClosing = server.accept()) {
                        closing.shutdownOutput();
                        Thread.sleep(100); // the last ACKs
                        set(name, "port", port);
                        set(name, "client.port", local(client));
                        set(name, "closing.port", local(closing));
                        set(name, "address", loopback.getHostAddress());
                        save(name, RawDump.record(socket, 100, Protocol.TCP, af,
                                PortFilter.compile(Set.of(port), Set.of(port))));
                    }
                }
            }
        }
    }

    /** A dual-stack (AF_INET6) listener reached over IPv4: the kernel reports IPv4-mapped addresses. */
    private void dualStack(NetlinkSocket socket) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
            server.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
                client.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
                try (SocketChannel accepted = server.accept()) {
                    Thread.sleep(50);
                    set("tcp-dualstack", "port", port);
                    set("tcp-dualstack", "client.port", local(client));
                    save("tcp-dualstack", RawDump.record(socket, 200, Protocol.TCP, DiagRequest.AF_INET6,
                            PortFilter.compile(Set.of(port), Set.of())));
                }
            }
        }
    }

    /** A bound UDP socket and a connected one that sent it 3 datagrams. */
    private void udp(NetlinkSocket socket) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DatagramChannel bound = DatagramChannel.open(StandardProtocolFamily.INET);
                DatagramChannel connected = DatagramChannel.open(StandardProtocolFamily.INET)) {
            bound.bind(new InetSocketAddress(loopback, 0));
            connected.connect(bound.getLocalAddress());
            for (int i = 0; i < 3; i++) {
                connected.write(ByteBuffer.allocate(100));
            }
            int port = ((InetSocketAddress) bound.getLocalAddress()).getPort();
            set("udp-v4", "port", port);
            set("udp-v4", "client.port", ((InetSocketAddress) connected.getLocalAddress()).getPort());
            set("udp-v4", "queued", 3);
            save("udp-v4", RawDump.record(socket, 300, Protocol.UDP, DiagRequest.AF_INET,
                    PortFilter.compile(Set.of(port), Set.of(port))));
        }
    }

    /** A request for a protocol no diag module serves: the kernel's error reply. */
    private void refused(NetlinkSocket socket) throws Exception {
        socket.send(DiagRequest.encode(socket.request(), 400, DiagRequest.AF_INET, 254, new byte[0]));
        int length = socket.receive();
        byte[] copy = new byte[length];
        socket.reply().get(0, copy);
        save("refused", new RawDump(400, java.util.List.of(copy)));
    }

    private static void write(SocketChannel channel, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void read(SocketChannel channel, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("closed early");
            }
        }
    }

    private static int local(SocketChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void set(String fixture, String key, Object value) {
        facts.setProperty(fixture + "." + key, String.valueOf(value));
    }

    private void save(String name, RawDump dump) throws IOException {
        Files.write(directory.resolve(name + ".bin"), dump.toBytes());
        System.out.println(name + ": " + dump.datagrams().size() + " datagrams");
    }

    private static String uid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[1];
            }
        }
        throw new IOException("no Uid in /proc/self/status");
    }
}
