package org.teleopmon.capture.internal;

/** A capture failure (libpcap or the network namespace), classified so that health can say what to do about it. */
final class PcapException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        NO_LIBRARY, PERMISSION, NO_DEVICE, NOT_UP, FILTER, NETNS, OTHER
    }

    private final Kind kind;

    PcapException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    static Kind kindOf(int status) {
        switch (status) {
            case Libpcap.ERROR_PERM_DENIED:
                return Kind.PERMISSION;
            case Libpcap.ERROR_NO_SUCH_DEVICE:
                return Kind.NO_DEVICE;
            case Libpcap.ERROR_IFACE_NOT_UP:
                return Kind.NOT_UP;
            default:
                return Kind.OTHER;
        }
    }
}
