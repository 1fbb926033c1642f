/**
 * JUnit 5 extensions that run real servers for tests: a private {@code redis-server} process
 * and an in-process single-node KRaft Kafka broker, both restartable mid-test; that broker as a process of its own ({@code StandaloneKafkaBroker}); and
 * {@code DataFiles}, which finds test fixtures and the shared data sets.
 */
package io.aisle.testing;
