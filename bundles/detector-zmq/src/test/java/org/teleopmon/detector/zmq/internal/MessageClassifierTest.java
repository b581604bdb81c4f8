package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MessageClassifierTest {

    private final MessageClassifier classifier = new MessageClassifier(65536);

    @Test
    void commands() {
        assertThat(toRobot(Zmtp.lekiwiCommand(0, null))).isEqualTo(MessageKind.LEKIWI_COMMAND);
        assertThat(classifier.baseDriven()).isFalse();
        assertThat(toRobot(Zmtp.lekiwiCommand(-0.1, "carol"))).isEqualTo(MessageKind.LEKIWI_COMMAND);
        assertThat(classifier.baseDriven()).isTrue();
        assertThat(classifier.operatorId()).isEqualTo("carol");
        assertThat(toRobot(Zmtp.xleCommand())).isEqualTo(MessageKind.XLE_COMMAND);
        assertThat(classifier.robotType()).isEqualTo("xle");
        assertThat(toRobot("{\"raw_velocity\": {\"left_wheel\": 0}, \"arm_positions\": [1, 2]}"))
                .isEqualTo(MessageKind.LEGACY_COMMAND);
        assertThat(toRobot("{\"type\": \"command\", \"action\": \"forward\"}")).isEqualTo(MessageKind.WEB_COMMAND);
        assertThat(toRobot("{\"hello\": 1}")).isEqualTo(MessageKind.OTHER);
    }

    @Test
    void malformedCommands() {
        assertThat(toRobot("not json")).isEqualTo(MessageKind.MALFORMED);
        assertThat(toRobot("[1, 2, 3]")).isEqualTo(MessageKind.MALFORMED);
        assertThat(toRobot("{\"x.vel\": 1,,}")).isEqualTo(MessageKind.MALFORMED);
        assertThat(toRobot("{\"big\": \"" + "y".repeat(70_000) + "\"}")).isEqualTo(MessageKind.MALFORMED);
        assertThat(classifier.reason()).contains("limit 65536");
    }

    @Test
    void observations() {
        assertThat(fromRobot(Zmtp.stream().json(Zmtp.base64Observation(50_000)).bytes()))
                .isEqualTo(MessageKind.OBSERVATION_BASE64);
        assertThat(fromRobot(Zmtp.stream().message(Zmtp.multipartHeader().getBytes(StandardCharsets.UTF_8),
                Zmtp.jpeg(1000), Zmtp.jpeg(1000)).bytes())).isEqualTo(MessageKind.OBSERVATION_MULTIPART);
        assertThat(fromRobot(Zmtp.stream().json("{\"images\": {}, \"present_speed\": {}}").bytes()))
                .isEqualTo(MessageKind.OBSERVATION_LEGACY);
        assertThat(fromRobot(Zmtp.stream().json("binary\u0000").bytes())).isEqualTo(MessageKind.OTHER);
    }

    private MessageKind toRobot(String json) {
        return classify(Zmtp.stream().json(json).bytes(), true);
    }

    private MessageKind fromRobot(byte[] stream) {
        return classify(stream, false);
    }

    private MessageKind classify(byte[] stream, boolean toRobot) {
        MessageKind[] kind = new MessageKind[1];
        ZmtpDecoder decoder = new ZmtpDecoder(new Recorder() {
            @Override
            public void message(ZmtpMessage m) {
                kind[0] = classifier.classify(m, toRobot, true);
            }
        }, 4096, 64L << 20);
        decoder.startOfStream();
        byte[] greeting = Zmtp.stream().greeting("NULL").bytes();
        decoder.feed(greeting, 0, greeting.length);
        decoder.feed(stream, 0, stream.length);
        return kind[0];
    }
}
