/** Per-tenant limits: token-bucket request quotas per tenant and role, and a concurrency bulkhead. */
package io.aisle.serving.quota;
