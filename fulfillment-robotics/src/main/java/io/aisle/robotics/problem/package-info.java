/**
 * League of Robot Runners problem files: the JSON that names a map, an agents file and a task file, in the
 * 2023 format (single errands) and the 2024+ format (errand sequences, delay configuration).
 */
package io.aisle.robotics.problem;
