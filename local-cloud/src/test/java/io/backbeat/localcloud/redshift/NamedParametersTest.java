package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamedParametersTest {
    @Test
    void bind_replacesEachUseOfANameWithAMarkerAndItsValue() {
        NamedParameters.Bound bound = NamedParameters.bind(
                "SELECT * FROM t WHERE a = :a AND b = :b OR a = :a", Map.of("a", "1", "b", "x"));

        assertThat(bound.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? OR a = ?");
        assertThat(bound.values()).containsExactly("1", "x", "1");
    }

    @Test
    void bind_leavesCastsLiteralsCommentsAndUnknownNamesAlone() {
        NamedParameters.Bound bound = NamedParameters.bind(
                "SELECT :a::int, ':a', \":a\", x::text, :other -- :a", Map.of("a", "5"));

        assertThat(bound.sql()).isEqualTo("SELECT ?::int, ':a', \":a\", x::text, :other -- :a");
        assertThat(bound.values()).containsExactly("5");
    }

    @Test
    void bind_doublesQuestionMarkOperatorsForPgjdbc() {
        NamedParameters.Bound bound = NamedParameters.bind("SELECT j ? 'k', '?' FROM t WHERE a = :a", Map.of("a", "1"));

        assertThat(bound.sql()).isEqualTo("SELECT j ?? 'k', '?' FROM t WHERE a = ?");
    }

    @Test
    void bind_withoutParameters_leavesTheSqlAsItIs() {
        assertThat(NamedParameters.bind("SELECT '?' , j ? 'k'", Map.of()))
                .isEqualTo(new NamedParameters.Bound("SELECT '?' , j ? 'k'", List.of()));
    }

    @Test
    void unused_namesParametersThatNoPlaceholderUses() {
        assertThat(NamedParameters.unused("SELECT :a, ':b' -- :c", Set.of("a", "b", "c"))).containsOnly("b", "c");
    }
}
