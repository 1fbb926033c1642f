/** The product recognizer port: evidence from a hand crop about which product was handled. */
package io.aisle.vision.recognition;
