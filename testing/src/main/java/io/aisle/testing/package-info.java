/**
 * JUnit 5 extensions that run real servers for tests: a private {@code redis-server} process
 * and an in-process single-node KRaft Kafka broker, both restartable mid-test.
 */
package io.aisle.testing;
