package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static ReplayBuffer filled(int capacity, int messages) {
        ReplayBuffer buffer = new ReplayBuffer(capacity);
        for (int seq = 1; seq <= messages; seq++) {
            buffer.add(new Message(seq, "state_update", "m" + seq));
        }
        return buffer;
    }

    @Test
    void givesWhatCameAfterLastSeqWhileItIsKept() {
        ReplayBuffer buffer = filled(5, 8);
        assertThat(buffer.after(5, 8)).extracting(Message::seq).containsExactly(6L, 7L, 8L);
        assertThat(buffer.after(3, 8)).extracting(Message::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(buffer.after(8, 8)).isEmpty();
    }

    @Test
    void saysResyncWhenAGapIsNoLongerKeptOrTheSeqIsFromTheFuture() {
        ReplayBuffer buffer = filled(5, 8);
        assertThat(buffer.after(2, 8)).isNull();
        assertThat(buffer.after(9, 8)).isNull();
        assertThat(buffer.after(-1, 8)).isNull();
        assertThat(filled(0, 3).after(2, 3)).isNull();
    }

    @Test
    void shrinkingKeepsTheNewest() {
        ReplayBuffer buffer = filled(10, 10);
        buffer.resize(2);
        assertThat(buffer.after(8, 10)).extracting(Message::seq).containsExactly(9L, 10L);
        assertThat(buffer.after(7, 10)).isNull();
    }
}
