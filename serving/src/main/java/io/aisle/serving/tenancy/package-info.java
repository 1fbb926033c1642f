/**
 * Tenants, their API keys and roles, and the encryption of stored key secrets. Every other
 * package learns who is calling from a {@link io.aisle.serving.tenancy.Caller}.
 */
package io.aisle.serving.tenancy;
