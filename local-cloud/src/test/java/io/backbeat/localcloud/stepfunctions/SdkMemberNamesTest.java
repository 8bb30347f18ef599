package io.backbeat.localcloud.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SdkMemberNamesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void request_turnsPascalCaseIntoTheApisCamelCaseMembers() throws Exception {
        JsonNode request = json("{\"Sql\":\"SELECT :a\",\"Parameters\":[{\"Name\":\"a\",\"Value\":\"1\"}]}");

        assertThat(SdkMemberNames.toWire(request, Set.of("name", "value"), "Parameters"))
                .isEqualTo(json("{\"Sql\":\"SELECT :a\",\"Parameters\":[{\"name\":\"a\",\"value\":\"1\"}]}"));
    }

    @Test
    void request_refusesANameThatIsNotPascalCase() throws Exception {
        JsonNode request = json("{\"Sql\":\"SELECT 1\",\"database\":\"dev\"}");

        assertThatThrownBy(() -> SdkMemberNames.toWire(request, Set.of(), "Parameters"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'database' at Parameters is not PascalCase; AWS SDK integrations take every"
                        + " parameter name in PascalCase (write 'Database')");
    }

    @Test
    void response_hasEveryMemberInPascalCase() throws Exception {
        JsonNode response = json("{\"Records\":[[{\"longValue\":42},{\"isNull\":true}]],"
                + "\"ColumnMetadata\":[{\"name\":\"n\",\"typeName\":\"int4\"}],\"TotalNumRows\":1}");

        assertThat(SdkMemberNames.fromWire(response)).isEqualTo(json("{\"Records\":[[{\"LongValue\":42},{\"IsNull\":true}]],"
                + "\"ColumnMetadata\":[{\"Name\":\"n\",\"TypeName\":\"int4\"}],\"TotalNumRows\":1}"));
    }
}
