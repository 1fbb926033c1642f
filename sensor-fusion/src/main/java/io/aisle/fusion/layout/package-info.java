/**
 * The store layout: floor zones, gondolas, shelves and weighed plates with their boxes, the
 * product catalog and the planogram, and the JSON file format that carries them.
 */
package io.aisle.fusion.layout;
