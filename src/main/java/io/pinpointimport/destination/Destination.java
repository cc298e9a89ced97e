package io.pinpointimport.destination;

/**
 * The systems an import can go to.
 */
public enum Destination {

	/** Amazon Pinpoint import jobs into a segment (the default). */
	PINPOINT,

	/** Amazon Connect Customer Profiles upload jobs into a domain. */
	CUSTOMER_PROFILES

}
