/**
 * A seeded, streaming generator of users, songs and streams CSV files shaped like the lab's exports, plays in
 * listening sessions, and on request an eventsim-style app event log as JSON lines, with an exact, known set
 * of bad rows; see {@link io.backbeat.generator.DatasetGenerator}.
 *
 * <p>Injected rows follow validation's order of checks: a row with another field count than the header is
 * {@code wrong_field_count}; otherwise the first failing column decides, checking in turn U+FFFD (bytes
 * that are not UTF-8) or NUL ({@code bad_encoding}), a blank required value ({@code missing_value}) and
 * the column type on the stripped value ({@code bad_integer}, {@code out_of_range}, {@code bad_track_id},
 * {@code bad_timestamp}, {@code bad_date}, {@code too_long}). Each injected row changes one field of an
 * otherwise valid row, so it fails exactly one check and the expected count per reason is exact.
 * Duplicates repeat an earlier good row of the same file byte for byte; validation keeps them and
 * transform drops them, so the manifest counts them apart.
 *
 * <p>Events lines are spoiled the same way, by the JSON rules of docs/data-formats.md in their order (bytes that
 * are not UTF-8, not one JSON object, then ts, sessionId and itemInSession, page, auth, level, userId, the song
 * of a NextSong, status): see {@code EventDefects}. Blank lines between them are not rows.
 */
package io.backbeat.generator;
