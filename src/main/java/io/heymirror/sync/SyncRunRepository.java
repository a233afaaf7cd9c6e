package io.heymirror.sync;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Run history, newest first. */
public interface SyncRunRepository extends JpaRepository<SyncRun, Long> {

	List<SyncRun> findByOrderByStartedAtDesc(Limit limit);

	List<SyncRun> findByAccountOrderByStartedAtDesc(String account, Limit limit);

	/**
	 * The account's runs still marked running while the caller holds the account's sync
	 * lock: their process died.
	 */
	@Modifying
	@Query(value = "UPDATE sync_run SET outcome = 'INTERRUPTED', ended_at = :now, "
			+ "error = 'The process running it stopped before it ended' "
			+ "WHERE account = :account AND outcome = 'RUNNING'", nativeQuery = true)
	int closeOrphanedRuns(@Param("account") String account, @Param("now") Instant now);

	@Modifying
	@Query(value = "DELETE FROM sync_run WHERE started_at < :cutoff AND outcome <> 'RUNNING'", nativeQuery = true)
	int purgeStartedBefore(@Param("cutoff") Instant cutoff);

}
