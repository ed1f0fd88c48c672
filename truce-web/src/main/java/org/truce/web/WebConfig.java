package org.truce.web;

/**
 * What the web server needs to know beyond the services: the classpath folder of the offline
 * basemap (null when none is shipped), the version shown on pages, and the largest request accepted.
 */
public record WebConfig(String basemapClasspathDir, String version, long maxRequestBytes) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
}
