package io.heymirror.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Reads of one account's mirror ("live" means not soft deleted). Writes go through
 * {@link ContactUpserter} and {@link ContactDeletions}, which append to the change log.
 */
public interface ContactRepository extends JpaRepository<Contact, ContactKey> {

	Optional<Contact> findByAccountAndId(String account, long id);

	Optional<Contact> findByAccountAndIdAndDeletedAtIsNull(String account, long id);

	Optional<Contact> findFirstByAccountAndUuidAndDeletedAtIsNullOrderByUpdatedDesc(String account, String uuid);

	Optional<Contact> findFirstByAccountAndPhoneAndDeletedAtIsNullOrderByUpdatedDesc(String account, String phone);

	/** Live contacts of every account. */
	long countByDeletedAtIsNull();

	long countByAccountAndDeletedAtIsNull(String account);

	/** Live contacts updated strictly between the two instants. */
	@Query(value = """
			SELECT count(*) FROM contact
			WHERE account = :account AND deleted_at IS NULL AND updated > :after AND updated < :before""",
			nativeQuery = true)
	long countLiveStrictlyBetween(@Param("account") String account, @Param("after") Instant after,
			@Param("before") Instant before);

	/** Live contacts updated in {@code [from, upTo]}. */
	@Query(value = """
			SELECT count(*) FROM contact
			WHERE account = :account AND deleted_at IS NULL AND updated >= :from AND updated <= :upTo""",
			nativeQuery = true)
	long countLiveBetween(@Param("account") String account, @Param("from") Instant from, @Param("upTo") Instant upTo);

	@Query(value = """
			SELECT id FROM contact
			WHERE account = :account AND deleted_at IS NULL AND updated >= :from AND updated <= :upTo""",
			nativeQuery = true)
	List<Long> findLiveIdsBetween(@Param("account") String account, @Param("from") Instant from,
			@Param("upTo") Instant upTo);

	/**
	 * Ids stored at exactly this {@code updated}: a resumed walk re-reads them without
	 * counting them as new.
	 */
	@Query(value = "SELECT id FROM contact WHERE account = :account AND updated = :updated AND deleted_at IS NULL",
			nativeQuery = true)
	List<Long> findLiveIdsUpdatedAt(@Param("account") String account, @Param("updated") Instant updated);

	@Query(value = """
			SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY updated) FROM contact
			WHERE account = :account AND deleted_at IS NULL AND updated > :after AND updated <= :upTo""",
			nativeQuery = true)
	@Nullable Instant findMedianUpdatedIn(@Param("account") String account, @Param("after") Instant after,
			@Param("upTo") Instant upTo);

	/** Live contacts a full scan that started at {@code scanStart} did not see. */
	@Query(value = """
			SELECT id FROM contact WHERE account = :account AND deleted_at IS NULL AND seen_at < :scanStart
			ORDER BY id""", nativeQuery = true)
	List<Long> findLiveIdsNotSeenSince(@Param("account") String account, @Param("scanStart") Instant scanStart);

}
