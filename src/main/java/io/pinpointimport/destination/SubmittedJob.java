package io.pinpointimport.destination;

/**
 * A job just created, with the destination's id for the request that created it (for
 * Pinpoint the {@code x-amzn-RequestId} AWS Support asks for), or null when it sent none.
 */
public record SubmittedJob(Job job, String requestId) {

}
