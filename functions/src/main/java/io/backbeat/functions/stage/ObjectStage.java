package io.backbeat.functions.stage;

import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.StoredObject;
import java.io.IOException;

/**
 * The work of one stage on one object, apart from events and the ledger, so that the Lambda handler
 * and {@code backbeat check} run the same code. Implementations stream: memory does not grow with the
 * object's size.
 */
public interface ObjectStage {

    Stage stage();

    /**
     * Reads {@code object} (stored under {@code key}) and writes this stage's outputs to {@code store}.
     * A bad object is not an exception: it comes back as a result with a file rejection.
     *
     * @throws IOException when reading or writing fails; every output written so far is discarded
     */
    StageResult process(ZoneKey key, StoredObject object, ObjectStore store) throws IOException;
}
