package org.teleopmon.streamer.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration file that holds {@code auth.token} is its owner's alone: whoever can read the token
 * can use the API. Fileinstall rewrites the file with the process's umask, so this is checked on every
 * configuration, not only at install.
 */
final class SecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);
    /** Set by Felix fileinstall on configurations it reads from etc/. */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SecretFile() {
    }

    /** Makes the file owner-only when it holds a token; true when it changed the permissions. */
    static boolean protect(Object fileName, String token) {
        if (token == null || token.isBlank() || fileName == null) {
            return false;
        }
        try {
            String name = fileName.toString();
            Path file = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
            if (OWNER_ONLY.containsAll(now)) {
                return false;
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            LOG.info("Made {} readable by its owner only: it holds auth.token", file);
            return true;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.warn("{} holds auth.token but its permissions cannot be checked or set ({}): run chmod 600 on it",
                    fileName, e.toString());
            return false;
        }
    }
}
