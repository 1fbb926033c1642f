/**
 * The live planogram: what is on each plate now, starting from the layout's planogram and
 * updated by every pick and put-back, including items put back in the wrong place.
 */
package io.aisle.fusion.planogram;
