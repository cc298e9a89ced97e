package io.pinpointimport.destination;

import java.util.List;

/**
 * One page of an application's import jobs; {@code nextToken} is null on the last page.
 */
public record JobPage(List<Job> jobs, String nextToken) {

}
