package io.pinpointimport.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.destination.ProfilesTarget;

import org.springframework.stereotype.Component;

/**
 * Puts an import's files into Customer Profiles as one upload job: the files under the
 * location are read twice, never held - once to check them and measure the converted CSV,
 * once to stream it to the job's upload path - so memory does not grow with them. All
 * files of an import go into one job (one header row), so an import is one job.
 */
@Component
class ProfilesUploads {

	/** Customer Profiles takes files under 1 GB per upload job (admin guide). */
	static final long MAX_FILE_BYTES = 1_000_000_000L;

	private final SourceFiles files;

	private final ProfilesGateway gateway;

	private final PresignedUpload upload;

	ProfilesUploads(SourceFiles files, ProfilesGateway gateway, PresignedUpload upload) {
		this.files = files;
		this.gateway = gateway;
		this.upload = upload;
	}

	/**
	 * The checked files of an import, and the mapping and length of their profile CSV.
	 */
	record Prepared(List<SourceFiles.SourceFile> files, FileFormat format, FieldMapping mapping, long rows,
			long rowsWithoutKey, long bytes) {

	}

	/** A prepared import, or why it cannot go to Customer Profiles. */
	record Preparation(Prepared prepared, Preflight refusal) {

	}

	/**
	 * Reads the files once and applies this destination's pre-flight rules: files of the
	 * format exist and parse, every column of a given mapping finds its source in some
	 * endpoint, the unique key gets a value in some endpoint, and the profile CSV stays
	 * under 1 GB.
	 */
	Preparation prepare(ProfilesTarget target, String s3Url, FileFormat format) {
		List<SourceFiles.SourceFile> found = this.files.list(s3Url, format);
		if (found.isEmpty()) {
			return refused("no-files", "No " + format + " file (." + format.name().toLowerCase() + ") is under " + s3Url
					+ ": put the endpoint files there or correct s3Url and format");
		}
		Scan scan = new Scan();
		for (SourceFiles.SourceFile file : found) {
			try (InputStream in = this.files.open(file); EndpointReader endpoints = EndpointReader.open(in, format)) {
				while (endpoints.hasNext()) {
					scan.add(endpoints.next());
				}
			}
			catch (EndpointReader.Malformed ex) {
				return refused("malformed-file", "s3://" + file.bucket() + "/" + file.key() + " line " + ex.line()
						+ ": " + ex.getMessage() + ". Fix the file; nothing was uploaded");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (scan.rows() == 0) {
			return refused("no-rows", "The files under " + s3Url + " hold no endpoint");
		}
		FieldMapping mapping = (target.fields() != null) ? FieldMapping.of(target.fields(), target.uniqueKey())
				: FieldMapping.defaults(scan.fieldsSeen());
		if (target.fields() == null && target.uniqueKey() != null) {
			mapping = new FieldMapping(mapping.columns(), target.uniqueKey());
		}
		String key = mapping.uniqueKey();
		if (mapping.columns().stream().noneMatch(column -> column.name().equals(key))) {
			return refused("unique-key-missing", "The unique key " + key + " is not a column of the mapping for "
					+ "these files (columns: " + String.join(", ", mapping.names()) + ")");
		}
		if (target.fields() != null) {
			for (FieldMapping.Column column : mapping.columns()) {
				if (scan.rowsWith(column) == 0) {
					return refused("unmapped-source",
							"Column " + column.name() + " reads " + column.source() + ", which no endpoint in the "
									+ "files has (fields seen: "
									+ String.join(", ", new java.util.TreeSet<>(scan.fieldsSeen()))
									+ "). Correct its source or leave the column out");
				}
			}
		}
		long withKey = scan.rowsWith(mapping.keyColumn());
		if (withKey == 0) {
			return refused("unique-key-missing",
					"No endpoint gives the unique key " + mapping.uniqueKey() + " (from " + mapping.keyColumn().source()
							+ "): every row would fail. Add it to the files or choose " + "another uniqueKey");
		}
		long bytes = scan.convertedBytes(mapping);
		if (bytes >= MAX_FILE_BYTES) {
			return refused("file-too-large", "The profile CSV would be " + bytes + " bytes; Customer Profiles takes "
					+ "under 1 GB per upload job. Split the files across imports (one location each)");
		}
		return new Preparation(
				new Prepared(List.copyOf(found), format, mapping, scan.rows(), scan.rows() - withKey, bytes), null);
	}

	private static Preparation refused(String rule, String detail) {
		return new Preparation(null, new Preflight(rule, detail));
	}

	/** Looks for the job an earlier try created: its DisplayName is the import's. */
	Optional<ProfilesGateway.UploadJob> find(String domain, String displayName) {
		return this.gateway.findByDisplayName(domain, displayName, 100, 200);
	}

	String create(ProfilesTarget target, String displayName, Prepared prepared) {
		return this.gateway.create(target.domainName(), displayName, prepared.mapping(), target.dataExpiryDays());
	}

	/**
	 * Streams the profile CSV to the job's upload path. Safe to repeat: a later PUT
	 * replaces the file, and a job reads it only once started.
	 */
	void upload(String domain, String jobId, Prepared prepared) {
		ProfilesGateway.UploadPath path = this.gateway.path(domain, jobId);
		this.upload.put(path, prepared.bytes(),
				() -> ProfileCsv.stream(prepared.mapping(), new Endpoints(this.files, prepared)));
	}

	/** Every endpoint of the prepared files, one file open at a time. */
	private static final class Endpoints implements Iterator<Map<String, List<String>>>, AutoCloseable {

		private final SourceFiles files;

		private final Iterator<SourceFiles.SourceFile> remaining;

		private final FileFormat format;

		private InputStream in;

		private EndpointReader current;

		Endpoints(SourceFiles files, Prepared prepared) {
			this.files = files;
			this.remaining = prepared.files().iterator();
			this.format = prepared.format();
		}

		@Override
		public boolean hasNext() {
			while (this.current == null || !this.current.hasNext()) {
				close();
				if (!this.remaining.hasNext()) {
					return false;
				}
				this.in = this.files.open(this.remaining.next());
				this.current = EndpointReader.open(this.in, this.format);
			}
			return true;
		}

		@Override
		public Map<String, List<String>> next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return this.current.next();
		}

		@Override
		public void close() {
			try {
				if (this.current != null) {
					this.current.close();
				}
				if (this.in != null) {
					this.in.close();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				this.current = null;
				this.in = null;
			}
		}

	}

}
