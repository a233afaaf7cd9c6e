package io.heymirror.bench;

import java.util.concurrent.CountDownLatch;

import io.heymirror.support.TestDatabase;

/**
 * Starts the tests' embedded PostgreSQL (when no server answers on 127.0.0.1:5432),
 * prints {@code JDBC_URL=<url>} and runs until killed. Runs on the test class path.
 */
public final class BenchDatabase {

	private BenchDatabase() {
	}

	public static void main(String[] args) throws InterruptedException {
		TestDatabase.Coordinates database = TestDatabase.coordinates();
		System.out.println("JDBC_URL=" + database.url());
		System.out.flush();
		new CountDownLatch(1).await();
	}

}
