/** The Aisle server: one Spring WebFlux application that serves all three products. */
package io.aisle.serving;
