package org.teleopmon.sockets.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.SocketTable;

/**
 * The OSGi face of the socket table: the listener whiteboard, the service and the health reporter. It follows
 * the engine's events to read faster while a session is active.
 */
@Component(service = {SocketTable.class, HealthReporter.class, TeleopEventListener.class, SocketsComponent.class},
        immediate = true, configurationPid = SocketsConfig.PID)
@Designate(ocd = SocketsConfig.class)
public class SocketsComponent implements SocketTable, HealthReporter, TeleopEventListener {

    private final Sockets sockets;

    @Activate
    public SocketsComponent(SocketsConfig config) {
        this.sockets = new Sockets(SocketSettings.from(config), Clock.systemUTC());
    }

    @Activate
    void activate() {
        sockets.start();
    }

    @Deactivate
    void deactivate() {
        sockets.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(SocketListener listener) {
        sockets.add(listener);
    }

    void removeListener(SocketListener listener) {
        sockets.remove(listener);
    }

    @Override
    public void onEvent(TeleopEvent event) {
        if (event.state() != null) {
            sockets.session(event.state().active());
        }
    }

    @Override
    public String component() {
        return "sockets";
    }

    @Override
    public Health health() {
        return sockets.health();
    }

    @Override
    public SocketSnapshot snapshot() {
        return sockets.snapshot();
    }

    @Override
    public SocketSnapshot read(SocketInterest interest) throws IOException {
        return sockets.read(interest);
    }

    /** Readings, their cost and the poll interval in force, for the shell. */
    public String pollStats() {
        return sockets.pollStats();
    }

    /** The registered listeners with their interests, for the shell. */
    public List<String> listeners() {
        return sockets.listeners();
    }
}
