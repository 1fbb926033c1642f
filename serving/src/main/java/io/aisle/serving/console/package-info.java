/** The operator console: static pages under {@code /console/} that call the signed API from the browser. */
package io.aisle.serving.console;
