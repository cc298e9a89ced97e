/**
 * Benchmark harnesses run by the scripts under {@code bench/} (never by the build): the
 * packaged service beside embedded PostgreSQL and the AWS stand-in, measured against a
 * reference in the same run.
 */
package io.pinpointimport.bench;
