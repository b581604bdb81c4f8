package org.teleopmon.shm.reader;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where a namespace's files live: {@code <directory>/<namespace>-state} and {@code -ring}. */
public final class ShmPaths {

    public static final String DEFAULT_NAMESPACE = "teleoperation";
    public static final Path DEFAULT_DIRECTORY = Path.of("/dev/shm");

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private ShmPaths() {
    }

    public static Path state(Path directory, String namespace) {
        return directory.resolve(checked(namespace) + "-state");
    }

    public static Path ring(Path directory, String namespace) {
        return directory.resolve(checked(namespace) + "-ring");
    }

    private static String checked(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace '" + namespace
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return namespace;
    }
}
