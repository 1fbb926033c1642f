/** Endpoints about the server itself: liveness ping and build version. */
package io.aisle.serving.system;
