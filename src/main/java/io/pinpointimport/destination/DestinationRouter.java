package io.pinpointimport.destination;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The destination the import workflow talks to: each call goes to the destination whose
 * application ids or definitions it concerns - Pinpoint unless another destination's
 * namespace says otherwise.
 */
@Component
@Primary
class DestinationRouter implements ImportDestination {

	private final PinpointDestination pinpoint;

	private final List<NamespacedDestination> others;

	DestinationRouter(PinpointDestination pinpoint, List<NamespacedDestination> others) {
		this.pinpoint = pinpoint;
		this.others = others;
	}

	private ImportDestination of(String applicationId) {
		if (applicationId != null) {
			for (NamespacedDestination other : this.others) {
				if (applicationId.startsWith(other.namespace())) {
					return other;
				}
			}
		}
		return this.pinpoint;
	}

	private ImportDestination of(JobDefinition definition) {
		for (NamespacedDestination other : this.others) {
			if (other.runs(definition)) {
				return other;
			}
		}
		return of(definition.applicationId());
	}

	/** Pinpoint's: the workflow reads only names for messages from it. */
	@Override
	public Capabilities capabilities() {
		return this.pinpoint.capabilities();
	}

	@Override
	public Capabilities capabilitiesFor(String applicationId) {
		return of(applicationId).capabilities();
	}

	@Override
	public SubmittedJob submit(JobDefinition definition, Duration timeout) {
		return of(definition).submit(definition, timeout);
	}

	@Override
	public Job describe(String applicationId, String jobId) {
		return of(applicationId).describe(applicationId, jobId);
	}

	@Override
	public JobPage list(String applicationId, int pageSize, String pageToken) {
		return of(applicationId).list(applicationId, pageSize, pageToken);
	}

	@Override
	public boolean mayHaveCreated(JobDefinition submitted, Job listed) {
		return of(submitted).mayHaveCreated(submitted, listed);
	}

	@Override
	public String conflictKey(JobDefinition definition) {
		return of(definition).conflictKey(definition);
	}

	@Override
	public String createdSegmentId(JobDefinition submitted, Job job) {
		return of(submitted).createdSegmentId(submitted, job);
	}

	@Override
	public boolean failedForRoleAccess(Job job) {
		return (job.definition() != null) ? of(job.definition()).failedForRoleAccess(job)
				: this.pinpoint.failedForRoleAccess(job);
	}

	@Override
	public void cancel(String applicationId, String jobId) {
		of(applicationId).cancel(applicationId, jobId);
	}

}
