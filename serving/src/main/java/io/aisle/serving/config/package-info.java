/** Configuration of the server ({@code aisle.*} properties) and the choice of adapters it implies. */
package io.aisle.serving.config;
