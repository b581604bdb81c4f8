package org.teleopmon.config.internal;

import java.io.IOException;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Gives a component its environment variables from its first activation. On a fresh distribution the
 * features service writes etc/&lt;pid&gt;.cfg and fileinstall reads it up to a second later; a component
 * that starts in between has no configuration at all, so no plugin sees it, and it would run on its
 * defaults (e.g. the streamer on 8765 although WEBSOCKET_PORT says otherwise). When a declared
 * variable is set and its PID has no configuration yet, this creates one holding the variable's key;
 * fileinstall later fills in the file's keys, and the variable still wins through the plugin.
 */
final class EnvironmentSeed {

    private final ConfigurationAdmin configAdmin;

    EnvironmentSeed(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Returns true when it created the configuration. */
    boolean seed(DeclaredEnvironment.Applied applied) throws IOException, InvalidSyntaxException {
        String filter = "(" + org.osgi.framework.Constants.SERVICE_PID + "=" + applied.pid() + ")";
        Configuration[] existing = configAdmin.listConfigurations(filter);
        if (existing != null && existing.length > 0) {
            return false;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(applied.key(), applied.value());
        configAdmin.getConfiguration(applied.pid(), "?").updateIfDifferent(properties);
        return true;
    }
}
