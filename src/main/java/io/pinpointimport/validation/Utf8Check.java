package io.pinpointimport.validation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Passes bytes through unchanged while checking they are well-formed UTF-8 (no overlong
 * forms, surrogates or code points above U+10FFFF), remembering the byte offset and line
 * of the first malformed sequence.
 */
final class Utf8Check extends FilterInputStream {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

	private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

	private static final long TABS = 0x0909090909090909L;

	private static final long ONES = 0x0101010101010101L;

	private boolean tabSeen;

	private long offset;

	private long line = 1;

	private long firstBadOffset = -1;

	private long firstBadLine;

	private long badSequences;

	// Continuation bytes still expected for the current sequence.
	private int pending;

	// Allowed range of the next continuation byte (narrower right after some lead bytes).
	private int low = 0x80;

	private int high = 0xBF;

	private long sequenceStart;

	Utf8Check(InputStream in) {
		this(in, 0);
	}

	/** Checks {@code in}, whose first byte is at {@code offset} in the file. */
	Utf8Check(InputStream in, long offset) {
		super(in);
		this.offset = offset;
	}

	@Override
	public int read() throws IOException {
		int b = this.in.read();
		if (b >= 0) {
			scan(new byte[] { (byte) b }, 0, 1);
		}
		else {
			finish();
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int off, int len) throws IOException {
		int read = this.in.read(buffer, off, len);
		if (read > 0) {
			scan(buffer, off, read);
		}
		else if (read < 0) {
			finish();
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] scratch = new byte[(int) Math.min(n, 8192)];
		long skipped = 0;
		while (skipped < n) {
			int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	/**
	 * Leaves the underlying stream open: whoever opened it decides how to end it (an S3
	 * object read only in part is aborted rather than drained).
	 */
	@Override
	public void close() {
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	/**
	 * True once a tab byte was read: until then no value read so far can hold one, which
	 * spares scanning every CSV value for tabs.
	 */
	boolean tabSeen() {
		return this.tabSeen;
	}

	/** True when every byte read so far forms valid UTF-8. */
	boolean valid() {
		return this.firstBadOffset < 0;
	}

	/** Zero-based byte offset of the first malformed sequence, or -1. */
	long firstBadOffset() {
		return this.firstBadOffset;
	}

	/** One-based line of the first malformed sequence. */
	long firstBadLine() {
		return this.firstBadLine;
	}

	/** Malformed sequences seen so far. */
	long badSequences() {
		return this.badSequences;
	}

	private void scan(byte[] buffer, int off, int len) {
		int end = off + len;
		int i = off;
		while (i < end) {
			if (this.pending == 0) {
				// ASCII fast path, eight bytes at a time: the common case for endpoint
				// files.
				if (this.firstBadOffset < 0) {
					while (i + 8 <= end) {
						long word = (long) LONGS.get(buffer, i);
						if ((word & HIGH_BITS) != 0) {
							break;
						}
						this.line += newlines(word);
						if (!this.tabSeen) {
							long x = word ^ TABS;
							this.tabSeen = ((x - ONES) & ~x & HIGH_BITS) != 0;
						}
						i += 8;
					}
					while (i < end) {
						byte b = buffer[i];
						if (b < 0) {
							break;
						}
						if (b == '\n') {
							this.line++;
						}
						this.tabSeen |= b == '\t';
						i++;
					}
				}
				else {
					while (i < end && buffer[i] >= 0) {
						this.tabSeen |= buffer[i] == '\t';
						i++;
					}
				}
				if (i == end) {
					break;
				}
				lead(buffer[i] & 0xFF, this.offset + (i - off));
				i++;
			}
			else {
				int b = buffer[i] & 0xFF;
				if (b < this.low || b > this.high) {
					// The sequence broke off; this byte starts something new.
					bad(this.sequenceStart);
					this.pending = 0;
					continue;
				}
				this.low = 0x80;
				this.high = 0xBF;
				this.pending--;
				i++;
			}
		}
		this.offset += len;
	}

	/** How many bytes of an all-ASCII word are '\n' (exact: no carries between bytes). */
	private static int newlines(long word) {
		long x = word ^ NEWLINES;
		long zeroBytes = ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x) & HIGH_BITS;
		return Long.bitCount(zeroBytes);
	}

	private void lead(int b, long at) {
		this.sequenceStart = at;
		if (b >= 0xC2 && b <= 0xDF) {
			this.pending = 1;
		}
		else if (b == 0xE0) {
			this.pending = 2;
			this.low = 0xA0;
		}
		else if (b == 0xED) {
			this.pending = 2;
			this.high = 0x9F;
		}
		else if (b >= 0xE1 && b <= 0xEF) {
			this.pending = 2;
		}
		else if (b == 0xF0) {
			this.pending = 3;
			this.low = 0x90;
		}
		else if (b >= 0xF1 && b <= 0xF3) {
			this.pending = 3;
		}
		else if (b == 0xF4) {
			this.pending = 3;
			this.high = 0x8F;
		}
		else {
			bad(at);
		}
	}

	private void finish() {
		if (this.pending > 0) {
			bad(this.sequenceStart);
			this.pending = 0;
		}
	}

	private void bad(long at) {
		this.badSequences++;
		this.low = 0x80;
		this.high = 0xBF;
		if (this.firstBadOffset < 0) {
			this.firstBadOffset = at;
			this.firstBadLine = this.line;
		}
	}

}
