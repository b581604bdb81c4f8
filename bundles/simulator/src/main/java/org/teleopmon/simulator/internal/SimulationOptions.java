package org.teleopmon.simulator.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * What to simulate.
 *
 * @param robot           {@code lekiwi} or {@code xle}: the command key set
 * @param role            {@code both}, {@code robot} (host only) or {@code operator} (client only)
 * @param multipart       observations as a JSON header plus raw JPEG frames (lerobot ≥ 0.6.1), else one
 *                        JSON with base64 JPEG strings (lerobot ≤ 0.6.0 and XLE)
 * @param bindHost        the address the robot host binds (127.0.0.1 unless asked)
 * @param robotHost       the address the operator connects to
 * @param rateHz          command and observation rate
 * @param duration        how long the operator sends; zero for until stopped
 * @param cameras         JPEG frames per observation
 * @param jpegBytes       size of each camera's JPEG
 * @param operatorId      sent as {@code operator_id} in every command when not empty
 * @param stall           pause the commands this long...
 * @param stallEvery      ...this often (degraded Wi-Fi); zero for never
 */
public record SimulationOptions(String robot, String role, boolean multipart, String bindHost, String robotHost,
        int commandPort, int observationPort, double rateHz, Duration duration, int cameras, int jpegBytes,
        String operatorId, Duration stall, Duration stallEvery) {

    public SimulationOptions {
        robot = robot.toLowerCase(Locale.ROOT);
        if (!robot.equals("lekiwi") && !robot.equals("xle")) {
            throw new IllegalArgumentException("robot must be lekiwi or xle, not '" + robot + "'");
        }
        if (!role.equals("both") && !role.equals("robot") && !role.equals("operator")) {
            throw new IllegalArgumentException("role must be both, robot or operator, not '" + role + "'");
        }
        if (rateHz <= 0 || rateHz > 1000) {
            throw new IllegalArgumentException("rate must be in (0, 1000] Hz, not " + rateHz);
        }
        if (cameras < 0 || cameras > 8 || jpegBytes < 4 || jpegBytes > 8 << 20) {
            throw new IllegalArgumentException("cameras 0..8 and JPEG size 4 B..8 MiB");
        }
        checkPort(commandPort);
        checkPort(observationPort);
        operatorId = operatorId == null ? "" : operatorId;
    }

    /** LeKiwi on 127.0.0.1:5555/5556 at 30 Hz with two ~66 KB cameras (lerobot PR #4088's 132 KB). */
    public static SimulationOptions defaults(String robot) {
        boolean xle = "xle".equalsIgnoreCase(robot);
        return new SimulationOptions(robot, "both", !xle, "127.0.0.1", "127.0.0.1", 5555, 5556, 30, Duration.ZERO,
                2, 66_000, "", Duration.ZERO, Duration.ZERO);
    }

    public SimulationOptions withPorts(int command, int observation) {
        return new SimulationOptions(robot, role, multipart, bindHost, robotHost, command, observation, rateHz,
                duration, cameras, jpegBytes, operatorId, stall, stallEvery);
    }

    public SimulationOptions withDuration(Duration value) {
        return new SimulationOptions(robot, role, multipart, bindHost, robotHost, commandPort, observationPort,
                rateHz, value, cameras, jpegBytes, operatorId, stall, stallEvery);
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
    }
}
