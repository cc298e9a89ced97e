package io.pinpointimport.destination;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The router picks a destination by the destination an import was stored with, and
 * refuses to start unless exactly one destination runs each kind of import.
 */
class DestinationRouterTests {

	@Test
	void routesByTheStoredDestinationAlone() {
		Named pinpoint = new Named(Destination.PINPOINT, "pinpoint");
		Named profiles = new Named(Destination.CUSTOMER_PROFILES, "profiles");
		Destinations router = new DestinationRouter(List.of(profiles, pinpoint));
		assertThat(router.of(Destination.PINPOINT)).isSameAs(pinpoint);
		assertThat(router.of(Destination.CUSTOMER_PROFILES)).isSameAs(profiles);
	}

	@Test
	void refusesToStartWithoutADestinationForEachKindOfImport() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new DestinationRouter(List.of(new Named(Destination.PINPOINT, "pinpoint"))))
			.withMessageContaining("CUSTOMER_PROFILES");
	}

	@Test
	void refusesToStartWithTwoDestinationsForOneKindOfImport() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new DestinationRouter(List.of(new Named(Destination.PINPOINT, "one"),
					new Named(Destination.PINPOINT, "two"), new Named(Destination.CUSTOMER_PROFILES, "profiles"))))
			.withMessageContaining("one and two");
	}

	/** A destination that only has a kind and a name. */
	private record Named(Destination destination, String name) implements ImportDestination {

		@Override
		public Capabilities capabilities() {
			return new Capabilities(this.name, Capabilities.Reconciliation.BY_REFERENCE, false);
		}

		@Override
		public SubmittedJob submit(JobDefinition definition, Duration timeout) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Job describe(String applicationId, String jobId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public JobPage list(String applicationId, int pageSize, String pageToken) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean mayHaveCreated(JobDefinition submitted, Job listed) {
			return false;
		}

		@Override
		public String conflictKey(JobDefinition definition) {
			return this.name;
		}

		@Override
		public String createdSegmentId(JobDefinition submitted, Job job) {
			return null;
		}

	}

}
