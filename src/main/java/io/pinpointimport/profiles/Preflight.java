package io.pinpointimport.profiles;

/**
 * Why an import's files cannot go to Customer Profiles as they are, found before any
 * upload job is created.
 *
 * @param rule the rule that failed, e.g. {@code unique-key-missing}
 * @param detail what is wrong and how to fix it
 */
record Preflight(String rule, String detail) {

}
