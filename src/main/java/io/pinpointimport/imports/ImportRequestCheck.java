package io.pinpointimport.imports;

/**
 * A check of a location an import names, run when the import is requested, so a mistake
 * that is knowable at once is refused ({@code 422}) instead of failing the import later.
 * Implementations throw the problem; one that cannot decide (AWS unreachable, access
 * denied) lets the import through to its pre-flight.
 */
public interface ImportRequestCheck {

	/**
	 * Checks {@code s3Url} (already well-formed), named by the request field
	 * {@code field}.
	 */
	void checkLocation(String field, String s3Url);

}
