package org.teleopmon.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class FormerDurationKeysTest {

    private final AttributeDefinition[] shm = { Definition.of("update.interval", AttributeDefinition.DOUBLE),
        Definition.of("namespace", AttributeDefinition.STRING),
        Definition.of("process.scan.interval", AttributeDefinition.INTEGER) };

    @Test
    void millisecondsMoveToTheSecondsKey() {
        Dictionary<String, Object> props = new Hashtable<>(Map.of("update.interval.ms", "100"));

        assertThat(FormerDurationKeys.apply("org.teleopmon.shm", shm, props)).singleElement().satisfies(r -> {
            assertThat(r.newValue()).isEqualTo("0.1");
            assertThat(r.describe()).contains("'update.interval.ms = 100'", "'update.interval = 0.1' (seconds)",
                    "etc/org.teleopmon.shm.cfg");
        });
        assertThat(props.get("update.interval")).isEqualTo("0.1");
        assertThat(props.get("update.interval.ms")).isNull();
    }

    @Test
    void secondsSuffixOnlyLosesTheSuffix() {
        Dictionary<String, Object> props = new Hashtable<>(Map.of("process.scan.interval.s", "30"));

        FormerDurationKeys.apply("org.teleopmon.detector.webrtc", shm, props);
        assertThat(props.get("process.scan.interval")).isEqualTo("30");
    }

    @Test
    void theNewKeyWinsWhenBothAreSet() {
        Dictionary<String, Object> props = new Hashtable<>(Map.of("update.interval.ms", "100", "update.interval", "2"));

        assertThat(FormerDurationKeys.apply("org.teleopmon.shm", shm, props)).singleElement()
                .satisfies(r -> assertThat(r.describe()).contains("ignored", "'update.interval' (seconds) is set"));
        assertThat(props.get("update.interval")).isEqualTo("2");
        assertThat(props.get("update.interval.ms")).isNull();
    }

    @Test
    void textThatIsNoNumberIsLeftForTheChecker() {
        Dictionary<String, Object> props = new Hashtable<>(Map.of("update.interval.ms", "soon"));

        FormerDurationKeys.apply("org.teleopmon.shm", shm, props);
        assertThat(props.get("update.interval")).isEqualTo("soon");
    }

    @Test
    void declaredKeysAndKeysWithoutANumericStemStay() {
        AttributeDefinition[] declared = { Definition.of("window.ms", AttributeDefinition.LONG),
            Definition.of("window", AttributeDefinition.DOUBLE) };
        Dictionary<String, Object> props = new Hashtable<>(Map.of("window.ms", "500", "namespace.s", "x"));

        assertThat(FormerDurationKeys.apply("org.teleopmon.x", declared, props)).isEmpty();
        assertThat(FormerDurationKeys.apply("org.teleopmon.shm", shm, props)).isEmpty();
        assertThat(props.get("window.ms")).isEqualTo("500");
        assertThat(props.get("namespace.s")).isEqualTo("x");
    }
}
