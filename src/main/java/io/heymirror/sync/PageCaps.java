package io.heymirror.sync;

/**
 * The largest page each list endpoint has returned so far, kept in the sync state. A page
 * smaller than that is certainly short, so a page that brings nothing new and is short is
 * the end of the data; a page as large may have been cut by upstream's cap (which can be
 * below the documented 30 and 100), so it ends nothing. The values only grow; 0 means not
 * known yet.
 *
 * @param v1 largest page of {@code POST /v1/contacts}
 * @param v2 largest page of {@code POST /v2/contacts/list}
 */
record PageCaps(int v1, int v2) {

	static final PageCaps UNKNOWN = new PageCaps(0, 0);

	/** These caps after a page of {@code size} from v2 or v1. */
	PageCaps observe(boolean v2, int size) {
		if (v2) {
			return (size > this.v2) ? new PageCaps(this.v1, size) : this;
		}
		return (size > this.v1) ? new PageCaps(size, this.v2) : this;
	}

	/**
	 * Whether a page of {@code size} is smaller than one the endpoint returned before.
	 */
	boolean isShort(boolean v2, int size) {
		return size < (v2 ? this.v2 : this.v1);
	}

}
