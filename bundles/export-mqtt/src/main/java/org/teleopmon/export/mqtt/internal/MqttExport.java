package org.teleopmon.export.mqtt.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.wire.Wire;

/**
 * One robot's export to one broker. The listener thread only hands events over; this export's own
 * thread numbers them, writes them to the disk queue and delivers the queue in order at QoS 1, one
 * acknowledged message at a time, so the order survives any reconnection. The throttled state goes
 * out retained at QoS 0 (the next one supersedes it); online/offline status is retained, offline
 * also as the Last Will.
 */
final class MqttExport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttExport.class);
    private static final int HANDOFF = 10_000;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final TeleopEvent STOP = new TeleopEvent(EventType.ALERT_RESOLVED, Instant.EPOCH, null, null, null,
            null);

    private final Settings settings;
    private final RobotIdentity robot;
    private final Topics topics;
    private final String clientId;
    private final Supplier<Optional<TeleopState>> currentState;
    private final BlockingQueue<TeleopEvent> handoff = new LinkedBlockingQueue<>(HANDOFF);
    private final AtomicLong handoffDropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishedBytes = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Health health;
    private volatile int waiting;
    private volatile long queueDropped;

    private DiskQueue queue;
    private Sequence sequence;
    private String queueProblem = "";
    private long queueFailures;
    private MqttClient client;
    private TeleopEvent latestState;
    private boolean stateDirty;
    private long nextStateNanos;
    private long nextAttemptNanos;
    private Duration delay = FIRST_DELAY;
    private Health connection;
    private Health.Status loggedStatus;
    private String loggedProblem = "";

    MqttExport(Settings settings, RobotIdentity robot, Supplier<Optional<TeleopState>> currentState) {
        this.settings = settings;
        this.robot = robot;
        this.topics = Topics.of(settings.topicPrefix(), robot);
        this.clientId = settings.clientId().isEmpty() ? robot.robotId() : settings.clientId();
        this.currentState = currentState;
        this.connection = Health.warn("connecting to " + settings.brokerUri());
        this.health = connection;
        this.thread = new Thread(this::run, "teleop-export-mqtt");
        thread.setDaemon(true);
    }

    MqttExport start() {
        thread.start();
        return this;
    }

    /** From the event dispatch thread: never blocks. */
    void offer(TeleopEvent event) {
        if (settings.events().contains(event.type()) && !handoff.offer(event)) {
            handoffDropped.incrementAndGet();
        }
    }

    Health health() {
        return health;
    }

    int waiting() {
        return waiting;
    }

    long published() {
        return published.get();
    }

    long publishedBytes() {
        return publishedBytes.get();
    }

    long dropped() {
        return queueDropped + handoffDropped.get() + queueFailures;
    }

    Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        running = false;
        handoff.offer(STOP);
        try {
            thread.join(settings.timeout().toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        openQueue();
        try {
            while (running) {
                TeleopEvent event = handoff.poll(waitMillis(), TimeUnit.MILLISECONDS);
                while (event != null && event != STOP) {
                    accept(event);
                    event = handoff.poll();
                }
                if (!running) {
                    break;
                }
                if (!connected() && System.nanoTime() - nextAttemptNanos >= 0) {
                    connect();
                }
                if (connected()) {
                    deliverQueued();
                    deliverState();
                }
                updateHealth();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("MQTT export stopped on an unexpected error; the rest of the monitor runs on", e);
            health = Health.error("MQTT export stopped on an unexpected error: " + e);
        } finally {
            goodbye();
        }
    }

    private long waitMillis() {
        long now = System.nanoTime();
        long until = connected() ? (stateDirty ? nextStateNanos : now + 1_000_000_000L) : nextAttemptNanos;
        return Math.max(0, Math.min(1000, (until - now) / 1_000_000));
    }

    private void openQueue() {
        try {
            queue = new DiskQueue(settings.queueDir(), settings.queueMaxBytes());
            sequence = new Sequence(settings.queueDir().resolve("seq"), queue.lastSeq());
        } catch (IOException | RuntimeException e) {
            queueProblem = "cannot open the event queue in " + settings.queueDir() + " (" + e.getMessage()
                    + "); events are dropped while the broker is away";
            LOG.warn("MQTT export: {}", queueProblem);
        }
    }

    private void accept(TeleopEvent event) {
        if (event.type() == EventType.STATE_UPDATE) {
            latestState = event;
            stateDirty = true;
            return;
        }
        try {
            long seq = nextSeq();
            byte[] payload = payload(event.type().wireName(), seq, event);
            if (queue == null) {
                throw new IOException(queueProblem);
            }
            queue.append(seq, topics.event(event.type()), payload);
            if (!queueProblem.isEmpty() && sequence != null) {
                LOG.info("MQTT export: the event queue in {} is writable again", settings.queueDir());
                queueProblem = "";
            }
        } catch (IOException e) {
            queueFailures++;
            if (queueProblem.isEmpty()) {
                LOG.warn("MQTT export: cannot queue an event in {} ({}); it is dropped. Free disk space there or "
                        + "set queue.dir", settings.queueDir(), e.getMessage());
            }
            queueProblem = "cannot write the event queue in " + settings.queueDir() + " (" + e.getMessage() + ")";
        }
    }

    private long nextSeq() throws IOException {
        if (sequence == null) {
            throw new IOException(queueProblem);
        }
        return sequence.next();
    }

    private byte[] payload(String type, long seq, TeleopEvent event) {
        return Wire.message(type, seq, event.timestamp(), Wire.eventData(event))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean connected() {
        return client != null && client.isConnected();
    }

    private void connect() {
        closeClient();
        try {
            client = new MqttClient(settings.brokerUri(), clientId, new MemoryPersistence());
            client.setTimeToWait(settings.timeout().toMillis());
            MqttConnectOptions options = new MqttConnectOptions();
            // Paho's default falls back to MQTT 3.1 after a refusal: a second connection per attempt.
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval(settings.keepAliveSeconds());
            options.setConnectionTimeout((int) Math.max(1, settings.timeout().toSeconds()));
            options.setMaxInflight(1000);
            if (!settings.username().isEmpty()) {
                options.setUserName(settings.username());
                options.setPassword(settings.password());
            }
            if (settings.brokerUri().startsWith("ssl://")) {
                options.setSocketFactory(TlsSockets.factory(settings.caFile(), settings.clientKeystore(),
                        settings.keystorePassword()));
            }
            options.setWill(topics.status(), status(false), 1, true);
            client.connect(options);
            client.publish(topics.status(), status(true), 1, true);
            if (latestState == null) {
                currentState.get().ifPresent(state -> latestState = TeleopEvent.stateUpdate(state));
            }
            stateDirty = latestState != null;
            nextStateNanos = System.nanoTime();
            delay = FIRST_DELAY;
            connection = new Health(Health.Status.OK, "connected to " + settings.brokerUri() + " as " + clientId);
        } catch (MqttException | IOException | java.security.GeneralSecurityException | RuntimeException e) {
            connection = classify(e);
            nextAttemptNanos = System.nanoTime() + delay.toNanos();
            delay = delay.multipliedBy(2).compareTo(settings.maxDelay()) > 0 ? settings.maxDelay()
                    : delay.multipliedBy(2);
            closeClient();
        }
    }

    /** What a failed connection means for the user, with the broker's own reason. */
    private Health classify(Exception e) {
        String retry = "; next attempt in " + delay.toSeconds() + " s";
        if (e instanceof MqttException mqtt && (mqtt.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || mqtt.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED)) {
            return Health.critical("broker " + settings.brokerUri() + " refused the connection: " + mqtt.getMessage()
                    + " (CONNACK " + mqtt.getReasonCode() + "); check username and password in "
                    + "etc/org.teleopmon.export.mqtt.cfg and the broker's ACL" + retry);
        }
        Throwable tls = e;
        while (tls != null && !(tls instanceof SSLException) && !(tls instanceof java.security.GeneralSecurityException)) {
            tls = tls.getCause();
        }
        if (tls != null) {
            return Health.critical("TLS with " + settings.brokerUri() + " failed: " + tls.getMessage()
                    + "; check tls.ca.file (the CA that signed the broker's certificate), the broker's host name "
                    + "and tls.client.keystore" + retry);
        }
        if (e instanceof IOException) {
            return Health.critical("cannot read the TLS files: " + e.getMessage() + retry);
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return Health.warn("broker " + settings.brokerUri() + " unreachable: " + e.getMessage()
                + (cause != e ? " (" + cause.getMessage() + ")" : "") + retry);
    }

    private void deliverQueued() {
        if (queue == null) {
            return;
        }
        try {
            for (Optional<DiskQueue.Entry> head = queue.peek(); head.isPresent() && running; head = queue.peek()) {
                DiskQueue.Entry entry = head.get();
                client.publish(entry.topic(), entry.payload(), 1, false);
                published.incrementAndGet();
                publishedBytes.addAndGet(entry.payload().length);
                queue.remove(entry);
                waiting = queue.size();
            }
        } catch (MqttException e) {
            lost(e);
        } catch (IOException e) {
            queueProblem = "cannot read the event queue in " + settings.queueDir() + " (" + e.getMessage() + ")";
        }
    }

    private void deliverState() {
        if (!stateDirty || System.nanoTime() - nextStateNanos < 0 || sequence == null) {
            return;
        }
        try {
            byte[] payload = payload(EventType.STATE_UPDATE.wireName(), sequence.next(), latestState);
            client.publish(topics.state(), payload, 0, true);
            published.incrementAndGet();
            publishedBytes.addAndGet(payload.length);
            stateDirty = false;
            nextStateNanos = System.nanoTime() + settings.stateInterval().toNanos();
        } catch (MqttException e) {
            lost(e);
        } catch (IOException e) {
            queueProblem = "cannot number messages in " + settings.queueDir() + " (" + e.getMessage() + ")";
        }
    }

    private void lost(MqttException e) {
        connection = Health.warn("lost the broker " + settings.brokerUri() + ": " + e.getMessage());
        nextAttemptNanos = System.nanoTime() + FIRST_DELAY.toNanos();
        closeClient();
    }

    private byte[] status(boolean online) {
        return Wire.write(Wire.object().put("online", online).put("robot_id", robot.robotId())
                .put("site", robot.site()).put("timestamp", Wire.epochSeconds(Instant.now())))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void updateHealth() {
        if (queue != null) {
            waiting = queue.size();
            queueDropped = queue.dropped();
        }
        Health.Status status = connection.status();
        StringBuilder message = new StringBuilder(connection.message()).append("; ").append(waiting)
                .append(waiting == 1 ? " event waiting" : " events waiting");
        long dropped = dropped();
        if (dropped > 0) {
            status = status.worst(Health.Status.WARN);
            message.append("; ").append(dropped).append(" dropped (queue full, unwritable or too many at once)");
        }
        if (!queueProblem.isEmpty()) {
            status = status.worst(Health.Status.WARN);
            message.append("; ").append(queueProblem);
        }
        health = new Health(status, message.toString());
        String problem = connection.message().replaceAll("; next attempt in \\d+ s", "");
        if (status != loggedStatus || (status != Health.Status.OK && !problem.equals(loggedProblem))) {
            if (status == Health.Status.OK) {
                LOG.info("MQTT export: {}", health.message());
            } else {
                LOG.warn("MQTT export: {}", health.message());
            }
            loggedStatus = status;
            loggedProblem = problem;
        }
    }

    private void goodbye() {
        if (connected()) {
            try {
                client.publish(topics.status(), status(false), 1, true);
                client.disconnect(1000);
            } catch (MqttException e) {
                LOG.debug("MQTT export: no clean goodbye to {}: {}", settings.brokerUri(), e.getMessage());
            }
        }
        closeClient();
        try {
            if (queue != null) {
                queue.close();
            }
        } catch (IOException e) {
            LOG.debug("MQTT export: closing the queue: {}", e.getMessage());
        }
    }

    private void closeClient() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT export: closing the client: {}", e.getMessage());
        }
        client = null;
    }
}
