package io.backbeat.localcloud.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreatedObjectTest {
    @Test
    void of_stripsTheQuotesHeadObjectPutsAroundETags() {
        assertThat(CreatedObject.of("b", "k", "\"abc\"", 1).eTag()).isEqualTo("abc");
        assertThat(CreatedObject.of("b", "k", "abc", 1).eTag()).isEqualTo("abc");
    }

    @Test
    void of_withoutVersion_hasNullVersionId() {
        assertThat(CreatedObject.of("b", "k", "abc", 1).versionId()).isNull();
    }

    @Test
    void of_readsAnEmptyVersionIdAsNone() {
        assertThat(CreatedObject.of("b", "k", "abc", 1, "").versionId()).isNull();
    }

    @Test
    void isMultipart_readsThePartCountSuffix() {
        assertThat(CreatedObject.of("b", "k", "3858f62230ac3c915f300c664312c11f-13", 1).isMultipart()).isTrue();
        assertThat(CreatedObject.of("b", "k", "3858f62230ac3c915f300c664312c11f", 1).isMultipart()).isFalse();
    }

    @Test
    void constructor_rejectsNegativeSize() {
        assertThatThrownBy(() -> CreatedObject.of("b", "k", "abc", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must not be negative, got -1");
    }

    @Test
    void constructor_rejectsEmptyKey() {
        assertThatThrownBy(() -> CreatedObject.of("b", "", "abc", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty");
    }

    @Test
    void constructor_rejectsNullBucket() {
        assertThatThrownBy(() -> CreatedObject.of(null, "k", "abc", 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("bucket must not be null");
    }
}
