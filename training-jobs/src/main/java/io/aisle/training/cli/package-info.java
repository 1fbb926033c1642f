/** Command-line entry point of the training jar: {@code ./aisle train <job>}. */
package io.aisle.training.cli;
