package org.teleopmon.capture.internal;

import java.nio.file.Path;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * One libpcap handle. Not thread-safe: the thread that reads packets also sets filters, reads
 * statistics and closes it. {@link #next(byte[])} copies the frame into the caller's buffer and
 * leaves its facts in fields, so the hot path allocates nothing.
 */
final class PcapHandle implements AutoCloseable {

    private final Pointer pcap;
    private final String name;
    private final Memory headerRef = new Memory(Native.POINTER_SIZE);
    private final Memory dataRef = new Memory(Native.POINTER_SIZE);
    private final Memory statsBuffer = new Memory(12);
    private final NativeView view = new NativeView();
    private final PcapHeaderLayout layout = PcapHeaderLayout.NATIVE;
    private final long nanosPerFraction;
    private final int linkType;
    private boolean closed;

    int capturedLength;
    int wireLength;
    long timestampNanos;

    private PcapHandle(Pointer pcap, String name) {
        this.pcap = pcap;
        this.name = name;
        this.linkType = Libpcap.pcap_datalink(pcap);
        this.nanosPerFraction = Libpcap.pcap_get_tstamp_precision(pcap) == Libpcap.TSTAMP_PRECISION_NANO ? 1 : 1000;
    }

    static PcapHandle openLive(String device, CaptureSettings settings) throws PcapException {
        Libpcap.load();
        Memory errbuf = new Memory(Libpcap.ERRBUF_SIZE);
        Pointer pcap = Libpcap.pcap_create(device, errbuf);
        if (pcap == null) {
            throw new PcapException(PcapException.Kind.OTHER, device + ": " + errbuf.getString(0));
        }
        Libpcap.pcap_set_snaplen(pcap, settings.snapLength());
        Libpcap.pcap_set_promisc(pcap, settings.promiscuous() ? 1 : 0);
        Libpcap.pcap_set_timeout(pcap, 100);
        Libpcap.pcap_set_buffer_size(pcap, settings.bufferBytes());
        // Detectors react within tens of ms: hand every packet over at once, not per filled block.
        Libpcap.pcap_set_immediate_mode(pcap, 1);
        Libpcap.pcap_set_tstamp_precision(pcap, Libpcap.TSTAMP_PRECISION_NANO);
        int status = Libpcap.pcap_activate(pcap);
        if (status < 0) {
            String message = device + ": " + describe(pcap, status);
            Libpcap.pcap_close(pcap);
            throw new PcapException(PcapException.kindOf(status), message);
        }
        PcapHandle handle = new PcapHandle(pcap, device);
        if (Libpcap.pcap_setnonblock(pcap, 1, errbuf) < 0) {
            handle.close();
            throw new PcapException(PcapException.Kind.OTHER, device + ": " + errbuf.getString(0));
        }
        return handle;
    }

    static PcapHandle openOffline(Path file) throws PcapException {
        Libpcap.load();
        Memory errbuf = new Memory(Libpcap.ERRBUF_SIZE);
        Pointer pcap = Libpcap.pcap_open_offline_with_tstamp_precision(file.toString(),
                Libpcap.TSTAMP_PRECISION_NANO, errbuf);
        if (pcap == null) {
            throw new PcapException(PcapException.Kind.OTHER, errbuf.getString(0));
        }
        return new PcapHandle(pcap, file.toString());
    }

    private static String describe(Pointer pcap, int status) {
        String detail = Libpcap.pcap_geterr(pcap).getString(0);
        return detail.isEmpty() ? Libpcap.pcap_statustostr(status) : detail;
    }

    String name() {
        return name;
    }

    int linkType() {
        return linkType;
    }

    int selectableFd() {
        return Libpcap.pcap_get_selectable_fd(pcap);
    }

    void setFilter(String expression) throws PcapException {
        Memory program = new Memory(16);
        if (Libpcap.pcap_compile(pcap, program, expression, 1, 0) < 0) {
            throw new PcapException(PcapException.Kind.FILTER,
                    "cannot compile filter '" + expression + "': " + describe(pcap, -1));
        }
        try {
            if (Libpcap.pcap_setfilter(pcap, program) < 0) {
                throw new PcapException(PcapException.Kind.FILTER, name + ": " + describe(pcap, -1));
            }
        } finally {
            Libpcap.pcap_freecode(program);
        }
    }

    /**
     * Reads the next packet into {@code buffer}: 1 when one was read, 0 when none is waiting,
     * -2 at the end of a file.
     */
    int next(byte[] buffer) throws PcapException {
        int status = Libpcap.pcap_next_ex(pcap, headerRef, dataRef);
        if (status == 1) {
            NativeView header = view.at(address(headerRef));
            timestampNanos = layout.seconds(header) * 1_000_000_000L + layout.fraction(header) * nanosPerFraction;
            wireLength = layout.wireLength(header);
            capturedLength = Math.min(layout.capturedLength(header), buffer.length);
            view.at(address(dataRef)).read(0, buffer, 0, capturedLength);
            return 1;
        }
        if (status == 0 || status == Libpcap.ERROR_BREAK) {
            return status;
        }
        throw new PcapException(PcapException.kindOf(status), name + ": " + describe(pcap, status));
    }

    private static long address(Memory ref) {
        return Native.POINTER_SIZE == 8 ? ref.getLong(0) : ref.getInt(0) & 0xFFFF_FFFFL;
    }

    /** Kernel counters since the handle opened: received, dropped by the kernel, dropped by the interface. */
    boolean stats(long[] out) {
        if (Libpcap.pcap_stats(pcap, statsBuffer) < 0) {
            return false;
        }
        out[0] = statsBuffer.getInt(0) & 0xFFFF_FFFFL;
        out[1] = statsBuffer.getInt(4) & 0xFFFF_FFFFL;
        out[2] = statsBuffer.getInt(8) & 0xFFFF_FFFFL;
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libpcap.pcap_close(pcap);
        }
    }
}
