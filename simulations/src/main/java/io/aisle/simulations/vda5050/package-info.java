/**
 * VDA 5050 over MQTT (Eclipse Paho): simulated robots that drive the live floor from their orders and report their
 * state, and the MQTT session both they and an in-process master control use.
 */
package io.aisle.simulations.vda5050;
