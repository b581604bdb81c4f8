package org.teleopmon.detector.zmq.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one followed connection, for the shell and {@code GET /detectors}.
 *
 * @param client    client address and port (the operator's side)
 * @param port      the robot's port
 * @param role      command, observation or extra
 * @param handshake mechanism and socket types seen in the greeting and READY
 */
public record ConnectionRow(String client, int port, String role, String handshake, long messagesToRobot,
        long bytesToRobot, long messagesFromRobot, long bytesFromRobot, long malformed, long lostBytes,
        long idleMs, String operatorId) {

    /** The row as {@code /detectors} writes it (through the wire schema). */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("client", client);
        map.put("port", port);
        map.put("role", role);
        map.put("handshake", handshake);
        map.put("messages_to_robot", messagesToRobot);
        map.put("bytes_to_robot", bytesToRobot);
        map.put("messages_from_robot", messagesFromRobot);
        map.put("bytes_from_robot", bytesFromRobot);
        map.put("malformed", malformed);
        map.put("lost_bytes", lostBytes);
        map.put("idle_ms", idleMs);
        map.put("operator_id", operatorId);
        return map;
    }

    static ConnectionRow of(Connection c, ZmqSettings settings, long now) {
        String role = c.serverPort == settings.commandPort() ? "command"
                : c.serverPort == settings.observationPort() ? "observation" : "extra";
        String handshake = c.toServer.mechanism.isEmpty() && c.toClient.mechanism.isEmpty() ? "joined mid-stream"
                : c.toServer.mechanism + " " + c.toServer.socketType + "->" + c.toClient.socketType;
        return new ConnectionRow(c.clientEndpoint(), c.serverPort, role, handshake, c.toServer.messages,
                c.toServer.stream.bytes(), c.toClient.messages, c.toClient.stream.bytes(),
                c.toServer.malformed + c.toClient.malformed, c.toServer.stream.gapBytes() + c.toClient.stream.gapBytes(),
                Math.max(0, (now - c.lastSeen) / 1_000_000), c.operatorId == null ? "" : c.operatorId);
    }
}
