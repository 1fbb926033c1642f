/**
 * VDA 5050 (version 2.0) for the dispatcher: the message model ({@code order}, {@code state}, {@code connection}),
 * the topic layout, the mapping of grid cells to nodes, and {@link io.aisle.robotics.vda5050.VdaMaster}, which turns
 * robot states into telemetry and dispatcher commands into order updates over a {@link
 * io.aisle.robotics.vda5050.VdaTransport} (an MQTT client at the edge).
 */
package io.aisle.robotics.vda5050;
