package org.teleopmon.sockets.internal;

import com.sun.jna.LastErrorException;

/** The text of a failed libc call without JNA's "[errno]" prefix. */
final class Errno {

    private Errno() {
    }

    static String text(LastErrorException e) {
        String message = String.valueOf(e.getMessage());
        int bracket = message.indexOf("] ");
        return message.startsWith("[") && bracket > 0 ? message.substring(bracket + 2) : message;
    }
}
