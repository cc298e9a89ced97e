package io.pinpointimport.validation;

/**
 * Recognises decimal numbers without parsing them or throwing (parsing is only needed
 * when a range is checked).
 */
final class Numbers {

	private Numbers() {
	}

	/**
	 * True for an optionally signed decimal with optional fraction and exponent, e.g.
	 * {@code -12}, {@code 3.5}, {@code .5}, {@code 1e-3}; NaN and Infinity are not
	 * numbers here.
	 */
	static boolean isDecimal(char[] chars, int offset, int length) {
		int i = offset;
		int end = offset + length;
		if (i < end && (chars[i] == '-' || chars[i] == '+')) {
			i++;
		}
		int digits = 0;
		while (i < end && chars[i] >= '0' && chars[i] <= '9') {
			i++;
			digits++;
		}
		if (i < end && chars[i] == '.') {
			i++;
			while (i < end && chars[i] >= '0' && chars[i] <= '9') {
				i++;
				digits++;
			}
		}
		if (digits == 0) {
			return false;
		}
		if (i < end && (chars[i] == 'e' || chars[i] == 'E')) {
			i++;
			if (i < end && (chars[i] == '-' || chars[i] == '+')) {
				i++;
			}
			int exponent = 0;
			while (i < end && chars[i] >= '0' && chars[i] <= '9') {
				i++;
				exponent++;
			}
			if (exponent == 0) {
				return false;
			}
		}
		return i == end;
	}

	/**
	 * True for a plain decimal ({@link #isDecimal} without an exponent) that certainly
	 * lies within [-limit, limit], in one pass; false means "check it the long way".
	 */
	static boolean isDecimalWithin(char[] chars, int offset, int length, int limit) {
		int i = offset;
		int end = offset + length;
		if (i < end && (chars[i] == '-' || chars[i] == '+')) {
			i++;
		}
		long whole = 0;
		int digits = 0;
		while (i < end && chars[i] >= '0' && chars[i] <= '9') {
			whole = whole * 10 + (chars[i] - '0');
			if (++digits > 9) {
				return false;
			}
			i++;
		}
		boolean fraction = false;
		if (i < end && chars[i] == '.') {
			i++;
			while (i < end && chars[i] >= '0' && chars[i] <= '9') {
				fraction |= chars[i] != '0';
				digits++;
				i++;
			}
		}
		return i == end && digits > 0 && (whole < limit || (whole == limit && !fraction));
	}

}
