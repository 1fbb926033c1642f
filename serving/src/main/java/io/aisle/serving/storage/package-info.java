/** How the embedded server keeps its files: whole-file writes that a crash cannot leave half done. */
package io.aisle.serving.storage;
