/**
 * The interaction log: every accepted event, exactly once, in JSON lines under
 * {@code {registry}/{tenant}/events/dt=YYYY-MM-DD/}, where the training jobs read it. Embedded, the server
 * appends to it before it answers 202; with Kafka, a sink consumer group writes it from the topic.
 */
package io.aisle.serving.eventlog;
