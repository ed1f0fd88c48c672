package org.truce.web;

import io.javalin.http.Handler;

/** One HTTP endpoint: method, Javalin path ({@code /api/v1/reports/{id}}), handler. */
public record Route(String method, String path, Handler handler) {
    /** The path as OpenAPI writes it: Javalin's {@code <name>} (a parameter that may hold slashes) becomes {@code {name}}. */
    public String openApiPath() {
        return path.replace('<', '{').replace('>', '}');
    }
}
