/** Command-line entry points of the simulations jar: {@code simulate}, {@code bench} and {@code train vision}. */
package io.aisle.simulations.cli;
