package org.teleopmon.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketInterest;

/**
 * 1,000,000 mutations of the recorded replies (byte flips, length fields set to edge values, truncations,
 * datagrams spliced together): the decoder either decodes sane sockets or throws {@link NetlinkException},
 * and never anything else.
 */
class FuzzTest {

    private static final int ROUNDS = 1_000_000;
    private static final int[] EDGES = {0, 1, 3, 4, 15, 16, 17, 87, 88, 89, 0x7fff, 0xffff, 0x7fffffff, -1, -16};

    @Test
    void aMillionMutatedRepliesNeverBreakTheDecoder() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : List.of("tcp-v4.bin", "tcp-v6.bin", "tcp-dualstack.bin", "udp-v4.bin", "refused.bin")) {
            seeds.addAll(RawDump.resource(name).datagrams());
        }
        SplittableRandom random = new SplittableRandom(16);
        DiagReply reply = new DiagReply();
        AddressCache addresses = new AddressCache();
        SocketInterest any = SocketInterest.all(Protocol.TCP, Protocol.UDP);
        long decoded = 0;
        long rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = mutate(seeds, random);
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            if (round % 2 == 0) {
                reply.begin(buffer, bytes.length, sequenceOf(bytes));
            } else { // as answers to a batch of lookups: refusals are items, not exceptions
                reply.beginAnswers(buffer, bytes.length, sequenceOf(bytes) - random.nextInt(3), 1 + random.nextInt(4));
            }
            try {
                DiagReply.Item item;
                while ((item = reply.next()) == DiagReply.Item.SOCKET || item == DiagReply.Item.REFUSED) {
                    if (item == DiagReply.Item.REFUSED) {
                        assertThat(reply.error()).isPositive();
                        continue;
                    }
                    SocketEntry entry = TableReader.entry(Protocol.TCP, reply, addresses);
                    assertThat(any.matches(entry)).isTrue();
                    assertThat(entry.localPort()).isBetween(0, 65535);
                    assertThat(entry.remotePort()).isBetween(0, 65535);
                    decoded++;
                }
            } catch (NetlinkException e) {
                rejected++;
            }
        }
        assertThat(decoded).as("mutations that still decode").isPositive();
        assertThat(rejected).as("mutations rejected").isPositive();
        System.out.println("fuzz: " + ROUNDS + " mutated datagrams, " + decoded + " sockets decoded, " + rejected
                + " rejected");
    }

    private static int sequenceOf(byte[] bytes) {
        return bytes.length >= 12 ? ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt(8) : 0;
    }

    private static byte[] mutate(List<byte[]> seeds, SplittableRandom random) {
        byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = random.nextInt(1, 9); i > 0 && bytes.length > 0; i--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                if (bytes.length >= 4) {
                    buffer.putInt(random.nextInt(bytes.length - 3) & ~3, EDGES[random.nextInt(EDGES.length)]);
                }
            }
            case 2 -> {
                if (bytes.length >= 2) {
                    buffer.putShort(random.nextInt(bytes.length - 1) & ~1, (short) EDGES[random.nextInt(EDGES.length)]);
                }
            }
            case 3 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            default -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int cut = random.nextInt(bytes.length + 1);
                byte[] spliced = java.util.Arrays.copyOf(bytes, cut + other.length);
                System.arraycopy(other, 0, spliced, cut, other.length);
                bytes = spliced;
            }
        }
        return bytes;
    }
}
