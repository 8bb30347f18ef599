package io.backbeat.generator;

import io.backbeat.events.ReasonCode;

/**
 * One row to inject into a file.
 *
 * @param reason why validation rejects it, or {@code DUPLICATE_KEY} for a copy of an earlier good row
 * @param ordinal its number among the rows of the same reason (rotates the damaged column and its form)
 * @param spare its number among all rows injected into the dataset (picks its spare row, or its original)
 * @param afterGoodRows how many good rows of the file precede it
 */
record Injection(ReasonCode reason, int ordinal, long spare, long afterGoodRows) {}
