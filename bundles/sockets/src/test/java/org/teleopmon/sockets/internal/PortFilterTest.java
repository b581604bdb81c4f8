package org.teleopmon.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The bytecode, run by a transcription of the kernel's {@code inet_diag_bc_run} and checked by one of its
 * {@code inet_diag_bc_audit}; the live tests show the kernel itself accepts and applies it.
 */
class PortFilterTest {

    @Test
    void acceptsExactlyTheWantedLocalAndRemotePorts() {
        byte[] code = PortFilter.compile(Set.of(5555, 5556), Set.of(8442));

        assertThat(run(code, 5555, 40000)).isTrue();
        assertThat(run(code, 5556, 0)).isTrue();
        assertThat(run(code, 40000, 8442)).isTrue();
        assertThat(run(code, 5557, 40000)).isFalse();
        assertThat(run(code, 5554, 5555)).isFalse();
        assertThat(run(code, 8442, 1)).isFalse();
        assertThat(audit(code)).isTrue();
    }

    @Test
    void everyPortOfALargeSetIsAcceptedAndNoOther() {
        Set<Integer> ports = IntStream.rangeClosed(1, 300).map(i -> i * 7).boxed().collect(Collectors.toSet());
        byte[] code = PortFilter.compile(ports, Set.of());

        assertThat(audit(code)).isTrue();
        for (int port = 1; port < 2200; port++) {
            assertThat(run(code, port, 0)).as("port %d", port).isEqualTo(ports.contains(port));
        }
    }

    @Test
    void noPortsOrTooManyMeanNoFilter() {
        assertThat(PortFilter.compile(Set.of(), Set.of())).isEmpty();
        Set<Integer> many = IntStream.rangeClosed(1, PortFilter.MAX_PORTS + 1).boxed().collect(Collectors.toSet());
        assertThat(PortFilter.compile(many, Set.of())).isEmpty();
    }

    /** {@code inet_diag_bc_run} for the port operators (net/ipv4/inet_diag.c). */
    private static boolean run(byte[] code, int sport, int dport) {
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.nativeOrder());
        int len = code.length;
        int pc = 0;
        while (len > 0) {
            int op = b.get(pc) & 0xff;
            int yesStep = b.get(pc + 1) & 0xff;
            int noStep = b.getShort(pc + 2) & 0xffff;
            boolean yes;
            switch (op) {
                case PortFilter.JMP -> yes = false;
                case PortFilter.S_GE -> yes = sport >= (b.getShort(pc + 6) & 0xffff);
                case PortFilter.S_LE -> yes = sport <= (b.getShort(pc + 6) & 0xffff);
                case PortFilter.D_GE -> yes = dport >= (b.getShort(pc + 6) & 0xffff);
                case PortFilter.D_LE -> yes = dport <= (b.getShort(pc + 6) & 0xffff);
                default -> throw new AssertionError("op " + op);
            }
            int step = yes ? yesStep : noStep;
            len -= step;
            pc += step;
        }
        return len == 0;
    }

    /** {@code inet_diag_bc_audit}: every jump lands on an op boundary or just past the end. */
    private static boolean audit(byte[] code) {
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.nativeOrder());
        int len = code.length;
        int pc = 0;
        while (len > 0) {
            int op = b.get(pc) & 0xff;
            int yes = b.get(pc + 1) & 0xff;
            int no = b.getShort(pc + 2) & 0xffff;
            int minLength = op == PortFilter.JMP ? 4 : 8;
            if (len < minLength || no < minLength || no > len + 4 || (no & 3) != 0) {
                return false;
            }
            if (no < len && !reachable(code, code.length - (len - no))) {
                return false;
            }
            if (yes < minLength || yes > len + 4 || (yes & 3) != 0) {
                return false;
            }
            pc += yes;
            len -= yes;
        }
        return len == 0;
    }

    private static boolean reachable(byte[] code, int target) {
        int pc = 0;
        while (pc < target) {
            pc += code[pc + 1] & 0xff;
        }
        return pc == target;
    }
}
