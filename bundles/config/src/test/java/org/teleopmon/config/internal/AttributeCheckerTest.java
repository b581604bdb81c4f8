package org.teleopmon.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class AttributeCheckerTest {

    private final AttributeChecker checker = new AttributeChecker();
    private final AttributeDefinition[] port = { new RangeDefinition("port", AttributeDefinition.INTEGER, 1, 65535) };

    @Test
    void validValueIsKeptAndRemembered() {
        Dictionary<String, Object> props = props("port", "9000");
        assertThat(checker.check("org.teleopmon.streamer", port, props)).isEmpty();
        assertThat(props.get("port")).isEqualTo("9000");
    }

    @Test
    void invalidValueWithoutHistoryIsRemovedSoTheDefaultApplies() {
        Dictionary<String, Object> props = props("port", "eighty");
        List<AttributeChecker.Rejection> rejections = checker.check("org.teleopmon.streamer", port, props);

        assertThat(props.get("port")).isNull();
        assertThat(rejections).singleElement().satisfies(r -> assertThat(r.describe())
                .contains("'eighty'", "'port'", "org.teleopmon.streamer", "the default stays in force"));
    }

    @Test
    void invalidValueAfterAValidOneRestoresThePreviousValue() {
        checker.check("org.teleopmon.streamer", port, props("port", "9000"));
        Dictionary<String, Object> props = props("port", "70000");

        List<AttributeChecker.Rejection> rejections = checker.check("org.teleopmon.streamer", port, props);

        assertThat(props.get("port")).isEqualTo("9000");
        assertThat(rejections).singleElement()
                .satisfies(r -> assertThat(r.describe()).contains("previous value '9000'", "maximum"));
    }

    @Test
    void typeIsCheckedWhenTheValidatorDeclines() {
        AttributeDefinition[] flag = { new RangeDefinition("enabled", AttributeDefinition.BOOLEAN, 0, 0) };
        Dictionary<String, Object> props = props("enabled", "yes");

        assertThat(checker.check("org.teleopmon.x", flag, props)).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("boolean"));
        assertThat(props.get("enabled")).isNull();
    }

    @Test
    void everyElementOfAListIsChecked() {
        Dictionary<String, Object> props = new Hashtable<>(Map.of("port", new String[] { "5555", "0" }));
        assertThat(checker.check("org.teleopmon.zmq", port, props)).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("5555,0"));
    }

    @Test
    void seedEnvironmentOverridesOnlyItsTargets() {
        SeedEnvironment env = new SeedEnvironment(Map.of("WEBSOCKET_PORT", " 9001 ", "ROBOT_TYPE", "xle")::get);
        Dictionary<String, Object> streamer = props("port", "8765");
        Dictionary<String, Object> other = props("port", "8765");

        assertThat(env.apply("org.teleopmon.streamer", streamer)).hasSize(1);
        assertThat(env.apply("org.teleopmon.metrics", other)).isEmpty();
        assertThat(streamer.get("port")).isEqualTo("9001");
        assertThat(other.get("port")).isEqualTo("8765");
    }

    @Test
    void logLevelNamesArePythonFriendly() {
        assertThat(LogLevelFromEnvironment.normalise(" warning")).isEqualTo("WARN");
        assertThat(LogLevelFromEnvironment.normalise("debug")).isEqualTo("DEBUG");
        assertThat(LogLevelFromEnvironment.normalise("loud")).isNull();
    }

    private static Dictionary<String, Object> props(String key, Object value) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(key, value);
        return props;
    }

    /** A metatype attribute whose validator checks a numeric range, or declines for other types. */
    private record RangeDefinition(String id, int type, long min, long max) implements AttributeDefinition {

        @Override
        public String validate(String value) {
            if (type != INTEGER) {
                return null;
            }
            try {
                long v = Long.parseLong(value.trim());
                return v < min ? "Value is less than minimum " + min : v > max ? "Value is greater than maximum " + max : "";
            } catch (NumberFormatException e) {
                return "Value '" + value + "' is not an integer";
            }
        }

        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public int getCardinality() {
            return 0;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return null;
        }

        @Override
        public String[] getOptionLabels() {
            return null;
        }

        @Override
        public String[] getDefaultValue() {
            return null;
        }
    }
}
