package io.pinpointimport.destination;

/**
 * One column of a Customer Profiles upload: where its value comes from in a Pinpoint
 * endpoint and which profile field it fills.
 *
 * @param column the CSV column name
 * @param source a Pinpoint endpoint field in dot notation, or {@code Address:EMAIL} /
 * {@code Address:SMS|VOICE} for the address of endpoints of those channel types
 * @param target the profile field, e.g. {@code _profile.EmailAddress}
 * @param contentType STRING, NUMBER, PHONE_NUMBER, EMAIL_ADDRESS or NAME
 */
public record ProfileField(String column, String source, String target, String contentType) {

}
