package io.pinpointimport.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 into exactly the characters {@code InputStreamReader} gives (a malformed
 * sequence becomes U+FFFD), but widens runs of ASCII bytes straight into the caller's
 * buffer: endpoint files are nearly all ASCII, and the JDK's decoder costs more per byte.
 */
final class Utf8Reader extends Reader {

	/** Bytes read from the stream at a time. */
	static final int CHUNK_BYTES = 64 * 1024;

	private final InputStream in;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPLACE)
		.onUnmappableCharacter(CodingErrorAction.REPLACE);

	private final byte[] bytes = new byte[CHUNK_BYTES];

	// bytes[position, limit) are read but not decoded yet.
	private int position;

	private int limit;

	private boolean eof;

	// The low surrogate of a pair whose high half was the last char returned, or -1.
	private int leftover = -1;

	private final char[] pair = new char[2];

	Utf8Reader(InputStream in) {
		this.in = in;
	}

	@Override
	public int read(char[] chars, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int n = 0;
		if (this.leftover >= 0) {
			chars[offset] = (char) this.leftover;
			this.leftover = -1;
			n = 1;
		}
		boolean stalled = false;
		while (n < length) {
			if (this.position == this.limit || stalled) {
				if (n > 0 || !fill()) {
					break;
				}
				stalled = false;
				continue;
			}
			int before = this.position;
			int written = decode(chars, offset + n, length - n);
			n += written;
			// Nothing decoded: the bytes left start a sequence that continues beyond
			// them.
			stalled = written == 0 && this.position == before;
		}
		return (n == 0) ? -1 : n;
	}

	/**
	 * Widens a run of ASCII bytes, or hands the bytes from a non-ASCII one to the JDK's
	 * decoder; returns the chars written.
	 */
	private int decode(char[] chars, int offset, int length) {
		byte[] buf = this.bytes;
		int from = this.position;
		int end = Math.min(this.limit, from + length);
		int i = from;
		while (i < end && buf[i] >= 0) {
			chars[offset + (i - from)] = (char) buf[i];
			i++;
		}
		if (i > from) {
			this.position = i;
			return i - from;
		}
		ByteBuffer input = ByteBuffer.wrap(buf, from, this.limit - from);
		CharBuffer output = CharBuffer.wrap(chars, offset, length);
		CoderResult result = this.decoder.decode(input, output, this.eof);
		int written = output.position() - offset;
		if (written == 0 && result.isOverflow()) {
			// Room for one char, but the decoder wants two (a surrogate pair, or a
			// four-byte lead it has yet to find broken): the first now, any second on the
			// next read.
			CharBuffer two = CharBuffer.wrap(this.pair);
			this.decoder.decode(input, two, this.eof);
			chars[offset] = this.pair[0];
			this.leftover = (two.position() > 1) ? this.pair[1] : -1;
			written = 1;
		}
		this.position = input.position();
		return written;
	}

	/** Reads more bytes, keeping the undecoded ones; false at the end of the stream. */
	private boolean fill() throws IOException {
		if (this.eof) {
			return false;
		}
		int kept = this.limit - this.position;
		System.arraycopy(this.bytes, this.position, this.bytes, 0, kept);
		this.position = 0;
		this.limit = kept;
		int read = this.in.read(this.bytes, kept, this.bytes.length - kept);
		if (read < 0) {
			this.eof = true;
			return kept > 0;
		}
		this.limit += read;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
