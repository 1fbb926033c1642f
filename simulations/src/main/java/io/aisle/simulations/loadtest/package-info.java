/**
 * The serving load test: synthetic tenant models in the registry formats, the server and Redis as
 * child processes on loopback, a signed closed-loop and rate-limited load generator, and its report.
 */
package io.aisle.simulations.loadtest;
