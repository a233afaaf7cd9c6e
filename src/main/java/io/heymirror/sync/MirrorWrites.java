package io.heymirror.sync;

import java.util.List;

import io.heymirror.heymarket.HeymarketContact;

/** What repairs and confirmations change in the mirror, without moving a checkpoint. */
interface MirrorWrites {

	/** Stores contacts read again (never replacing a newer version). */
	void store(List<HeymarketContact> contacts, int rejected);

	/** Soft-deletes contacts upstream confirmed gone; returns how many were live. */
	int softDelete(List<Long> ids);

}
