package org.teleopmon.sockets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The facts {@link FixtureRecorder} wrote next to the recorded replies. */
final class Fixtures {

    private static final Properties FACTS = load();

    private Fixtures() {
    }

    static int fact(String fixture, String key) {
        return Integer.parseInt(text(fixture, key));
    }

    static String text(String fixture, String key) {
        String value = FACTS.getProperty(fixture.isEmpty() ? key : fixture + "." + key);
        if (value == null) {
            throw new IllegalStateException("no fact " + fixture + "." + key + " in fixtures.properties");
        }
        return value;
    }

    private static Properties load() {
        Properties facts = new Properties();
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/fixtures.properties")) {
            facts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facts;
    }
}
