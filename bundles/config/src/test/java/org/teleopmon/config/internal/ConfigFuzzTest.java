package org.teleopmon.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.teleopmon.testsupport.Fuzz;

/**
 * What users type into etc/*.cfg and environment declarations, at random: the checker either keeps a
 * value that its type parses or rejects it with a message naming the PID and key, and never throws.
 */
class ConfigFuzzTest {

    private static final String ALPHABET = " ,0123456789-+.eE_xXabcdefz/:=\t%\\\"'\u00e9\u4e2d\u0000";
    private static final AttributeDefinition[] DEFINITIONS = {
        Definition.integer("port", 0, 65535), Definition.integers("ports", 1, 65535),
        Definition.of("period", AttributeDefinition.DOUBLE), Definition.of("enabled", AttributeDefinition.BOOLEAN),
        Definition.of("count", AttributeDefinition.LONG), Definition.list("names", AttributeDefinition.STRING),
        Definition.list("rates", AttributeDefinition.DOUBLE), Definition.of("name", AttributeDefinition.STRING)};

    @Test
    void randomValuesAreKeptTypedOrRejectedWithTheKeyNeverThrown() {
        Random random = Fuzz.random(0xC0F1);
        AttributeChecker checker = new AttributeChecker();
        int rounds = Fuzz.rounds(100_000);
        int accepted = 0;
        for (int round = 0; round < rounds; round++) {
            AttributeDefinition definition = DEFINITIONS[random.nextInt(DEFINITIONS.length)];
            Object value = random.nextInt(5) == 0 ? randomArray(random) : randomText(random);
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(definition.getID(), value);
            List<AttributeChecker.Rejection> rejections =
                    checker.check("org.teleopmon.fuzz", new AttributeDefinition[] {definition}, properties);
            if (rejections.isEmpty()) {
                accepted++;
                Object kept = properties.get(definition.getID());
                assertThat(kept).as("round %d: %s", round, value).isNotNull();
                if (ListValues.isList(definition) && definition.getType() != AttributeDefinition.STRING) {
                    assertThat(kept.getClass().isArray()).as("round %d typed list", round).isTrue();
                }
            } else {
                assertThat(rejections).singleElement().satisfies(r -> assertThat(r.describe())
                        .contains("'" + definition.getID() + "'", "org.teleopmon.fuzz"));
            }
        }
        assertThat(accepted).as("some random values are valid").isPositive().isLessThan(rounds);
    }

    @Test
    void randomEnvironmentDeclarationsNeverThrow() {
        Random random = Fuzz.random(0xE4F);
        int parsed = 0;
        for (int round = 0; round < Fuzz.rounds(100_000); round++) {
            String header = random.nextBoolean() ? randomText(random)
                    : "WEBSOCKET_PORT=org.teleopmon.streamer/port" + randomText(random);
            List<String> problems = new ArrayList<>();
            parsed += DeclaredEnvironment.parse(header, problems::add).size();
        }
        assertThat(parsed).as("the valid prefix is still read").isPositive();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String[] randomArray(Random random) {
        String[] values = new String[random.nextInt(4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = randomText(random);
        }
        return values;
    }
}
