/** Tenant self-service for {@code admin} keys: the tenant's own API keys. */
package io.aisle.serving.admin;
