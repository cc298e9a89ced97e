package io.pinpointimport.profiles;

/**
 * How Customer Profiles reads a column: the model's {@code FieldContentType}.
 */
public enum ContentType {

	/** Free text. */
	STRING,

	/** A number. */
	NUMBER,

	/** A phone number, E.164 preferred. */
	PHONE_NUMBER,

	/** An email address. */
	EMAIL_ADDRESS,

	/** A person's name. */
	NAME

}
