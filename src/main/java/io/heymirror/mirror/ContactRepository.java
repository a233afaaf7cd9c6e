package io.heymirror.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Reads of the mirror ("live" means not soft deleted). Writes go through
 * {@link ContactUpserter} and {@link ContactDeletions}, which append to the change log.
 */
public interface ContactRepository extends JpaRepository<Contact, Long>, JpaSpecificationExecutor<Contact> {

	Optional<Contact> findByIdAndDeletedAtIsNull(long id);

	Optional<Contact> findFirstByUuidAndDeletedAtIsNullOrderByUpdatedDesc(String uuid);

	Optional<Contact> findFirstByPhoneAndDeletedAtIsNullOrderByUpdatedDesc(String phone);

	long countByDeletedAtIsNull();

	/** Live contacts updated strictly between the two instants. */
	@Query(value = "SELECT count(*) FROM contact WHERE deleted_at IS NULL AND updated > :after AND updated < :before",
			nativeQuery = true)
	long countLiveStrictlyBetween(@Param("after") Instant after, @Param("before") Instant before);

	/** Live contacts updated in {@code [from, upTo]}. */
	@Query(value = "SELECT count(*) FROM contact WHERE deleted_at IS NULL AND updated >= :from AND updated <= :upTo",
			nativeQuery = true)
	long countLiveBetween(@Param("from") Instant from, @Param("upTo") Instant upTo);

	@Query(value = "SELECT id FROM contact WHERE deleted_at IS NULL AND updated >= :from AND updated <= :upTo",
			nativeQuery = true)
	List<Long> findLiveIdsBetween(@Param("from") Instant from, @Param("upTo") Instant upTo);

	/**
	 * Ids stored at exactly this {@code updated}: a resumed walk re-reads them without
	 * counting them as new.
	 */
	@Query(value = "SELECT id FROM contact WHERE updated = :updated AND deleted_at IS NULL", nativeQuery = true)
	List<Long> findLiveIdsUpdatedAt(@Param("updated") Instant updated);

	@Query(value = """
			SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY updated) FROM contact
			WHERE deleted_at IS NULL AND updated > :after AND updated <= :upTo""", nativeQuery = true)
	@Nullable Instant findMedianUpdatedIn(@Param("after") Instant after, @Param("upTo") Instant upTo);

	/** Live contacts a full scan that started at {@code scanStart} did not see. */
	@Query(value = "SELECT id FROM contact WHERE deleted_at IS NULL AND seen_at < :scanStart ORDER BY id",
			nativeQuery = true)
	List<Long> findLiveIdsNotSeenSince(@Param("scanStart") Instant scanStart);

}
