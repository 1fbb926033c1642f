/**
 * Tasks and their assignment: the League of Robot Runners task rules (round-robin single errands, or a
 * revealed pool of errand sequences assigned by auction on cached true distances), and WMS order lines
 * turned into pod pick tasks.
 */
package io.aisle.robotics.task;
