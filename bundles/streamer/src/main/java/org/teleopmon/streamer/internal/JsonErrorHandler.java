package org.teleopmon.streamer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty raises itself (bad requests, rejected upgrades) in the API's JSON shape, without stacks. */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        HttpReply reply = HttpReply.error(code, HttpStatus.getMessage(code).toLowerCase().replace(' ', '_'),
                Strings.clip(reason, 200));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
