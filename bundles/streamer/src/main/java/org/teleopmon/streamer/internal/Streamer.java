package org.teleopmon.streamer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.wire.Wire;

/**
 * The streaming layer without OSGi: events in, HTTP and WebSocket out. The hub and chart history
 * live as long as this object, so restarting the listener (a new port) loses nothing. Alerts are
 * not kept here: they are forwarded as events and read from the {@code AlertService}.
 */
public final class Streamer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Streamer.class);
    private static final long HEALTH_PERIOD_MS = 1000;
    private static final long MAX_RETRY_SECONDS = 30;
    /** Least time between two {@code detector_update}s: detectors measure over windows of a second or more. */
    static final long DETECTOR_UPDATE_MS = 1000;
    /** Rows of each detector in a {@code detector_update}; the rest through {@code /detectors/{name}?offset=}. */
    static final int DETECTOR_UPDATE_ROWS = 20;

    private final Sources sources;
    private final String version;
    private final ScheduledExecutorService scheduler;
    private final Hub hub;
    private final MetricHistory history;
    private final HealthView health;
    private final Snapshots snapshots;
    private volatile Settings settings;
    private volatile JettyListener listener;
    private volatile Health own = Health.unavailable("not started");
    private volatile String lastHealth = "";
    private final DetectorsView detectors;
    private String lastDetectors = "";
    private Set<ClientConnection> detectorClients = Set.of();
    /** start() was called and stop() was not: the port should be open. */
    private boolean wanted;
    private int failures;
    private ScheduledFuture<?> retry;

    public Streamer(Sources sources, Settings settings, String version) {
        this.sources = sources;
        this.settings = settings;
        this.version = version;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "teleop-streamer-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.hub = new Hub(settings.maxClients(), settings.replayBufferSize());
        this.history = new MetricHistory(Duration.ofSeconds(settings.historySeconds()));
        this.health = new HealthView(sources, () -> own);
        this.snapshots = new Snapshots(sources, history, health, version);
        this.detectors = new DetectorsView(sources, health);
        scheduler.scheduleWithFixedDelay(this::pushHealthIfChanged, HEALTH_PERIOD_MS, HEALTH_PERIOD_MS,
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::pushDetectorsIfChanged, DETECTOR_UPDATE_MS, DETECTOR_UPDATE_MS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Binds the configured address. A failure does not throw: it shows in health, is logged once, and
     * the bind is retried with back-off (1 s doubling to 30 s) until it works or the settings change.
     */
    public synchronized void start() {
        wanted = true;
        failures = 0;
        bind();
    }

    /** Closes every client and the port, and stops retrying a failed bind. */
    public synchronized void stop() {
        wanted = false;
        cancelRetry();
        release(Health.unavailable("stopped"));
    }

    /** Applies new settings: limits at once, and a new listener (rebind) for everything else. */
    public synchronized void reconfigure(Settings next) {
        Settings previous = settings;
        settings = next;
        hub.configure(next.maxClients(), next.replayBufferSize());
        history.window(Duration.ofSeconds(next.historySeconds()));
        if (!next.equals(previous) && wanted) {
            // also after a failed bind: a good host or a free port must take effect at once
            cancelRetry();
            release(Health.unavailable("rebinding"));
            failures = 0;
            bind();
        }
    }

    private synchronized void bind() {
        retry = null;
        if (!wanted || listener != null) {
            return;
        }
        Settings current = settings;
        String problem = current.hostProblem();
        if (problem != null) {
            // no retry: only a new setting can help, and reconfigure() binds again at once
            own = Health.critical(problem);
            LOG.error("Teleop streamer cannot listen: {}", problem);
            return;
        }
        Access access = new Access(current.authToken(), current.allowedOrigins(), current.allowedHosts(),
                current.host());
        ClientProtocol protocol = new ClientProtocol(hub, snapshots::hello, snapshots::stateMessage,
                () -> settings.maxClients());
        HttpRouter router = new HttpRouter(new Api(sources, hub, health), access);
        JettyListener next = new JettyListener(current, router, hub, protocol, access, scheduler);
        try {
            next.start();
            listener = next;
            own = Health.ok();
            LOG.info("Teleop streamer listening on http://{}:{}/ (WebSocket /ws){}", current.host(), next.port(),
                    failures > 0 ? " after " + failures + " failed attempts" : "");
            failures = 0;
            if (!Access.isLoopback(current.host()) && current.authToken().isEmpty()) {
                LOG.warn("Teleop streamer is bound to {} without auth.token: anyone who reaches it can read it",
                        current.host());
            }
        } catch (Exception e) {
            stopQuietly(next);
            long delay = Math.min(MAX_RETRY_SECONDS, 1L << Math.min(failures, 5));
            failures++;
            own = Health.critical("cannot listen on " + current.host() + ":" + current.port() + ": " + e.getMessage()
                    + " (set port/host of org.teleopmon.streamer); retrying every " + delay + " s");
            if (failures == 1) {
                LOG.error("Teleop streamer cannot listen on {}:{}: {}; retrying with back-off up to {} s",
                        current.host(), current.port(), e.toString(), MAX_RETRY_SECONDS);
            } else {
                LOG.debug("Teleop streamer still cannot listen on {}:{}: {}", current.host(), current.port(), e.toString());
            }
            retry = scheduler.schedule(this::bind, delay, TimeUnit.SECONDS);
        }
    }

    private void release(Health next) {
        JettyListener current = listener;
        listener = null;
        own = next;
        hub.closeAll(JettyListener.shutdownCode(), "server restarting or stopping: reconnect with last_seq");
        stopQuietly(current);
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    /** Forwards one event to every client, and remembers what the dashboard needs. */
    public void onEvent(TeleopEvent event) {
        try {
            if (event.state() != null && event.type() == EventType.STATE_UPDATE) {
                history.add(event.state());
            }
            hub.publish(event.type().wireName(), event.timestamp(), Wire.eventData(event));
        } catch (RuntimeException e) {
            LOG.warn("Cannot forward {} event to WebSocket clients", event.type().wireName(), e);
        }
    }

    public int port() {
        JettyListener current = listener;
        return current == null ? -1 : current.port();
    }

    public Health health() {
        return own;
    }

    public Hub hub() {
        return hub;
    }

    @Override
    public void close() {
        stop();
        scheduler.shutdownNow();
    }

    private void pushHealthIfChanged() {
        try {
            if (hub.clientCount() == 0 && !lastHealth.isEmpty()) {
                return;
            }
            var json = HealthView.toJson(health.checks());
            String text = Wire.write(json);
            if (!text.equals(lastHealth)) {
                lastHealth = text;
                hub.publish(Topics.HEALTH, Instant.now(), json);
            }
        } catch (RuntimeException e) {
            LOG.debug("Health push failed", e);
        }
    }

    /**
     * Throttled like {@code state_update}: at most once per {@link #DETECTOR_UPDATE_MS}, only while what
     * a subscriber sees changes, and only while someone subscribed; a new subscriber gets the current
     * view on the next tick. Runs on the timer thread only.
     */
    private void pushDetectorsIfChanged() {
        try {
            Set<ClientConnection> wanting = hub.wanting(Topics.DETECTOR_UPDATE);
            if (wanting.isEmpty()) {
                detectorClients = Set.of();
                return;
            }
            var data = Wire.detectorUpdate(detectors.all(new DetectorsView.Page(0, DETECTOR_UPDATE_ROWS)),
                    DETECTOR_UPDATE_ROWS);
            String text = Wire.write(data);
            if (!text.equals(lastDetectors) || !detectorClients.containsAll(wanting)) {
                lastDetectors = text;
                detectorClients = wanting;
                hub.offer(Topics.DETECTOR_UPDATE, Instant.now(), data);
            }
        } catch (RuntimeException e) {
            LOG.debug("Detector update failed", e);
        }
    }

    private static void stopQuietly(JettyListener listener) {
        if (listener == null) {
            return;
        }
        try {
            listener.stop();
        } catch (Exception e) {
            LOG.debug("Stopping the listener failed", e);
        }
    }
}
