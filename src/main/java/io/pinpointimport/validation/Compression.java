package io.pinpointimport.validation;

import java.io.IOException;
import java.io.PushbackInputStream;

/**
 * Compressed formats Pinpoint cannot import, recognised by their magic bytes (never by
 * the file name).
 */
enum Compression {

	GZIP(0x1F, 0x8B), ZIP(0x50, 0x4B, 0x03, 0x04), BZIP2(0x42, 0x5A, 0x68), ZSTD(0x28, 0xB5, 0x2F, 0xFD),
	XZ(0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00);

	/** Bytes to peek at to recognise any of the formats. */
	static final int MAGIC_LENGTH = 6;

	private final int[] magic;

	Compression(int... magic) {
		this.magic = magic;
	}

	/**
	 * Peeks at the start of {@code in} (the bytes are pushed back) and names its
	 * compression, or null for none.
	 */
	static Compression sniff(PushbackInputStream in) throws IOException {
		byte[] head = new byte[MAGIC_LENGTH];
		int length = 0;
		while (length < head.length) {
			int read = in.read(head, length, head.length - length);
			if (read < 0) {
				break;
			}
			length += read;
		}
		in.unread(head, 0, length);
		for (Compression compression : values()) {
			if (compression.matches(head, length)) {
				return compression;
			}
		}
		return null;
	}

	private boolean matches(byte[] head, int length) {
		if (length < this.magic.length) {
			return false;
		}
		for (int i = 0; i < this.magic.length; i++) {
			if ((head[i] & 0xFF) != this.magic[i]) {
				return false;
			}
		}
		return true;
	}

}
