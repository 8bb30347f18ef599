package io.backbeat.events;

/** A step an object goes through; the ledger keeps one item per object and stage. */
public enum Stage {
    VALIDATE("validate"),
    TRANSFORM("transform"),
    LOAD("load"),
    /** The KPI refresh a load started (recorded against the loaded object). */
    KPI_REFRESH("kpi_refresh");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
