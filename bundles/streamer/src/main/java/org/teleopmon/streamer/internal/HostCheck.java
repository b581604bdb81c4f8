package org.teleopmon.streamer.internal;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves only the Host names this monitor answers to, before anything else (page, API, WebSocket): a
 * web page that rebinds its own name to 127.0.0.1 reaches the port but is refused with 421.
 */
final class HostCheck extends Handler.Wrapper {

    private final Access access;

    HostCheck(Access access, Handler next) {
        super(next);
        this.access = access;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (access.hostAllowed(request.getHeaders().get(HttpHeader.HOST))) {
            return super.handle(request, response, callback);
        }
        HttpRouter.send(request, response, callback, HttpReply.error(421, "misdirected_request",
                "this monitor does not serve that host name; add it to allowed.hosts of org.teleopmon.streamer "
                        + "or use localhost or an IP address"));
        return true;
    }
}
