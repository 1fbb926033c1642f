/** Command-line entry points of the serving jar: demo, serve, tenants, sign and models. */
package io.aisle.serving.cli;
