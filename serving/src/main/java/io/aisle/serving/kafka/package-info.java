/** Kafka adapters (kafka-clients): the interaction event bus on topic {@code aisle.interactions}. */
package io.aisle.serving.kafka;
