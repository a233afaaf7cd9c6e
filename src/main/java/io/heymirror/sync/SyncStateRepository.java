package io.heymirror.sync;

import org.springframework.data.jpa.repository.JpaRepository;

interface SyncStateRepository extends JpaRepository<SyncState, Short> {

	default SyncState load() {
		return findById(SyncState.ID).orElseThrow(() -> new IllegalStateException("sync_state row is missing"));
	}

}
