package io.pinpointimport.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than the configured size with {@code 413}: at once when
 * {@code Content-Length} says so, otherwise (chunked bodies) after reading one byte more
 * than allowed.
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final ProblemResponses problems;

	RequestSizeLimitFilter(DataSize maxRequestSize, ProblemResponses problems) {
		this.maxBytes = maxRequestSize.toBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
			if (body.length > this.maxBytes) {
				tooLarge(request, response);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
				"Request body too large", "Request bodies may be at most " + this.maxBytes + " bytes.",
				Map.of("maxBytes", this.maxBytes));
	}

	/** A request whose body was read ahead into memory. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
					: StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
