package org.teleopmon.detector.zmq.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Optional JeroMQ SUB subscriber for robots that publish telemetry on a PUB socket. Unlike joining
 * a PUSH socket, subscribing takes nothing from anyone: PUB copies every message to every
 * subscriber. Counts messages and bytes into a window.
 */
final class TelemetrySubscriber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySubscriber.class);

    private final String endpoint;
    private final MessageWindow window;
    private final ZContext context = new ZContext(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String problem = "";

    TelemetrySubscriber(String endpoint, long windowNanos) {
        this.endpoint = endpoint;
        this.window = new MessageWindow(ZmqSettings.WINDOW_CAPACITY, windowNanos);
        this.thread = new Thread(this::run, "teleop-zmq-telemetry");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (ZMQ.Socket socket = context.createSocket(SocketType.SUB)) {
            socket.setReceiveTimeOut(200);
            socket.setRcvHWM(100);
            socket.connect(endpoint);
            socket.subscribe(ZMQ.SUBSCRIPTION_ALL);
            LOG.info("Subscribed to telemetry at {}", endpoint);
            while (running) {
                byte[] frame = socket.recv();
                if (frame != null) {
                    long bytes = frame.length;
                    while (socket.hasReceiveMore()) {
                        byte[] more = socket.recv();
                        bytes += more == null ? 0 : more.length;
                    }
                    synchronized (window) {
                        window.add(System.currentTimeMillis() * 1_000_000, bytes);
                    }
                }
            }
        } catch (ZMQException | IllegalArgumentException e) {
            if (running) {
                problem = "telemetry subscriber on " + endpoint + " failed: " + e.getMessage();
                LOG.warn(problem);
            }
        }
    }

    double rateHz(long now) {
        synchronized (window) {
            return window.rateHz(now);
        }
    }

    long total() {
        synchronized (window) {
            return window.total();
        }
    }

    String problem() {
        return problem;
    }

    @Override
    public void close() {
        running = false;
        context.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
