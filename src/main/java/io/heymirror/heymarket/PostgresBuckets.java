package io.heymirror.heymarket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Bucket4j buckets every replica shares through the {@code bucket} table, each a row
 * whose id is a hash of what the replicas must agree on (credential, rate), so that a
 * changed rate starts a new row instead of fighting over the stored configuration.
 */
public final class PostgresBuckets {

	private PostgresBuckets() {
	}

	/** The shared bucket of row {@link #id(String) id(key)}. */
	public static Bucket bucket(DataSource dataSource, String key, BucketConfiguration configuration) {
		return Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
			.table("bucket")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.build()
			.builder()
			.build(id(key), () -> configuration);
	}

	/** The row id of a key: the first 8 bytes of its SHA-256. */
	public static long id(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
