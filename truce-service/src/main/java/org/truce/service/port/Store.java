package org.truce.service.port;

/** Everything the services need from a database: the projections and their queries. */
public interface Store extends ProjectionStore, ReportQueries, CatalogQueries, AutoCloseable {
    @Override
    void close();
}
