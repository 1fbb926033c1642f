/** What a training run tells its user: progress lines, the closing summary table and the JSON report. */
package io.aisle.training.report;
