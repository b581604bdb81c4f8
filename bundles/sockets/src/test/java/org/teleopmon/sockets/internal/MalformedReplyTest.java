package org.teleopmon.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketInterest;

/** Truncated and corrupted replies end in a clear {@link NetlinkException}, never in a read out of bounds. */
class MalformedReplyTest {

    private static final SocketInterest ANY = SocketInterest.all(Protocol.TCP);

    @Test
    void everyTruncationOfARealReplyIsMalformedOrDecodesWhatIsWhole() throws Exception {
        RawDump dump = RawDump.resource("tcp-v4.bin");
        byte[] first = dump.datagrams().get(0);
        for (int cut = 0; cut < first.length; cut++) {
            RawDump truncated = new RawDump(dump.sequence(), List.of(Arrays.copyOf(first, cut)));
            try {
                assertThat(truncated.decode(Protocol.TCP, ANY).size()).isLessThanOrEqualTo(5);
            } catch (NetlinkException e) {
                assertThat(e.kind()).isEqualTo(NetlinkException.Kind.MALFORMED);
                assertThat(e.getMessage()).startsWith("malformed sock_diag reply: ");
            }
        }
    }

    @Test
    void aMessageLengthBeyondTheDatagramIsMalformed() throws Exception {
        assertMalformed(b -> b.putInt(0, 1 << 20), "outside");
        assertMalformed(b -> b.putInt(0, 8), "outside");
        assertMalformed(b -> b.putInt(0, -1), "4294967295");
    }

    @Test
    void aSocketMessageTooShortForItsHeaderIsMalformed() throws Exception {
        assertMalformed(b -> b.putInt(0, 40), "socket message of 40 bytes");
    }

    @Test
    void anAttributeLengthOutOfBoundsIsMalformed() throws Exception {
        assertMalformed(b -> b.putShort(16 + DiagReply.MSG_BYTES, (short) 2), "attribute length 2");
        assertMalformed(b -> b.putShort(16 + DiagReply.MSG_BYTES, (short) 0x7fff), "attribute length 32767");
    }

    @Test
    void anUnknownFamilyOrMessageTypeIsMalformed() throws Exception {
        assertMalformed(b -> b.put(16, (byte) 7), "address family 7");
        assertMalformed(b -> b.putShort(4, (short) 99), "unexpected message type 99");
    }

    @Test
    void aTooShortErrorMessageIsMalformed() throws Exception {
        ByteBuffer error = ByteBuffer.allocate(18).order(ByteOrder.nativeOrder());
        error.putInt(0, 18).putShort(4, (short) DiagReply.NLMSG_ERROR).putInt(8, 1);
        DiagReply reply = new DiagReply();
        reply.begin(error, 18, 1);

        assertThatThrownBy(reply::next).isInstanceOf(NetlinkException.class).hasMessageContaining("status message");
    }

    @Test
    void anAcknowledgementIsSkipped() throws Exception {
        ByteBuffer ack = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        ack.putInt(0, 36).putShort(4, (short) DiagReply.NLMSG_ERROR).putInt(8, 1).putInt(16, 0);
        DiagReply reply = new DiagReply();
        reply.begin(ack, 36, 1);

        assertThat(reply.next()).isEqualTo(DiagReply.Item.END_OF_DATAGRAM);
    }

    private static void assertMalformed(Consumer<ByteBuffer> corruption, String message) throws Exception {
        RawDump dump = RawDump.resource("tcp-v4.bin");
        byte[] bytes = dump.datagrams().get(0).clone();
        corruption.accept(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()));
        RawDump corrupt = new RawDump(dump.sequence(), List.of(bytes));

        assertThatThrownBy(() -> corrupt.decode(Protocol.TCP, ANY))
                .isInstanceOfSatisfying(NetlinkException.class,
                        e -> assertThat(e.kind()).isEqualTo(NetlinkException.Kind.MALFORMED))
                .hasMessageContaining(message);
    }
}
