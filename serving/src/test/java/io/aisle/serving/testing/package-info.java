/** Test helpers for the server: a real server on a free port and an HTTP client for it. */
package io.aisle.serving.testing;
