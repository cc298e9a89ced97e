package io.pinpointimport.role;

import java.util.List;

/**
 * One page of managed import roles, ordered by name.
 *
 * @param items the roles on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalItems how many roles this service manages
 * @param totalPages how many pages of this size there are
 */
record ImportRolePage(List<ImportRoleSummary> items, int page, int size, long totalItems, long totalPages) {

}
