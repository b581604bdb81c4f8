package org.teleopmon.operators.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.OperatorDirectory;

/**
 * The site's operator directory as a service. Its own entries come first; former per-detector
 * {@code operators} keys follow, so that an installed robot's names keep working. Rebuilt when
 * its configuration or any other {@code org.teleopmon.*} configuration changes.
 */
@Component(service = {OperatorDirectory.class, ConfigurationListener.class}, immediate = true,
        configurationPid = SiteDirectory.PID)
@Designate(ocd = OperatorsConfig.class)
public class SiteDirectory implements OperatorDirectory, ConfigurationListener {

    static final String PID = "org.teleopmon.operators";
    private static final Logger LOG = LoggerFactory.getLogger(SiteDirectory.class);

    private final ConfigurationAdmin configAdmin;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile List<String> own = List.of();
    private volatile Directory directory;

    @Activate
    public SiteDirectory(OperatorsConfig config, @Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
        configure(config);
    }

    @Modified
    void configure(OperatorsConfig config) {
        own = List.of(config.entries());
        rebuild();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (pid != null && pid.startsWith("org.teleopmon.") && !PID.equals(pid)) {
            rebuild();
        }
    }

    @Override
    public Optional<String> nameOf(String identity) {
        return directory.nameOf(identity);
    }

    @Override
    public List<Entry> entries() {
        return directory.entries();
    }

    private synchronized void rebuild() {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        lines.put(PID, own);
        lines.putAll(FormerOperatorKeys.read(configAdmin, this::warnOnce));
        directory = new Directory(lines, this::warnOnce);
    }

    private void warnOnce(String problem) {
        if (reported.add(problem)) {
            LOG.warn(problem);
        }
    }
}
