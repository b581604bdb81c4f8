package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void noTokenConfiguredLetsEveryoneIn() {
        assertThat(new Access("", List.of()).authorised(null, null)).isTrue();
    }

    @Test
    void theTokenComesAsBearerHeaderOrQueryParameter() {
        Access access = new Access("s3cret", List.of());
        assertThat(access.authorised("Bearer s3cret", null)).isTrue();
        assertThat(access.authorised("bearer s3cret", null)).isTrue();
        assertThat(access.authorised(null, "s3cret")).isTrue();
        assertThat(access.authorised("Bearer s3cre", null)).isFalse();
        assertThat(access.authorised("Basic czNjcmV0", null)).isFalse();
        assertThat(access.authorised(null, null)).isFalse();
    }

    @Test
    void originsMustBeTheSameOrAllowed() {
        Access access = new Access("", List.of("http://dash.local:8080/"));
        assertThat(access.originAllowed(null, "robot:8765")).isTrue();
        assertThat(access.originAllowed("http://robot:8765", "robot:8765")).isTrue();
        assertThat(access.originAllowed("HTTP://DASH.local:8080", "robot:8765")).isTrue();
        assertThat(access.originAllowed("http://evil.example", "robot:8765")).isFalse();
        assertThat(access.originAllowed("not a uri", "robot:8765")).isFalse();
        assertThat(new Access("", List.of("*")).originAllowed("http://any", "robot")).isTrue();
    }
}
