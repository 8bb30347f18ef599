package io.backbeat.functions.kpi;

/**
 * The loads running now, as the KPI refresh sees them: a refresh that holds the lease waits until none is in flight
 * (or their deadlines have passed) before it claims its dates, so that a burst of loads ends in one refresh instead of
 * refreshes taking turns with the loads for the warehouse's fact table.
 */
public interface LoadsInFlight {

    /** Nothing tracked: for a refresh that runs in the load itself. */
    LoadsInFlight NONE = objectId -> () -> {};

    /**
     * Marks the load of {@code objectId} in flight until {@link Marker#end()} or, should the load never end it (its
     * function killed), until its deadline.
     */
    Marker begin(String objectId);

    /** One load's mark. */
    interface Marker {
        /** Ends the mark; again, it does nothing. */
        void end();
    }
}
