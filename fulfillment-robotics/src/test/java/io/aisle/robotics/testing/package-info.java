/** Test data builders and step checks shared by the module's tests. */
package io.aisle.robotics.testing;
