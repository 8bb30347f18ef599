package io.backbeat.functions.stage;

import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import java.io.IOException;

/**
 * The work of one stage on one object, apart from events and the ledger, so that the Lambda handler
 * and {@code backbeat check} run the same code. Implementations stream: memory does not grow with the
 * object's size.
 */
public interface ObjectStage {

    Stage stage();

    /**
     * Processes the object stored under {@code key} at {@code version} and writes this stage's outputs
     * to {@code store}. A bad object is not an exception: it comes back as a result with a file rejection.
     *
     * @throws io.backbeat.functions.storage.ObjectChangedException when the object is no longer that version
     * @throws IOException when reading or writing fails; every output written so far is discarded
     */
    StageResult process(ZoneKey key, ObjectVersion version, ObjectStore store) throws IOException;
}
