/** Store vision: cameras in, shopper observations and product evidence out. */
package io.aisle.vision;
