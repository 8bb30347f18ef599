package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/**
 * The type of a contract column: how a raw value is checked. {@link #check} receives the value with
 * surrounding whitespace already removed and never an empty string (emptiness is the column's
 * {@code optional} flag's business).
 */
public sealed interface ColumnType
        permits IntegerType, TextType, CreditListType, DateType, TimestampType, TrackIdType, ChoiceType, NumberType, BooleanType {

    /** Returns null when the value is acceptable, otherwise the reason it is not. */
    ReasonCode check(String value);

    /** A sentence a person can act on, for a value this type rejected with {@code reason}. */
    String explain(String column, ReasonCode reason);

    /** The Redshift column type this contract type loads into. */
    String warehouseType();
}
