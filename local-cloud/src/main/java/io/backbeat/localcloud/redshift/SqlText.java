package io.backbeat.localcloud.redshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement's text beside its {@code code}: the same text, position for position, with string
 * literals, quoted identifiers and dollar-quoted bodies blanked between their delimiters and
 * comments blanked entirely. Rules match keywords in {@code code} with regular expressions and edit
 * {@code original} at the same positions, so they never touch user data such as {@code 'DISTKEY'}
 * in a literal.
 */
record SqlText(String original, String code) {
    private static final char BLANK = ' ';

    SqlText {
        Objects.requireNonNull(original, "original must not be null");
        Objects.requireNonNull(code, "code must not be null");
        if (original.length() != code.length()) {
            throw new IllegalArgumentException("code must be as long as original");
        }
    }

    static SqlText of(String sql) {
        return new SqlText(sql, mask(sql));
    }

    /** Replaces every match of {@code pattern} in the code, editing the original text at the same places. */
    String replaceInCode(Pattern pattern, Function<MatchResult, String> replacement) {
        Matcher matcher = pattern.matcher(code);
        StringBuilder out = new StringBuilder(original.length());
        int copied = 0;
        while (matcher.find()) {
            out.append(original, copied, matcher.start()).append(replacement.apply(matcher.toMatchResult()));
            copied = matcher.end();
        }
        return copied == 0 ? original : out.append(original, copied, original.length()).toString();
    }

    /** The code of each statement between semicolons, blank ones left out, trimmed. */
    List<String> statementCodes() {
        List<String> statements = new ArrayList<>();
        for (String part : code.split(";", -1)) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }

    private static String mask(String sql) {
        char[] code = sql.toCharArray();
        int i = 0;
        while (i < code.length) {
            char c = code[i];
            if (c == '\'') {
                i = blankQuoted(code, i, '\'', isEscapeString(code, i));
            } else if (c == '"') {
                i = blankQuoted(code, i, '"', false);
            } else if (c == '-' && next(code, i) == '-') {
                i = blankLineComment(code, i);
            } else if (c == '/' && next(code, i) == '*') {
                i = blankBlockComment(code, i);
            } else if (c == '$' && !isIdentifierPart(previous(code, i))) {
                i = blankDollarQuoted(code, i);
            } else {
                i++;
            }
        }
        return new String(code);
    }

    /** Blanks a quoted run starting at {@code start}; a doubled quote is an escaped quote. Returns the index after it. */
    private static int blankQuoted(char[] code, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < code.length) {
            char c = code[i];
            if (backslashEscapes && c == '\\' && i + 1 < code.length) {
                code[i] = BLANK;
                code[i + 1] = BLANK;
                i += 2;
            } else if (c == quote && next(code, i) == quote) {
                code[i] = BLANK;
                code[i + 1] = BLANK;
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                code[i] = BLANK;
                i++;
            }
        }
        return i;
    }

    private static boolean isEscapeString(char[] code, int quote) {
        char before = previous(code, quote);
        return (before == 'e' || before == 'E') && !isIdentifierPart(quote >= 2 ? code[quote - 2] : BLANK);
    }

    private static int blankLineComment(char[] code, int start) {
        int i = start;
        while (i < code.length && code[i] != '\n') {
            code[i] = BLANK;
            i++;
        }
        return i;
    }

    /** PostgreSQL block comments nest. */
    private static int blankBlockComment(char[] code, int start) {
        int depth = 0;
        int i = start;
        while (i < code.length) {
            if (code[i] == '/' && next(code, i) == '*') {
                depth++;
                code[i] = BLANK;
                code[i + 1] = BLANK;
                i += 2;
            } else if (code[i] == '*' && next(code, i) == '/') {
                depth--;
                code[i] = BLANK;
                code[i + 1] = BLANK;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                code[i] = BLANK;
                i++;
            }
        }
        return i;
    }

    /** {@code $tag$ ... $tag$}; a {@code $} that does not open a tag (as in {@code $1}) is code. */
    private static int blankDollarQuoted(char[] code, int start) {
        int tagEnd = start + 1;
        while (tagEnd < code.length && isTagPart(code[tagEnd], tagEnd == start + 1)) {
            tagEnd++;
        }
        if (tagEnd >= code.length || code[tagEnd] != '$') {
            return start + 1;
        }
        String tag = new String(code, start, tagEnd - start + 1);
        int bodyStart = tagEnd + 1;
        int close = new String(code).indexOf(tag, bodyStart);
        int bodyEnd = close < 0 ? code.length : close;
        for (int i = bodyStart; i < bodyEnd; i++) {
            code[i] = BLANK;
        }
        return close < 0 ? code.length : close + tag.length();
    }

    private static boolean isTagPart(char c, boolean first) {
        return c == '_' || Character.isLetter(c) || (!first && Character.isDigit(c));
    }

    private static boolean isIdentifierPart(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c);
    }

    private static char next(char[] code, int i) {
        return i + 1 < code.length ? code[i + 1] : BLANK;
    }

    private static char previous(char[] code, int i) {
        return i > 0 ? code[i - 1] : BLANK;
    }
}
