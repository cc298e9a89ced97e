package io.pinpointimport.standin.pinpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.pinpointimport.standin.s3.S3StandIn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointFileCheckTest {

	@Test
	void splitsQuotedCsvValues() {
		assertThat(EndpointFileCheck.splitCsv("a,\"b,c\",\"say \"\"hi\"\"\",")).containsExactly("a", "b,c",
				"say \"hi\"", "");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointFileCheck.splitCsv("a,\"open"))
			.withMessageContaining("not closed");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointFileCheck.splitCsv("a,b\tc"))
			.withMessageContaining("tabs");
	}

	@Test
	void acceptsWellFormedCsv() {
		EndpointFileCheck.Result result = csv(
				"""
						ChannelType,Address,Id,OptOut,Metrics.visits,Attributes.Interests,Attributes.Interests,User.UserAttributes.Tier
						SMS,+14155550100,,NONE,3.5,golf,tennis,gold
						,,existing-id,ALL,,,,
						""");

		assertThat(result.processed()).isEqualTo(2);
		assertThat(result.failed()).isZero();
		assertThat(result.pieceFailed()).isFalse();
	}

	@Test
	void reportsEachBadCsvRow() {
		EndpointFileCheck.Result result = csv("""
				ChannelType,Address,OptOut,Metrics.visits
				SMS,+14155550100,NONE
				SMS,4155550100,NONE,1
				EMAIL,a@example.com,SOMETIMES,1
				EMAIL,a@example.com,NONE,many
				""");

		assertThat(result.processed()).isEqualTo(4);
		assertThat(result.failed()).isEqualTo(4);
		assertThat(result.messages()).containsExactly(
				"s3://b/f.csv line 2: expected 4 values as in the header, found 3",
				"s3://b/f.csv line 3: Address '4155550100' is not an E.164 phone number",
				"s3://b/f.csv line 4: OptOut must be ALL or NONE, not 'SOMETIMES'",
				"s3://b/f.csv line 5: Metrics.visits must be a number, not 'many'");
	}

	@Test
	void failsAFileWhoseHeaderNamesAnUnknownAttribute() {
		EndpointFileCheck.Result result = csv("ChannelType,Address,EndpointStatus\nSMS,+14155550100,ACTIVE\n");

		assertThat(result.pieceFailed()).isTrue();
		assertThat(result.messages())
			.containsExactly("s3://b/f.csv line 1 (header): 'EndpointStatus' is not an endpoint attribute");
	}

	@Test
	void acceptsAFileOfUserIdsOnly() {
		assertThat(csv("User.UserId\nu1\nu2\n").failed()).isZero();
	}

	@Test
	void failsAFileThatIsNotUtf8() {
		byte[] latin1 = "ChannelType,Address\nEMAIL,caf\u00e9@example.com\n".getBytes(StandardCharsets.ISO_8859_1);

		EndpointFileCheck.Result result = EndpointFileCheck.check(object("f.csv", latin1), "CSV");

		assertThat(result.messages()).containsExactly("s3://b/f.csv: the file is not UTF-8 encoded");
	}

	@Test
	void flattensNestedJsonEndpoints() {
		EndpointFileCheck.Result result = EndpointFileCheck.check(object("f.json", """
				{"ChannelType":"SMS","Address":"+14155550100","Location":{"Country":"CA"},"User":{"UserId":"u1"}}
				{"ChannelType":"SMS","Address":"+14155550100","Location":{"Planet":"Mars"}}
				""".getBytes(StandardCharsets.UTF_8)), "JSON");

		assertThat(result.processed()).isEqualTo(2);
		assertThat(result.messages())
			.containsExactly("s3://b/f.json line 2: 'Location.Planet' is not an endpoint attribute");
	}

	private static EndpointFileCheck.Result csv(String text) {
		return EndpointFileCheck.check(object("f.csv", text.getBytes(StandardCharsets.UTF_8)), "CSV");
	}

	private static S3StandIn.StoredObject object(String key, byte[] bytes) {
		return new S3StandIn.StoredObject("b", key, bytes, "text/csv", "\"etag\"", Instant.now(), Map.of());
	}

}
