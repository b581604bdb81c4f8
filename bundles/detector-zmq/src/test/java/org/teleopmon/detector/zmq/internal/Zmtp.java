package org.teleopmon.detector.zmq.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Builds ZMTP 3.1 byte streams for tests, as JeroMQ and libzmq write them. */
final class Zmtp {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Zmtp stream() {
        return new Zmtp();
    }

    Zmtp greeting(String mechanism) {
        byte[] g = new byte[64];
        g[0] = (byte) 0xFF;
        g[9] = 0x7F;
        g[10] = 3;
        g[11] = 1;
        byte[] m = mechanism.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, g, 12, m.length);
        out.writeBytes(g);
        return this;
    }

    Zmtp ready(String socketType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        property(body, "Socket-Type", socketType);
        property(body, "Identity", "");
        return frame(ZmtpDecoder.COMMAND, body.toByteArray());
    }

    Zmtp message(byte[]... frames) {
        for (int i = 0; i < frames.length; i++) {
            frame(i < frames.length - 1 ? ZmtpDecoder.MORE : 0, frames[i]);
        }
        return this;
    }

    Zmtp json(String json) {
        return message(json.getBytes(StandardCharsets.UTF_8));
    }

    Zmtp frame(int flags, byte[] body) {
        if (body.length > 255) {
            out.write(flags | ZmtpDecoder.LONG);
            long size = body.length;
            for (int i = 7; i >= 0; i--) {
                out.write((int) (size >>> (8 * i)));
            }
        } else {
            out.write(flags);
            out.write(body.length);
        }
        out.writeBytes(body);
        return this;
    }

    Zmtp raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Zmtp raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static String lekiwiCommand(double xVel, String operatorId) {
        StringBuilder json = new StringBuilder("{");
        for (String key : RobotKeys.LEKIWI) {
            double value = key.equals("x.vel") ? xVel : key.endsWith(".vel") ? 0.0 : 12.5;
            json.append('"').append(key).append("\": ").append(String.format(Locale.ROOT, "%.3f", value)).append(", ");
        }
        if (operatorId != null) {
            json.append("\"operator_id\": \"").append(operatorId).append("\", ");
        }
        json.setLength(json.length() - 2);
        return json.append('}').toString();
    }

    static String xleCommand() {
        StringBuilder json = new StringBuilder("{");
        for (String key : RobotKeys.XLE) {
            json.append('"').append(key).append("\": 1.0, ");
        }
        json.setLength(json.length() - 2);
        return json.append('}').toString();
    }

    static byte[] jpeg(int size) {
        byte[] jpeg = new byte[size];
        for (int i = 0; i < size; i++) {
            jpeg[i] = (byte) (i * 31 + 7);
        }
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        return jpeg;
    }

    static String base64Observation(int jpegBytes) {
        String state = lekiwiCommand(0, null);
        String image = java.util.Base64.getEncoder().encodeToString(jpeg(jpegBytes));
        return state.substring(0, state.length() - 1) + ", \"front\": \"" + image + "\", \"wrist\": \"" + image + "\"}";
    }

    static String multipartHeader() {
        String state = lekiwiCommand(0, null);
        return state.substring(0, state.length() - 1) + ", \"_cams\": [\"front\", \"wrist\"]}";
    }

    private static void property(ByteArrayOutputStream body, String name, String value) {
        body.write(name.length());
        body.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        body.write(0);
        body.write(0);
        body.write(0);
        body.write(v.length);
        body.writeBytes(v);
    }
}
