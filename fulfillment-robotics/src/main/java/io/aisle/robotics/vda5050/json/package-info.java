/**
 * The JSON codec of the VDA 5050 messages (Jackson, as {@code problem} reads LoRR JSON): the one place that knows
 * the wire format, shared by the dispatcher's MQTT adapter and the simulated robots.
 */
package io.aisle.robotics.vda5050.json;
