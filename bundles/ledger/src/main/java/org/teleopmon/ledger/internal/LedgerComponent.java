package org.teleopmon.ledger.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.usage.LedgerCounters;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionPage;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageLedger;
import org.teleopmon.api.usage.UsageTotal;

/**
 * The ledger as a sink: it listens to every event, reads the engine's state and the metrics through the
 * API (both optional), and serves {@link UsageLedger} to the HTTP layer and the shell. A new
 * configuration restarts it: the running session is closed, then picked up again from the engine.
 */
@Component(service = {TeleopEventListener.class, HealthReporter.class, UsageLedger.class}, immediate = true,
        configurationPid = LedgerComponent.PID)
@Designate(ocd = LedgerConfig.class)
public class LedgerComponent implements TeleopEventListener, HealthReporter, UsageLedger {

    static final String PID = "org.teleopmon.ledger";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TeleopMonitor monitor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MetricsCollector metrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RobotIdentity identity;

    private final Ledger ledger;

    @Activate
    public LedgerComponent(LedgerConfig config) {
        Path data = Path.of(System.getProperty("karaf.data", "data"));
        ledger = Ledger.start(Settings.from(config, data), Clock.systemUTC(), () -> monitor, () -> metrics,
                () -> identity);
    }

    @Deactivate
    void deactivate() {
        ledger.close();
    }

    @Override
    public void onEvent(TeleopEvent event) {
        ledger.onEvent(event);
    }

    @Override
    public String component() {
        return "ledger";
    }

    @Override
    public Health health() {
        return ledger.health();
    }

    @Override
    public SessionPage sessions(SessionQuery query) {
        return ledger.sessions(query);
    }

    @Override
    public Optional<LedgerSession> session(String id) {
        return ledger.session(id);
    }

    @Override
    public List<UsageTotal> usage(Instant from, Instant to, UsageGrouping by) {
        return ledger.usage(from, to, by);
    }

    @Override
    public LedgerCounters counters() {
        return ledger.counters();
    }
}
