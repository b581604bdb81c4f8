package org.teleopmon.simulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * A running LeKiwi / XLE session over JeroMQ: the robot host binds PULL (commands) and PUSH
 * (observations), the operator connects PUSH and PULL, as lerobot's host and client do. Counts
 * exactly what went onto the wire: a command that could not be queued to a connected peer is not
 * counted.
 */
public final class Simulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    /** Counters so far. */
    public record Stats(long commandsSent, long observationsSent, long commandsReceived, long observationsReceived,
            Duration elapsed, boolean running, String problem) {
    }

    private final SimulationOptions options;
    private final Payloads payloads;
    private final ZContext context = new ZContext(1);
    private final AtomicLong commandsSent = new AtomicLong();
    private final AtomicLong observationsSent = new AtomicLong();
    private final AtomicLong commandsReceived = new AtomicLong();
    private final AtomicLong observationsReceived = new AtomicLong();
    private final CountDownLatch done;
    private final Instant started = Instant.now();
    private volatile Instant finished;
    private volatile boolean running = true;
    private volatile String problem = "";

    private Simulation(SimulationOptions options) {
        this.options = options;
        this.payloads = new Payloads(options);
        this.done = new CountDownLatch(options.role().equals("both") ? 2 : 1);
    }

    /** Binds (robot role) synchronously, so a port in use fails here, then runs in the background. */
    public static Simulation start(SimulationOptions options) {
        Simulation simulation = new Simulation(options);
        try {
            if (!options.role().equals("operator")) {
                ZMQ.Socket commands = simulation.socket(SocketType.PULL);
                ZMQ.Socket observations = simulation.socket(SocketType.PUSH);
                observations.setSndHWM(2);
                commands.bind("tcp://" + options.bindHost() + ":" + options.commandPort());
                observations.bind("tcp://" + options.bindHost() + ":" + options.observationPort());
                simulation.thread("robot", () -> simulation.robot(commands, observations));
            }
            if (!options.role().equals("robot")) {
                simulation.thread("operator", simulation::operator);
            }
        } catch (ZMQException e) {
            simulation.close();
            throw new IllegalStateException("cannot bind " + options.bindHost() + ":" + options.commandPort() + "/"
                    + options.observationPort() + ": " + e.getMessage(), e);
        }
        return simulation;
    }

    private ZMQ.Socket socket(SocketType type) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        return socket;
    }

    private void thread(String role, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (ZMQException e) {
                if (running) {
                    problem = role + ": " + e.getMessage();
                    LOG.warn("Simulated {} failed: {}", role, e.getMessage());
                }
            } finally {
                done.countDown();
                if (done.getCount() == 0) {
                    finished = Instant.now();
                }
            }
        }, "teleop-simulator-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    private void robot(ZMQ.Socket commands, ZMQ.Socket observations) {
        long period = (long) (1e9 / options.rateHz());
        long next = System.nanoTime();
        for (long i = 0; running; i++) {
            while (commands.recv(ZMQ.DONTWAIT) != null) {
                commandsReceived.incrementAndGet();
            }
            if (send(observations, payloads.observation(i))) {
                observationsSent.incrementAndGet();
            }
            next = pace(next, period);
        }
        // Commands still in flight when the operator stopped are received, as the robot would.
        commands.setReceiveTimeOut(300);
        while (commands.recv() != null) {
            commandsReceived.incrementAndGet();
        }
        commands.close();
        observations.close();
    }

    private void operator() {
        ZMQ.Socket commands = socket(SocketType.PUSH);
        ZMQ.Socket observations = socket(SocketType.PULL);
        commands.setImmediate(true);
        // Commands already queued still reach the robot when the operator stops.
        commands.setLinger(1000);
        observations.setRcvHWM(2);
        commands.connect("tcp://" + options.robotHost() + ":" + options.commandPort());
        observations.connect("tcp://" + options.robotHost() + ":" + options.observationPort());
        long period = (long) (1e9 / options.rateHz());
        long start = System.nanoTime();
        long end = options.duration().isZero() ? Long.MAX_VALUE : start + options.duration().toNanos();
        long stallEvery = options.stallEvery().toNanos();
        long next = start;
        long i = 0;
        while (running && next < end) {
            while (observations.recv(ZMQ.DONTWAIT) != null) {
                if (!observations.hasReceiveMore()) {
                    observationsReceived.incrementAndGet();
                }
            }
            boolean stalled = stallEvery > 0 && (next - start) % stallEvery >= stallEvery - options.stall().toNanos();
            if (!stalled && commands.send(payloads.command(i), ZMQ.DONTWAIT)) {
                commandsSent.incrementAndGet();
                i++;
            }
            next = pace(next, period);
        }
        commands.close();
        observations.close();
        if (options.role().equals("both")) {
            running = false;
        }
    }

    /** Like lerobot's loops: sleep what is left of the period; a late iteration does not burst to catch up. */
    private static long pace(long previous, long period) {
        long next = Math.max(previous + period, System.nanoTime());
        LockSupport.parkNanos(next - System.nanoTime());
        return next;
    }

    private static boolean send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int f = 0; f < frames.size(); f++) {
            boolean more = f < frames.size() - 1;
            if (!socket.send(frames.get(f), ZMQ.DONTWAIT | (more ? ZMQ.SNDMORE : 0))) {
                return f > 0;
            }
        }
        return true;
    }

    public SimulationOptions options() {
        return options;
    }

    public Stats stats() {
        Instant end = finished == null ? Instant.now() : finished;
        return new Stats(commandsSent.get(), observationsSent.get(), commandsReceived.get(),
                observationsReceived.get(), Duration.between(started, end), done.getCount() > 0, problem);
    }

    /** Waits until the operator's duration is over (and, in {@code both}, the host has stopped). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending and closes the sockets: the peers see the TCP connections end. */
    public void stop() {
        running = false;
        try {
            done.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        context.close();
    }
}
