package io.backbeat.functions.warehouse;

/** A warehouse statement ended FAILED or ABORTED, or did not finish in time. */
public final class StatementFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String statementId;
    private final String status;
    private final String error;

    public StatementFailedException(String statementId, String status, String error, String sql) {
        super("Redshift statement " + statementId + " " + status + ": " + error + "\nstatement: " + abbreviate(sql));
        this.statementId = statementId;
        this.status = status;
        this.error = error;
    }

    /**
     * Whether Redshift aborted the transaction for a serialization conflict: error 1023, "Serializable isolation
     * violation" (https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html). Its statements were
     * rolled back; running them again is safe.
     */
    public boolean isSerializationConflict() {
        return "FAILED".equals(status) && error != null
                && (error.contains("1023") && error.contains("Serializable isolation violation"));
    }

    public String statementId() {
        return statementId;
    }

    public String status() {
        return status;
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 600 ? oneLine.substring(0, 600) + "…" : oneLine;
    }
}
