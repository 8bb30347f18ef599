package io.backbeat.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's table of environment variables once drifted from the code, so the page that replaced it is checked against {@link EnvironmentVariables}. */
class ConfigurationDocTest {
    private static final Path PAGE = Path.of("docs", "configuration.md");
    // A name in backticks; a row may name two ("`A` or `B`", "`A` / `B`"), so every match counts.
    private static final Pattern VARIABLE = Pattern.compile("`(BACKBEAT_[A-Z0-9_]+)`");

    @Test
    void configurationPage_listsExactlyTheVariablesOfEnvironmentVariables() throws Exception {
        String markdown = Files.readString(page());
        Set<String> listed = variablesInTableRows(markdown, true);
        Set<String> mentioned = variablesInTableRows(markdown, false);
        Set<String> defined = definedVariables();

        Set<String> missingFromPage = new TreeSet<>(defined);
        missingFromPage.removeAll(listed);
        Set<String> notDefined = new TreeSet<>(mentioned);
        notDefined.removeAll(defined);
        String drift = String.format("docs/configuration.md must list exactly the variables of EnvironmentVariables;"
                + " missing from the page: %s; on the page but not defined by the class: %s", missingFromPage, notDefined);
        assertThat(listed).as(drift).isEqualTo(defined);
        assertThat(mentioned).as(drift).isSubsetOf(defined);
    }

    /** The page from the repository root, found by walking up: Maven runs tests in the module directory, an IDE may not. */
    private static Path page() throws IOException {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(PAGE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no " + PAGE + " in " + Path.of("").toAbsolutePath() + " or any folder above it");
    }

    /**
     * Names in backticks in table rows: those of the first column when {@code firstColumnOnly} (a row lists its variables
     * there), else anywhere in the row. Prose is skipped: it may mention variables that are not the functions'.
     */
    private static Set<String> variablesInTableRows(String markdown, boolean firstColumnOnly) {
        Set<String> names = new TreeSet<>();
        markdown.lines().map(String::strip).filter(line -> line.startsWith("|")).forEach(row -> {
            String text = firstColumnOnly ? row.substring(1).split("\\|", 2)[0] : row;
            Matcher matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    private static Set<String> definedVariables() {
        return Arrays.stream(EnvironmentVariables.class.getDeclaredFields())
                .filter(field -> field.getType() == String.class)
                .filter(field -> {
                    int modifiers = field.getModifiers();
                    return Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers);
                })
                .map(ConfigurationDocTest::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
