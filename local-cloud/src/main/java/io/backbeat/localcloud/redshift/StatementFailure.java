package io.backbeat.localcloud.redshift;

/**
 * A statement failed; the message is the {@code Error} text DescribeStatement reports, in Redshift's
 * form ({@code ERROR: ...}).
 */
final class StatementFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StatementFailure(String error) {
        super(error);
    }

    StatementFailure(String error, Throwable cause) {
        super(error, cause);
    }

    /** Syntax or an option this endpoint does not implement, reported instead of being ignored. */
    static StatementFailure unsupported(String what, String statement) {
        return new StatementFailure("ERROR: not supported by the local Redshift endpoint: " + what + " in: " + statement);
    }
}
