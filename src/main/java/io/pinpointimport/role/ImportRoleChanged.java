package io.pinpointimport.role;

import java.time.Instant;

/**
 * IAM was changed for a managed role (trust, policies, boundary, tags): other AWS
 * services may see the change only once it has propagated, at {@code settledAt}.
 *
 * @param roleName the role's name
 * @param roleArn the role's ARN
 * @param settledAt when the change is taken to have propagated (the settle time after it)
 */
public record ImportRoleChanged(String roleName, String roleArn, Instant settledAt) {
}
