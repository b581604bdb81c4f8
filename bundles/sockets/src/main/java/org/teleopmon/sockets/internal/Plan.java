package org.teleopmon.sockets.internal;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketInterest;

/** What one reading asks the kernel for: per protocol, the union of the listeners' interests and its filter. */
final class Plan {

    static final Plan EMPTY = new Plan(new EnumMap<>(Protocol.class), new EnumMap<>(Protocol.class));

    final Map<Protocol, SocketInterest> interests;
    final Map<Protocol, byte[]> bytecode;

    private Plan(Map<Protocol, SocketInterest> interests, Map<Protocol, byte[]> bytecode) {
        this.interests = interests;
        this.bytecode = bytecode;
    }

    static Plan of(Iterable<SocketInterest> all) {
        Map<Protocol, SocketInterest> interests = new EnumMap<>(Protocol.class);
        Map<Protocol, byte[]> bytecode = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            Set<Integer> local = new HashSet<>();
            Set<Integer> remote = new HashSet<>();
            boolean allPorts = false;
            boolean wanted = false;
            for (SocketInterest interest : all) {
                if (interest.isEmpty() || !interest.protocols().contains(protocol)) {
                    continue;
                }
                wanted = true;
                allPorts |= interest.allPorts();
                local.addAll(interest.localPorts());
                remote.addAll(interest.remotePorts());
            }
            if (wanted) {
                interests.put(protocol, new SocketInterest(Set.of(protocol), local, remote, allPorts));
                bytecode.put(protocol, allPorts ? new byte[0] : PortFilter.compile(local, remote));
            }
        }
        return new Plan(interests, bytecode);
    }

    boolean isEmpty() {
        return interests.isEmpty();
    }
}
