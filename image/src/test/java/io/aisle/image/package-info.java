/** Tests of the container image (its tar, and a run under podman) and of the Kubernetes manifests in deploy/k8s. */
package io.aisle.image;
