/**
 * JUnit 5 extensions that run real servers for tests: a private {@code redis-server} process
 * and an in-process single-node KRaft Kafka broker, both restartable mid-test; and
 * {@code DataFiles}, which finds test fixtures and the shared data sets.
 */
package io.aisle.testing;
