package io.backbeat.generator;

/**
 * The pages of the simulated app, with the HTTP method and status eventsim logs for each (a redirect, 307,
 * after the pages that change something; 404 for the error page).
 */
enum AppPage {
    HOME("Home", "GET", 200),
    NEXT_SONG("NextSong", "PUT", 200),
    THUMBS_UP("Thumbs Up", "PUT", 307),
    THUMBS_DOWN("Thumbs Down", "PUT", 307),
    ADD_TO_PLAYLIST("Add to Playlist", "PUT", 200),
    ADD_FRIEND("Add Friend", "PUT", 307),
    ROLL_ADVERT("Roll Advert", "GET", 200),
    SETTINGS("Settings", "GET", 200),
    SAVE_SETTINGS("Save Settings", "PUT", 307),
    HELP("Help", "GET", 200),
    ABOUT("About", "GET", 200),
    UPGRADE("Upgrade", "GET", 200),
    SUBMIT_UPGRADE("Submit Upgrade", "PUT", 307),
    DOWNGRADE("Downgrade", "GET", 200),
    SUBMIT_DOWNGRADE("Submit Downgrade", "PUT", 307),
    ERROR("Error", "GET", 404),
    LOGOUT("Logout", "PUT", 307),
    LOGIN("Login", "PUT", 307),
    CANCEL("Cancel", "PUT", 307),
    CANCELLATION_CONFIRMATION("Cancellation Confirmation", "GET", 200),
    REGISTER("Register", "GET", 200),
    SUBMIT_REGISTRATION("Submit Registration", "PUT", 307);

    private final String title;
    private final String method;
    private final int status;

    AppPage(String title, String method, int status) {
        this.title = title;
        this.method = method;
        this.status = status;
    }

    /** The page name as logged ({@code page}). */
    String title() {
        return title;
    }

    String method() {
        return method;
    }

    int status() {
        return status;
    }
}
