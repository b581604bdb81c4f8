package org.teleopmon.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Vector;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class AttributeCheckerTest {

    private final AttributeChecker checker = new AttributeChecker();
    private final AttributeDefinition[] port = { Definition.integer("port", 1, 65535) };

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
        AttributeDefinition[] flag = { Definition.of("enabled", AttributeDefinition.BOOLEAN) };
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
    void commaSeparatedTextBecomesTheDeclaredArrayType() {
        AttributeDefinition[] definitions = { Definition.integers("extra.ports", 1, 65535),
            Definition.list("process.names", AttributeDefinition.STRING),
            Definition.list("weights", AttributeDefinition.DOUBLE) };
        Dictionary<String, Object> props = new Hashtable<>(Map.of("extra.ports", " 5557, 5558 ,",
                "process.names", "chrome,  firefox", "weights", "0.5,1"));

        assertThat(checker.check("org.teleopmon.detector.zmq", definitions, props)).isEmpty();

        assertThat(props.get("extra.ports")).isEqualTo(new Integer[] { 5557, 5558 });
        assertThat(props.get("process.names")).isEqualTo(new String[] { "chrome", "firefox" });
        assertThat(props.get("weights")).isEqualTo(new Double[] { 0.5, 1.0 });
    }

    @Test
    void anEmptyListTextIsAnEmptyArray() {
        AttributeDefinition[] ports = { Definition.integers("extra.ports", 1, 65535) };
        Dictionary<String, Object> props = props("extra.ports", "");

        assertThat(checker.check("org.teleopmon.detector.zmq", ports, props)).isEmpty();
        assertThat(props.get("extra.ports")).isEqualTo(new Integer[0]);
    }

    @Test
    void aListWithOneBadItemKeepsThePreviousTypedList() {
        AttributeDefinition[] ports = { Definition.integers("extra.ports", 1, 65535) };
        checker.check("org.teleopmon.detector.zmq", ports, props("extra.ports", "5557,5558"));
        Dictionary<String, Object> props = props("extra.ports", "5557, 99999");

        assertThat(checker.check("org.teleopmon.detector.zmq", ports, props)).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("5557,99999");
            assertThat(r.describe()).contains("previous value '5557,5558'", "maximum 65535");
        });
        assertThat(props.get("extra.ports")).isEqualTo(new Integer[] { 5557, 5558 });
    }

    @Test
    void anArrayFromATypedFileIsConvertedToo() {
        AttributeDefinition[] ports = { Definition.integers("extra.ports", 1, 65535) };
        Dictionary<String, Object> props = new Hashtable<>(Map.of("extra.ports", new String[] { "5557" }));

        assertThat(checker.check("org.teleopmon.detector.zmq", ports, props)).isEmpty();
        assertThat(props.get("extra.ports")).isEqualTo(new Integer[] { 5557 });
    }

    @Test
    void aNegativeCardinalityGivesAList() {
        AttributeDefinition[] names = { new Definition("names", AttributeDefinition.STRING, -10, 0, 0) };
        Dictionary<String, Object> props = props("names", "a, b");

        checker.check("org.teleopmon.x", names, props);
        assertThat(props.get("names")).isEqualTo(new Vector<>(List.of("a", "b")));
    }

    private static Dictionary<String, Object> props(String key, Object value) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(key, value);
        return props;
    }
}
