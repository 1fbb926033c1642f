/**
 * Reading the JSON files and messages of store vision with errors that name the offending field,
 * so that a bad calibration file or frame batch can be fixed from the message alone.
 */
package io.aisle.vision.json;
