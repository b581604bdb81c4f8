/**
 * The kernel's socket table as a data source. The sockets bundle reads it through netlink
 * ({@code sock_diag}, what {@code ss -ti} reads: no root, no libpcap) and offers it as a
 * {@link org.teleopmon.api.sockets.SocketTable} service; consumers register
 * {@link org.teleopmon.api.sockets.SocketListener} services stating which sockets they want and receive
 * each new snapshot of them. The kernel filters by port, so only wanted sockets leave it.
 */
@Export
@Version("1.0.0")
package org.teleopmon.api.sockets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
