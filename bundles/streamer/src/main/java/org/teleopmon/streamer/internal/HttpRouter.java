package org.teleopmon.streamer.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes GET requests to the API and the dashboard's files: 404 for unknown paths, 405 for other
 * methods, 400 for bad queries, 401 without the token; every error is JSON, never a stack trace.
 */
final class HttpRouter extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private record Route(Set<String> parameters, boolean open, BiFunction<Query, Request, HttpReply> answer) {
    }

    private static final String ONE_SESSION = "/sessions/";
    private static final String ONE_DETECTOR = "/detectors/";

    private final Map<String, Route> routes;
    private final Route oneSession;
    private final Route oneDetector;
    private final StaticFiles files = new StaticFiles();
    private final Access access;

    HttpRouter(Api api, Access access) {
        this.access = access;
        this.oneSession = new Route(Set.of(), false,
                (q, r) -> api.session(q, Request.getPathInContext(r).substring(ONE_SESSION.length())));
        this.oneDetector = new Route(Set.of("limit", "offset"), false,
                (q, r) -> api.detector(q, Request.getPathInContext(r).substring(ONE_DETECTOR.length())));
        this.routes = Map.of(
                "/status", new Route(Set.of(), false, (q, r) -> api.status(q)),
                "/metrics", new Route(Set.of("format"), false,
                        (q, r) -> api.metrics(q, r.getHeaders().get(HttpHeader.ACCEPT))),
                "/health", new Route(Set.of(), false, (q, r) -> api.health(q)),
                "/health/live", new Route(Set.of("verbose"), true, (q, r) -> api.live(q)),
                "/health/ready", new Route(Set.of("verbose"), true, (q, r) -> api.ready(q)),
                "/sessions", new Route(Set.of("limit", "from", "to", "operator", "robot", "cursor", "format"), false,
                        (q, r) -> api.sessions(q)),
                "/usage", new Route(Set.of("by", "from", "to", "format"), false, (q, r) -> api.usage(q)),
                "/detectors", new Route(Set.of("limit", "offset"), false, (q, r) -> api.detectors(q)),
                "/alerts", new Route(Set.of("limit"), false, (q, r) -> api.alerts(q)),
                "/ws", new Route(Set.of("last_seq", "stream_id", "topics"), false,
                        (q, r) -> HttpReply.error(400, "websocket_required", "/ws needs a WebSocket upgrade")));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpReply reply;
        try {
            reply = answer(request);
        } catch (BadQuery e) {
            reply = HttpReply.error(400, "bad_request", e.getMessage());
        } catch (UsageApi.LedgerUnreadable e) {
            reply = HttpReply.error(503, "ledger_unavailable", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", request.getMethod(), Request.getPathInContext(request), e);
            reply = HttpReply.error(500, "internal_error", "the request failed; see the monitor's log");
        }
        send(request, response, callback, reply);
        return true;
    }

    private HttpReply answer(Request request) {
        String path = Request.getPathInContext(request);
        Route route = below(path, ONE_SESSION) ? oneSession : below(path, ONE_DETECTOR) ? oneDetector
                : routes.get(path);
        Optional<HttpReply> file = route == null && ("/".equals(path) || path.startsWith("/static/"))
                ? files.find(path) : Optional.empty();
        if (route == null && file.isEmpty()) {
            return HttpReply.error(404, "not_found", "no such resource: " + Strings.clip(path, 80));
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return HttpReply.error(405, "method_not_allowed", method + " is not allowed here; use GET");
        }
        Fields fields = queryOf(request);
        if (file.isPresent()) {
            return file.get();
        }
        Query query = new Query(fields, route.parameters());
        if (!route.open() && !access.authorised(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                query.value("access_token"))) {
            return HttpReply.error(401, "unauthorized", "a bearer token is required (Authorization: Bearer ...)");
        }
        return route.answer().apply(query, request);
    }

    private static boolean below(String path, String prefix) {
        return path.startsWith(prefix) && path.length() > prefix.length();
    }

    /** The query's parameters; a malformed escape or bad UTF-8 is the client's mistake (400), not ours. */
    static Fields queryOf(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw new BadQuery("malformed query string: " + Strings.clip(e.getMessage(), 80)
                    + "; percent-encode reserved characters as UTF-8");
        }
    }

    static void send(Request request, Response response, Callback callback, HttpReply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (reply.status() == 405) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        } else if (reply.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body()), callback);
    }
}
