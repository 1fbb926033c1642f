/**
 * What a caller of the Aisle HTTP API needs: the AISLE-HMAC-SHA256 request signer and the
 * canonical request both sides compute. Plain JDK, used by the server, tests, simulations and
 * load tools alike.
 */
package io.aisle.client;
