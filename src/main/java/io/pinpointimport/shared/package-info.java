/**
 * The shared kernel: the concepts every feature uses (an S3 location, a Pinpoint
 * application id, a file format, how much of the files to validate), each with its one
 * validation rule.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.pinpointimport.shared;

import org.springframework.modulith.ApplicationModule;
