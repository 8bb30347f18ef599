package io.backbeat.generator;

/**
 * A user of users.csv as the app log shows them: eventsim's descriptive fields, consistent with the user's
 * row (the same names and country, a registration on the day the user was created).
 *
 * @param id the user_id of users.csv
 * @param registration epoch milliseconds of the sign-up
 */
record AppUser(
        long id, String firstName, String lastName, String gender, String location, String userAgent,
        long registration) {}
