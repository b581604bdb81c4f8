package org.teleopmon.api.sockets;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;
import org.teleopmon.api.Health;

/** The sockets bundle's service: the latest reading of the kernel's socket table, and its health. */
@ProviderType
public interface SocketTable {

    /**
     * The latest periodic reading: every socket any registered {@link SocketListener} is interested in, with
     * the changes since the reading before. Empty (with the time of the call) before the first reading or
     * while no listener is registered.
     */
    SocketSnapshot snapshot();

    /**
     * Reads the kernel's table now, for this interest only, outside the periodic readings ({@code added} and
     * {@code removed} are empty). For shells and tools; listeners get their readings pushed.
     *
     * @throws IOException when the kernel cannot be read (the message says why)
     */
    SocketSnapshot read(SocketInterest interest) throws IOException;

    /**
     * Whether the table can be read and what is visible: OK when readable; WARN when readable but the
     * process mapping is partial or off for lack of permission; unavailable when netlink
     * {@code sock_diag} cannot be used, with the reason and the fix.
     */
    Health health();
}
