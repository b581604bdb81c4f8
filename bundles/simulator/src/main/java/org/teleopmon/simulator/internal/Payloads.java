package org.teleopmon.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The bytes the real robots exchange: action JSON with the real key sets, observations with JPEGs. */
final class Payloads {

    private static final List<String> JOINTS = List.of("shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex",
            "wrist_roll", "gripper");
    private static final List<String> CAMERAS = List.of("front", "wrist", "left_wrist", "right_wrist", "head",
            "rear", "cam6", "cam7");

    private final List<String> positionKeys = new ArrayList<>();
    private final SimulationOptions options;
    private final byte[] jpeg;
    private final String base64;

    Payloads(SimulationOptions options) {
        this.options = options;
        if (options.robot().equals("xle")) {
            JOINTS.forEach(j -> positionKeys.add("left_arm_" + j + ".pos"));
            JOINTS.forEach(j -> positionKeys.add("right_arm_" + j + ".pos"));
            positionKeys.add("head_motor_1.pos");
            positionKeys.add("head_motor_2.pos");
        } else {
            JOINTS.forEach(j -> positionKeys.add("arm_" + j + ".pos"));
        }
        this.jpeg = jpeg(options.jpegBytes());
        this.base64 = Base64.getEncoder().encodeToString(jpeg);
    }

    /** The i-th command: the arm sways, the base drives forward 2 s then stands 1 s (at 30 Hz). */
    byte[] command(long i) {
        StringBuilder json = new StringBuilder(800).append('{');
        for (String key : positionKeys) {
            json.append('"').append(key).append("\": ")
                    .append(String.format(Locale.ROOT, "%.4f", 20 * Math.sin(i / 30.0 + key.length()))).append(", ");
        }
        double x = i % 90 < 60 ? 0.2 : 0.0;
        json.append(String.format(Locale.ROOT, "\"x.vel\": %.1f, \"y.vel\": 0.0, \"theta.vel\": 0.0", x));
        if (!options.operatorId().isEmpty()) {
            json.append(", \"operator_id\": \"").append(options.operatorId().replace("\"", "")).append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One observation as ZMQ frames. */
    List<byte[]> observation(long i) {
        StringBuilder json = new StringBuilder().append('{');
        for (String key : positionKeys) {
            json.append('"').append(key).append("\": ")
                    .append(String.format(Locale.ROOT, "%.4f", 20 * Math.sin(i / 30.0 + key.length()))).append(", ");
        }
        json.append("\"x.vel\": 0.0, \"y.vel\": 0.0, \"theta.vel\": 0.0");
        List<String> cams = CAMERAS.subList(0, options.cameras());
        if (!options.multipart()) {
            cams.forEach(c -> json.append(", \"").append(c).append("\": \"").append(base64).append('"'));
            return List.of(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
        }
        json.append(", \"_cams\": [");
        for (int c = 0; c < cams.size(); c++) {
            json.append(c == 0 ? "" : ", ").append('"').append(cams.get(c)).append('"');
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        cams.forEach(c -> frames.add(jpeg));
        return frames;
    }

    /** JPEG-shaped bytes: SOI and APP0 markers, filler, EOI marker. */
    private static byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 131 >>> 3);
        }
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        bytes[size - 2] = (byte) 0xFF;
        bytes[size - 1] = (byte) 0xD9;
        return bytes;
    }
}
