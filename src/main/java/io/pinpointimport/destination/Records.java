package io.pinpointimport.destination;

/**
 * Record counts of a finished job, for destinations that count records rather than pieces
 * (Customer Profiles' ResultsSummary).
 */
public record Records(long created, long updated, long failed) {

}
