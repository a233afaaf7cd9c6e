package io.heymirror.mirror;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether the mirror records its changes. The change log's other settings belong to the
 * feature that serves it; this one belongs here, where the log is written.
 *
 * @param enabled whether every change to the mirror is appended to the change log (in the
 * same transaction); off saves the disk, and consumers of the change feed then miss
 * changes
 */
@ConfigurationProperties("heymirror.changes")
public record ChangeLogProperties(@DefaultValue("true") boolean enabled) {

}
