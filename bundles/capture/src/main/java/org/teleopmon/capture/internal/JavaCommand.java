package org.teleopmon.capture.internal;

import java.io.IOException;
import java.nio.file.Path;

/** The real path of the running java binary: what {@code setcap} must be given. */
final class JavaCommand {

    private JavaCommand() {
    }

    static String path() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return java.toRealPath().toString();
        } catch (IOException e) {
            return java.toString();
        }
    }
}
