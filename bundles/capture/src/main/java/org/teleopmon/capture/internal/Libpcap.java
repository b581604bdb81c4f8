package org.teleopmon.capture.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * libpcap through JNA direct mapping: primitive and {@link Pointer} arguments only, so a call does
 * not allocate. Registered on demand (not in a static initialiser) so that a missing library can
 * be retried once the user installs it.
 */
final class Libpcap {

    static final int ERRBUF_SIZE = 256;
    static final int ERROR = -1;
    static final int ERROR_BREAK = -2;
    static final int ERROR_NO_SUCH_DEVICE = -5;
    static final int ERROR_PERM_DENIED = -8;
    static final int ERROR_IFACE_NOT_UP = -9;
    static final int TSTAMP_PRECISION_NANO = 1;

    /** Library names tried in order: Debian ships only the versioned files without libpcap-dev. */
    private static final String[] NAMES = {"pcap", "libpcap.so.1", "libpcap.so.0.8"};

    private static volatile boolean loaded;

    private Libpcap() {
    }

    static boolean isLoaded() {
        return loaded;
    }

    /** Registers the natives once; throws {@link UnsatisfiedLinkError} naming every name tried. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        UnsatisfiedLinkError last = null;
        for (String name : NAMES) {
            try {
                Native.register(Libpcap.class, NativeLibrary.getInstance(name));
                loaded = true;
                return;
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw new UnsatisfiedLinkError("libpcap not found (tried " + String.join(", ", NAMES) + "): "
                + (last == null ? "" : last.getMessage()));
    }

    static native Pointer pcap_create(String device, Pointer errbuf);

    static native Pointer pcap_open_offline_with_tstamp_precision(String file, int precision, Pointer errbuf);

    static native int pcap_set_snaplen(Pointer p, int snaplen);

    static native int pcap_set_promisc(Pointer p, int promisc);

    static native int pcap_set_timeout(Pointer p, int ms);

    static native int pcap_set_buffer_size(Pointer p, int bytes);

    static native int pcap_set_immediate_mode(Pointer p, int on);

    static native int pcap_set_tstamp_precision(Pointer p, int precision);

    static native int pcap_get_tstamp_precision(Pointer p);

    static native int pcap_activate(Pointer p);

    static native int pcap_setnonblock(Pointer p, int nonblock, Pointer errbuf);

    static native int pcap_get_selectable_fd(Pointer p);

    static native int pcap_datalink(Pointer p);

    static native int pcap_compile(Pointer p, Pointer program, String filter, int optimize, int netmask);

    static native int pcap_setfilter(Pointer p, Pointer program);

    static native void pcap_freecode(Pointer program);

    /** Fills {@code header} and {@code data} with pointers into libpcap's buffer: no copy, no allocation. */
    static native int pcap_next_ex(Pointer p, Pointer header, Pointer data);

    static native int pcap_stats(Pointer p, Pointer stats);

    static native Pointer pcap_geterr(Pointer p);

    static native String pcap_statustostr(int status);

    static native void pcap_close(Pointer p);

    static native String pcap_lib_version();
}
