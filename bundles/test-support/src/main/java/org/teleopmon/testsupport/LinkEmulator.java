package org.teleopmon.testsupport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A slow, lossy link between the JVM's own network namespace and a private one ({@link #peer()}), for live
 * tests that need a real round trip where loopback has microseconds: this kernel has neither {@code netem}
 * nor {@code fq}. Each side has a TUN device ({@code /dev/net/tun}, MTU 1500) with a point-to-point address
 * ({@link #localAddress()} here, {@link #peerAddress()} in the namespace); a relay in this JVM reads every IP
 * packet from one device and writes it into the other after the direction's {@link Shape}: one-way delay,
 * uniform jitter, random loss. Packets leave in arrival order (departure = max(previous departure, arrival +
 * delay + jitter)) so jitter never reorders TCP segments, which TCP would count as spurious retransmissions;
 * the jitter is drawn every 10 ms rather than per packet, so a burst keeps the configured mean delay.
 * <p>
 * The relay is Java (JNA), not a Python child: a TUN file descriptor stays in the namespace it was opened in,
 * so the namespace's device is opened on {@link NetNs#call}'s thread (which has done {@code setns}) and this
 * namespace's on the caller's; errors surface as exceptions in the test, and the devices vanish with the file
 * descriptors (non-persistent TUN), even if the JVM dies. {@link #close()} stops the relay, closes both
 * devices and deletes the namespace, also after a failed start. Needs root, iproute2 and {@code /dev/net/tun}
 * ({@link Prerequisite#ROOT}, {@link Prerequisite#IPROUTE2}, {@link Prerequisite#TUN}).
 */
public final class LinkEmulator implements AutoCloseable {

    /**
     * What one direction of the link does to each packet.
     *
     * @param delay       one-way delay
     * @param jitter      the delay varies uniformly within ± this (never below zero), a new draw every 10 ms
     * @param lossPercent share of packets dropped at random, 0..100
     */
    public record Shape(Duration delay, Duration jitter, double lossPercent) {

        public Shape {
            if (delay.isNegative() || jitter.isNegative() || lossPercent < 0 || lossPercent > 100) {
                throw new IllegalArgumentException("delay and jitter >= 0, loss 0..100 %: " + delay + ", " + jitter
                        + ", " + lossPercent);
            }
        }

        /** One direction of a link whose round trip is {@code rtt} ± {@code rttJitter}: half of each. */
        public static Shape halfOf(Duration rtt, Duration rttJitter, double lossPercent) {
            return new Shape(rtt.dividedBy(2), rttJitter.dividedBy(2), lossPercent);
        }
    }

    /**
     * What one direction did so far.
     *
     * @param forwarded   packets relayed
     * @param dropped     packets dropped (the configured loss)
     * @param meanDelayMs the mean delay the relay scheduled (configured delay and jitter, and waits behind an
     *                    earlier packet to keep the order)
     * @param meanLateMs  how late after its scheduled departure the relay wrote a packet, on average (this
     *                    machine's scheduling: the link is slower than configured by this much)
     */
    public record Counts(long forwarded, long dropped, double meanDelayMs, double meanLateMs) {
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int O_RDWR_CLOEXEC = 02 | 02000000;
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFNAMSIZ = 16;
    private static final int MTU = 1500;

    private final NetNs peer;
    private final int index = SEQUENCE.incrementAndGet();
    private final String localDevice = "tm" + ProcessHandle.current().pid() + "a" + index;
    private final String peerDevice = "tm" + ProcessHandle.current().pid() + "b" + index;
    private final InetAddress localAddress;
    private final InetAddress peerAddress;
    private final List<Relay> relays = new ArrayList<>();
    private int localFd = -1;
    private int peerFd = -1;

    private LinkEmulator(NetNs peer) {
        this.peer = peer;
        // 100.64.0.0/10 (shared address space) never clashes with a real LAN; pid and sequence keep
        // concurrent builds' links apart.
        long pid = ProcessHandle.current().pid();
        int base = 4 * (index % 64);
        byte[] net = {100, (byte) (64 + (pid >> 8) % 64), (byte) pid, (byte) (base + 1)};
        localAddress = address(net);
        net[3] = (byte) (base + 2);
        peerAddress = address(net);
    }

    /**
     * Opens a link to a new private namespace; {@code toPeer} shapes packets from this namespace to the
     * peer, {@code fromPeer} the way back.
     */
    public static LinkEmulator start(Shape toPeer, Shape fromPeer) {
        Prerequisites.require(Prerequisite.ROOT, Prerequisite.IPROUTE2, Prerequisite.TUN);
        LinkEmulator link = new LinkEmulator(NetNs.create());
        try {
            link.bringUp(toPeer, fromPeer);
            return link;
        } catch (RuntimeException | Error e) {
            link.close();
            throw e;
        }
    }

    private void bringUp(Shape toPeer, Shape fromPeer) {
        localFd = openTun(localDevice);
        peerFd = peer.call(() -> openTun(peerDevice));
        ipOrFail(List.of("ip", "link", "set", localDevice, "mtu", Integer.toString(MTU), "up"));
        ipOrFail(List.of("ip", "addr", "add", localAddress.getHostAddress(), "peer",
                peerAddress.getHostAddress() + "/32", "dev", localDevice));
        ipOrFail(List.of("ip", "-n", peer.name(), "link", "set", peerDevice, "mtu", Integer.toString(MTU), "up"));
        ipOrFail(List.of("ip", "-n", peer.name(), "addr", "add", peerAddress.getHostAddress(), "peer",
                localAddress.getHostAddress() + "/32", "dev", peerDevice));
        relays.add(new Relay("to-" + peer.name(), localFd, peerFd, toPeer, index * 2L));
        relays.add(new Relay("from-" + peer.name(), peerFd, localFd, fromPeer, index * 2L + 1));
        relays.forEach(Relay::start);
    }

    /** The private namespace at the far end (run the peer's programs there). */
    public NetNs peer() {
        return peer;
    }

    /** This namespace's end of the link. */
    public InetAddress localAddress() {
        return localAddress;
    }

    /** The peer namespace's end of the link. */
    public InetAddress peerAddress() {
        return peerAddress;
    }

    /** Packets relayed and dropped from this namespace to the peer. */
    public Counts toPeer() {
        return relays.isEmpty() ? new Counts(0, 0, 0, 0) : relays.get(0).counts();
    }

    /** Packets relayed and dropped from the peer to this namespace. */
    public Counts fromPeer() {
        return relays.size() < 2 ? new Counts(0, 0, 0, 0) : relays.get(1).counts();
    }

    /** Stops the relay, removes both devices and deletes the namespace; safe to call twice. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Relay relay : relays) {
            relay.stop();
        }
        relays.clear();
        for (int fd : new int[] {localFd, peerFd}) {
            if (fd >= 0) {
                try {
                    Tun.LIBC.close(fd); // a non-persistent TUN device is removed with its last descriptor
                } catch (LastErrorException e) {
                    first = first == null ? new IllegalStateException("closing a TUN device: " + e, e) : first;
                }
            }
        }
        localFd = -1;
        peerFd = -1;
        peer.close();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "link " + localAddress.getHostAddress() + " (" + localDevice + ") <-> " + peerAddress.getHostAddress()
                + " (" + peerDevice + " in netns " + peer.name() + ")";
    }

    private static int openTun(String device) {
        int fd = Tun.LIBC.open("/dev/net/tun", O_RDWR_CLOEXEC);
        try (Memory ifreq = new Memory(40)) {
            ifreq.clear();
            byte[] name = device.getBytes(StandardCharsets.US_ASCII);
            if (name.length >= IFNAMSIZ) {
                throw new IllegalArgumentException("device name too long: " + device);
            }
            ifreq.write(0, name, 0, name.length);
            ifreq.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            Tun.LIBC.ioctl(fd, TUNSETIFF, ifreq);
            return fd;
        } catch (RuntimeException e) {
            Tun.LIBC.close(fd);
            throw new IllegalStateException("cannot create TUN device " + device + ": " + e.getMessage(), e);
        }
    }

    private static void ipOrFail(List<String> command) {
        try (ChildProcess child = ChildProcess.start(String.join(" ", command), new ProcessBuilder(command), null)) {
            int exit = child.awaitExit(Duration.ofSeconds(20));
            if (exit != 0) {
                throw new IllegalStateException(command + " exited " + exit + "\n" + child.tails());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes.clone());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One direction: a reader stamps each packet's departure, a writer sends it then. */
    private static final class Relay {

        private static final int POLL_MS = 100;
        private static final int EINTR = 4;
        private static final int EAGAIN = 11;
        /**
         * How long one jitter draw holds. Drawn per packet, jitter on a first-in first-out link would delay each
         * packet of a burst by the worst draw ahead of it, so a burst's mean delay would be delay + jitter, not
         * delay; a path whose delay wanders every 10 ms (a queue filling and draining) keeps both the mean and
         * the spread, and a 30 Hz frame's segments (a few ms) mostly share one draw.
         */
        private static final long JITTER_SLOT_NANOS = 10_000_000;
        private static final long MAX_WAKE_EARLY_NANOS = 2_000_000;

        private final int from;
        private final int to;
        private final Shape shape;
        private final SplittableRandom random;
        private final LinkedBlockingQueue<Packet> queue =
                new LinkedBlockingQueue<>();
        private final Thread reader;
        private final Thread writer;
        private final AtomicLong forwarded = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong delaySum = new AtomicLong();
        private final AtomicLong lateSum = new AtomicLong();
        private volatile boolean running = true;
        private long lastDeparture;
        private long slotStart = Long.MIN_VALUE / 2;
        private long wakeEarly;
        private long slotDelay;

        Relay(String name, int from, int to, Shape shape, long seed) {
            this.from = from;
            this.to = to;
            this.shape = shape;
            this.random = new SplittableRandom(seed);
            reader = new Thread(this::read, "link-" + name + "-in");
            writer = new Thread(this::write, "link-" + name + "-out");
            reader.setDaemon(true);
            writer.setDaemon(true);
        }

        void start() {
            reader.start();
            writer.start();
        }

        Counts counts() {
            long n = Math.max(1, forwarded.get());
            return new Counts(forwarded.get(), dropped.get(), delaySum.get() / 1e6 / n, lateSum.get() / 1e6 / n);
        }

        void stop() {
            running = false;
            writer.interrupt();
            try {
                reader.join(5_000);
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void read() {
            byte[] buffer = new byte[65_536];
            try (Memory pollfd = new Memory(8)) {
                while (running) {
                    pollfd.setInt(0, from);
                    pollfd.setShort(4, (short) 1); // POLLIN
                    pollfd.setShort(6, (short) 0);
                    int length;
                    try {
                        if (Tun.LIBC.poll(pollfd, 1, POLL_MS) <= 0) {
                            continue;
                        }
                        length = Tun.LIBC.read(from, buffer, buffer.length);
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() == EINTR || e.getErrorCode() == EAGAIN) {
                            continue;
                        }
                        throw e;
                    }
                    long arrival = System.nanoTime();
                    if (length <= 0) {
                        continue;
                    }
                    if (random.nextDouble() * 100 < shape.lossPercent()) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    if (arrival - slotStart >= JITTER_SLOT_NANOS) {
                        slotStart = arrival;
                        long jitter = shape.jitter().toNanos();
                        slotDelay = Math.max(0, shape.delay().toNanos()
                                + (jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1)));
                    }
                    lastDeparture = Math.max(lastDeparture, arrival + slotDelay);
                    delaySum.addAndGet(lastDeparture - arrival);
                    queue.add(new Packet(Arrays.copyOf(buffer, length), lastDeparture));
                }
            } catch (LastErrorException e) {
                if (running) {
                    System.err.println(Thread.currentThread().getName() + ": reading the TUN device failed: " + e);
                }
            }
        }

        private void write() {
            try {
                while (running) {
                    Packet packet = queue.take();
                    // Wake up as early as waking up has lately been late, then spin to the departure: on a loaded
                    // host a parked thread wakes a millisecond or more late, which would lengthen the link.
                    long target = packet.departure - wakeEarly;
                    long wait;
                    while ((wait = target - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                        if (Thread.interrupted()) {
                            return;
                        }
                        long late = System.nanoTime() - target;
                        wakeEarly = Math.min(MAX_WAKE_EARLY_NANOS, Math.max(0, wakeEarly + (late - wakeEarly) / 8));
                    }
                    while (System.nanoTime() < packet.departure) {
                        Thread.onSpinWait();
                    }
                    try {
                        Tun.LIBC.write(to, packet.bytes, packet.bytes.length);
                        lateSum.addAndGet(System.nanoTime() - packet.departure);
                        forwarded.incrementAndGet();
                    } catch (LastErrorException e) {
                        // The kernel refusing one packet (a device going down) must not stop the link.
                        dropped.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }
    }

    private record Packet(byte[] bytes, long departure) {
    }

    /** The libc calls of a TUN relay. */
    interface Tun extends Library {
        Tun LIBC = Native.load("c", Tun.class);

        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

        int poll(Pointer fds, int count, int timeoutMillis) throws LastErrorException;

        int read(int fd, byte[] buffer, long count) throws LastErrorException;

        int write(int fd, byte[] buffer, long count) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }
}
