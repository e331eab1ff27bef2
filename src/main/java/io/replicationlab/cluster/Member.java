package io.replicationlab.cluster;

import java.net.URI;

/** A replica of the cluster and the base URL of its HTTP API. */
record Member(String id, URI url) {
}
