package org.teleopmon.streamer.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** One Jetty server bound to one address: the HTTP routes and the {@code /ws} upgrade. */
final class JettyListener {

    private static final Duration WS_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Connections the kernel completes and holds until the acceptor takes them. Java's default of 50
     * overflowed under a burst of 1,000 connections (issue 22's campaign): each dropped SYN is retried
     * only after 1 s, 2 s, 4 s..., so the burst took 8-9 s to connect and a /health probe caught in it
     * waited a second. Linux caps this at net.core.somaxconn (4,096 by default since 5.4).
     */
    static final int ACCEPT_QUEUE = 1024;

    private final Server server;
    private final ServerConnector connector;

    JettyListener(Settings settings, HttpRouter router, Hub hub, ClientProtocol protocol, Access access,
            ScheduledExecutorService scheduler) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("teleop-streamer");
        threads.setDaemon(true);
        // a burst of requests (or an attack) must not leave its threads behind for minutes: idle ones
        // beyond the minimum all end after 10 s (Jetty's default ends one per minute)
        threads.setIdleTimeout(10_000);
        threads.setMaxEvictCount(16);
        server = new Server(threads);
        server.setErrorHandler(new JsonErrorHandler());
        HttpConfiguration http = new HttpConfiguration();
        // the make and version of the server help nobody but an attacker
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setReuseAddress(true);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(settings.maxMessageSize());
            container.setMaxBinaryMessageSize(settings.maxMessageSize());
            container.setMaxOutgoingFrames(settings.sendQueueSize());
            container.setIdleTimeout(WS_IDLE_TIMEOUT);
            container.addMapping("/ws", (request, response, callback) ->
                    create(request, response, callback, settings, hub, protocol, access, scheduler));
        });
        upgrade.setHandler(router);
        context.setHandler(upgrade);
        server.setHandler(new HostCheck(access, context));
    }

    void start() throws Exception {
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }

    int port() {
        return connector.getLocalPort();
    }

    private static Object create(ServerUpgradeRequest request, ServerUpgradeResponse response,
            org.eclipse.jetty.util.Callback callback, Settings settings, Hub hub, ClientProtocol protocol,
            Access access, ScheduledExecutorService scheduler) {
        if (!validKey(request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY))) {
            Response.writeError(request, response, callback, 400,
                    "Sec-WebSocket-Key must be 16 random bytes in base64 (RFC 6455 section 4.1)");
            return null;
        }
        Fields query;
        try {
            query = HttpRouter.queryOf(request);
        } catch (BadQuery e) {
            Response.writeError(request, response, callback, 400, e.getMessage());
            return null;
        }
        if (!access.originAllowed(request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get(HttpHeader.HOST))) {
            Response.writeError(request, response, callback, 403, "origin not allowed");
            return null;
        }
        if (!access.authorised(request.getHeaders().get(HttpHeader.AUTHORIZATION), query.getValue("access_token"))) {
            Response.writeError(request, response, callback, 401, "a bearer token is required");
            return null;
        }
        Set<String> topics;
        Hub.Resume resume;
        try {
            topics = topics(query.getValue("topics"));
            String lastSeq = query.getValue("last_seq");
            resume = lastSeq == null ? null : new Hub.Resume(Long.parseLong(lastSeq), query.getValue("stream_id"));
            if (resume != null && resume.lastSeq() < 0) {
                throw new BadQuery("last_seq must not be negative");
            }
        } catch (NumberFormatException e) {
            Response.writeError(request, response, callback, 400, "last_seq must be an integer");
            return null;
        } catch (BadQuery e) {
            Response.writeError(request, response, callback, 400, e.getMessage());
            return null;
        }
        return new ClientConnection(hub, protocol, scheduler, topics, resume, settings.sendQueueSize(),
                settings.sendQueueBytes(), new InputBudget(settings.inputBytesPerSecond(), settings.maxMessageSize()));
    }

    private static Set<String> topics(String list) {
        Set<String> topics = new LinkedHashSet<>();
        if (list == null || list.isBlank()) {
            return topics;
        }
        for (String topic : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!Topics.ALL.contains(topic)) {
                throw new BadQuery("unknown topic \"" + Strings.clip(topic, 40) + "\"; topics are " + Topics.ALL);
            }
            topics.add(topic);
        }
        return topics;
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static int shutdownCode() {
        return StatusCode.SHUTDOWN;
    }
}
