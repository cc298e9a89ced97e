package io.pinpointimport.role;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import io.pinpointimport.guardrail.GuardRails;
import io.pinpointimport.system.ProblemException;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Rules of the service that need collaborators the end-to-end tests cannot switch on: an
 * import using the role, and guard-rails.
 */
class ImportRoleServiceTests {

	private final IamGateway iam = mock(IamGateway.class);

	private final StsGateway sts = mock(StsGateway.class);

	private final ImportRoleStore store = mock(ImportRoleStore.class);

	private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	private final GuardRails guardRails = mock(GuardRails.class);

	private final ImportRoleService service = new ImportRoleService(this.iam, this.sts, this.store,
			new RoleSettings("/pinpoint-import/", Duration.ofSeconds(10),
					new RoleSettings.Waiter(Duration.ofMillis(1), 1)),
			Region.US_EAST_1, this.beans.getBeanProvider(RoleUsage.class), this.guardRails);

	private static final RoleDeclaration declaration = new RoleDeclaration("importer", null,
			RoleAccess.S3_READ_ONLY_MANAGED, List.of(), List.of(), null, Map.of());

	private static final String ARN = "arn:aws:iam::123456789012:role/pinpoint-import/importer";

	@BeforeEach
	void unlocked() {
		given(this.store.tryLock(any(), any(), any(), any())).willReturn(true);
	}

	@Test
	void refusesToDeleteARoleAnUnfinishedImportUses() {
		DesiredRole desired = DesiredRole.of(declaration, new AwsAccount("123456789012", "aws"), "us-east-1",
				"/pinpoint-import/", null);
		LiveRole live = new LiveRole("importer", ARN, "AROA1", "/pinpoint-import/", Instant.EPOCH,
				desired.trustPolicy(), "", null, desired.tags(), desired.managedPolicyArns(), Map.of());
		given(this.store.find("importer")).willReturn(Optional.of(new StoredRole(declaration, "/pinpoint-import/", null,
				ARN, "AROA1", false, Instant.EPOCH, Instant.EPOCH, "someone", Instant.EPOCH)));
		given(this.iam.findRole("importer")).willReturn(Optional.of(live));
		this.beans.addBean("usage", (RoleUsage) ARN::equals);

		RoleInUse refused = catchThrowableOfType(RoleInUse.class, () -> this.service.delete("importer"));

		assertThat(refused.getStatusCode().value()).isEqualTo(409);
		then(this.iam).should(never()).detachPolicy(anyString(), anyString());
		then(this.iam).should(never()).deleteRole(anyString());
		then(this.store).should(never()).delete(anyString());
		then(this.store).should().record(argThat(change -> change.outcome() == RoleChange.Outcome.REFUSED));
	}

	@Test
	void guardrailsRunBeforeAnyAwsCall() {
		willThrow(new Denied()).given(this.guardRails).checkRoleName(any(), any());

		Denied denied = catchThrowableOfType(Denied.class, () -> this.service.put(declaration, false, false));

		assertThat(denied.getStatusCode().value()).isEqualTo(403);
		then(this.sts).shouldHaveNoInteractions();
		then(this.iam).shouldHaveNoInteractions();
		then(this.store).should(never()).record(any());
	}

	static class Denied extends ProblemException {

		Denied() {
			super(HttpStatus.FORBIDDEN, "guardrail", "Denied", "role-name prefix rule");
		}

	}

}
