/**
 * The Kafka sink: publishes the change log to a topic through Spring Kafka. See
 * {@code docs/changes.md}.
 */
@NullMarked
package io.heymirror.delivery.kafka;

import org.jspecify.annotations.NullMarked;
