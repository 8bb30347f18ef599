package io.backbeat.localcloud.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3KeyEncodingTest {
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            raw/streams/2024/06/25/streams1.csv | raw/streams/2024/06/25/streams1.csv
            `red flower.jpg`                    | red+flower.jpg
            a+b                                 | a%2Bb
            100%                                | 100%25
            unreserved-_.~                      | unreserved-_.~
            star*paren()quote'bang!             | star%2Aparen%28%29quote%27bang%21
            `k=v;x,y&z?q#f`                     | k%3Dv%3Bx%2Cy%26z%3Fq%23f
            écoute                              | %C3%A9coute
            日本                                 | %E6%97%A5%E6%9C%AC
            🎵                                  | %F0%9F%8E%B5
            ../../etc/passwd                    | ../../etc/passwd
            """)
    void encode_escapesAsS3NotificationsDo(String key, String expected) {
        assertThat(S3KeyEncoding.encode(key)).isEqualTo(expected);
        assertThat(URLDecoder.decode(expected, UTF_8)).isEqualTo(key);
    }
}
