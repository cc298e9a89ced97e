package io.pinpointimport.role;

/**
 * Tells the roles feature whether a role may be deleted: implemented by the imports
 * feature, which knows which imports are unfinished.
 */
public interface RoleUsage {

	/**
	 * True while an import that has not reached a terminal state uses {@code roleArn}.
	 */
	boolean usedByUnfinishedImport(String roleArn);

}
