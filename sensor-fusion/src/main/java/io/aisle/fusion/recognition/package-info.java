/** Adapts a product recognizer trained on appearance ids to the SKUs of one store's layout. */
package io.aisle.fusion.recognition;
