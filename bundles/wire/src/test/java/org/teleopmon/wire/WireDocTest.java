package org.teleopmon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/wire.md against the code: each {@code <!-- wire:name -->} example has the same field names,
 * at every level, as the real JSON of the sample of that name; a string {@code "@other"} in an
 * example stands for the example named {@code other}. Every kind of record and message is shown.
 */
class WireDocTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", "."), "../../docs/wire.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- wire:([\\w-]+) -->\\s*```json\\n(.*?)```",
            Pattern.DOTALL);
    private static final Set<String> MUST_SHOW = Set.of("state", "operator", "session-operator", "session",
            "alert", "silence", "detector", "health", "summary", "stats", "message", "event-state_update",
            "event-operator_connected", "event-teleoperation_started", "event-latency_warning", "event-teleop_stall", "ledger-session",
            "ledger-operator", "usage-total");

    @TestFactory
    Stream<DynamicTest> everyExampleHasTheFieldsOfTheRealJson() throws IOException {
        Map<String, JsonNode> examples = examples();
        Map<String, Object> samples = Samples.all();
        return examples.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String real = name.equals("message") ? Samples.message() : Wire.write(samples.get(name));
            assertThat(samples.containsKey(name) || name.equals("message")).as("a sample named " + name).isTrue();
            assertThat(fields(expand(examples.get(name), examples), ""))
                    .as("fields of the example " + name + " in docs/wire.md, against the real JSON " + real)
                    .isEqualTo(fields(Wire.read(real), ""));
        }));
    }

    @Test
    void everyKindOfRecordAndMessageIsShown() throws IOException {
        assertThat(examples().keySet()).containsAll(MUST_SHOW);
    }

    private static Map<String, JsonNode> examples() throws IOException {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(Files.readString(DOC));
        while (m.find()) {
            assertThat(examples.put(m.group(1), Wire.read(m.group(2)))).as("one example named " + m.group(1)).isNull();
        }
        return examples;
    }

    /** The example with each {@code "@name"} replaced by the example of that name. */
    private static JsonNode expand(JsonNode node, Map<String, JsonNode> examples) {
        if (node.isTextual() && node.asText().startsWith("@")) {
            JsonNode target = examples.get(node.asText().substring(1));
            assertThat(target).as("an example named " + node.asText()).isNotNull();
            return expand(target, examples);
        }
        if (node.isObject()) {
            var copy = Wire.object();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), expand(e.getValue(), examples)));
            return copy;
        }
        if (node.isArray()) {
            var copy = Wire.array();
            node.forEach(e -> copy.add(expand(e, examples)));
            return copy;
        }
        return node;
    }

    /** Every field's path: {@code operators[].first_seen}, {@code metrics.fps}, ... */
    private static Set<String> fields(JsonNode node, String path) {
        Set<String> fields = new TreeSet<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                fields.add(field);
                fields.addAll(fields(e.getValue(), field));
            });
        } else if (node.isArray()) {
            node.forEach(element -> fields.addAll(fields(element, path + "[]")));
        }
        return fields;
    }
}
