package org.teleopmon.sockets.internal;

import java.util.HashMap;
import java.util.Map;

import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;

/** A listener, its interest, and what it was last given (to tell it what was added and removed). */
final class Subscription {

    final SocketListener listener;
    final SocketInterest interest;
    /** The sockets of its previous snapshot by cookie; touched by the poll thread only. */
    Map<Long, org.teleopmon.api.sockets.SocketEntry> previous = new HashMap<>();
    long errors;
    boolean errorLogged;

    Subscription(SocketListener listener, SocketInterest interest) {
        this.listener = listener;
        this.interest = interest;
    }
}
