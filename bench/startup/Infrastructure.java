import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.EmbeddedDatabase;

/**
 * What the packaged jar needs around it for the start-up benchmark: a real PostgreSQL
 * (embedded binaries) and the AWS stand-in. Writes their coordinates as shell variable
 * assignments to the file named by the first argument, then runs until killed. Launched in
 * source-file mode on the test classpath.
 */
public class Infrastructure {

	public static void main(String[] args) throws IOException, InterruptedException {
		AwsStandIn standIn = AwsStandIn.shared();
		String jdbcUrl = EmbeddedDatabase.newDatabase();
		String assignments = "SPRING_DATASOURCE_URL='" + jdbcUrl + "'\n" + "SPRING_DATASOURCE_USERNAME='"
				+ EmbeddedDatabase.user() + "'\n" + "AWS_ENDPOINT_URL='" + standIn.endpoint() + "'\n" + "AWS_REGION='"
				+ AwsStandIn.REGION + "'\n" + "AWS_ACCESS_KEY_ID='" + AwsStandIn.ACCESS_KEY_ID + "'\n" + "READY=1\n";
		Path file = Path.of(args[0]);
		Path partial = Path.of(args[0] + ".partial");
		Files.writeString(partial, assignments);
		Files.move(partial, file);
		new CountDownLatch(1).await();
	}

}
