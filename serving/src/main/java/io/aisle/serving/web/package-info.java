/**
 * The HTTP edge's one place for errors: every rejection becomes an RFC 9457 problem+json body
 * with a stable {@code type}, and never a stack trace.
 */
package io.aisle.serving.web;
