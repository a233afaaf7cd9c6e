package io.heymirror.mirror;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A mirrored contact. Rows are written only by {@link ContactUpserter} and
 * {@link ContactDeletions} (batched native statements with the never-regress guard), so
 * the entity is read-only.
 */
@Entity
@Immutable
@Table(name = "contact")
@IdClass(ContactKey.class)
public class Contact {

	@Id
	private String account;

	@Id
	private long id;

	private @Nullable String uuid;

	private @Nullable String phone;

	private @Nullable String email;

	@Column(name = "display_name")
	private @Nullable String displayName;

	@Column(name = "first_name")
	private @Nullable String firstName;

	@Column(name = "last_name")
	private @Nullable String lastName;

	@Column(name = "opted_out")
	private @Nullable Boolean optedOut;

	@Column(name = "team_id")
	private @Nullable Long teamId;

	private @Nullable Instant created;

	private Instant updated;

	private @Nullable Long rev;

	@JdbcTypeCode(SqlTypes.JSON)
	private String raw;

	@Column(name = "synced_at")
	private Instant syncedAt;

	@Column(name = "seen_at")
	private Instant seenAt;

	@Column(name = "deleted_at")
	private @Nullable Instant deletedAt;

	protected Contact() {
		this.account = "";
		this.updated = Instant.EPOCH;
		this.raw = "{}";
		this.syncedAt = Instant.EPOCH;
		this.seenAt = Instant.EPOCH;
	}

	/** The Heymarket account the contact belongs to. */
	public String getAccount() {
		return this.account;
	}

	public long getId() {
		return this.id;
	}

	public @Nullable String getUuid() {
		return this.uuid;
	}

	public @Nullable String getPhone() {
		return this.phone;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public @Nullable String getDisplayName() {
		return this.displayName;
	}

	public @Nullable String getFirstName() {
		return this.firstName;
	}

	public @Nullable String getLastName() {
		return this.lastName;
	}

	public @Nullable Boolean getOptedOut() {
		return this.optedOut;
	}

	public @Nullable Long getTeamId() {
		return this.teamId;
	}

	public @Nullable Instant getCreated() {
		return this.created;
	}

	public Instant getUpdated() {
		return this.updated;
	}

	public @Nullable Long getRev() {
		return this.rev;
	}

	/** The upstream JSON as stored (jsonb: keys normalised, values untouched). */
	public String getRaw() {
		return this.raw;
	}

	public Instant getSyncedAt() {
		return this.syncedAt;
	}

	public Instant getSeenAt() {
		return this.seenAt;
	}

	public @Nullable Instant getDeletedAt() {
		return this.deletedAt;
	}

	public boolean isDeleted() {
		return this.deletedAt != null;
	}

	@Override
	public String toString() {
		return "Contact[account=" + this.account + ", id=" + this.id + ", rev=" + this.rev + "]";
	}

}
