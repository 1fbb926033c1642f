/** Robot action models: 4-connected moves, and the LoRR rotation model where heading matters. */
package io.aisle.robotics.motion;
