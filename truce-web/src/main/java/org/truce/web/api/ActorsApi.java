package org.truce.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.actor.ActorId;
import org.truce.domain.agreement.Adherence;
import org.truce.domain.problem.Problem;
import org.truce.service.catalog.CatalogService;
import org.truce.service.format.ActorFormat;
import org.truce.service.format.Json;
import org.truce.service.port.ActorVersion;
import org.truce.web.http.Bodies;
import org.truce.web.http.HttpProblem;
import org.truce.web.http.Params;
import org.truce.web.http.Responses;

/**
 * {@code /api/v1/actors}: the actor registry. List (as of a date), find by name, read one with how
 * the agreements treat it, its history, create, amend. Each accepted create or amendment is one
 * {@code actor.recorded} entry; an amendment is the actor recorded again under its id.
 */
public final class ActorsApi {
    /** Largest actor body; an actor with every alias in three scripts is a few kilobytes, one entry at most 64 KiB. */
    public static final long MAX_BODY_BYTES = 256 * 1024;
    /** Longest name query: the longest name of an actor is well under this. */
    static final int MAX_NAME_LENGTH = 300;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String ANONYMOUS = "anonymous";

    private final CatalogService catalog;

    public ActorsApi(CatalogService catalog) {
        this.catalog = catalog;
    }

    /**
     * Every actor (with {@code at}: also the names, designations and affiliations in force then),
     * or with {@code name} the actors a name, alias or id may mean, best match first, each with
     * what matched.
     */
    public void list(Context ctx) {
        Params params = new Params(ctx);
        Instant at = params.instant("at");
        String name = params.text("name");
        params.done();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw HttpProblem.badRequest("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        if (name == null) {
            catalog.actors().forEach(a -> items.add(summary(a, at)));
        } else {
            for (ActorDirectory.Match m : catalog.findActors(name)) {
                ObjectNode item = summary(m.actor(), at);
                item.set("match", match(m));
                items.add(item);
            }
        }
        Responses.json(ctx, 200, body);
    }

    /** One actor: its current version, where it was recorded, and how the agreements treat it. */
    public void get(Context ctx) {
        ActorId id = id(ctx);
        Params params = new Params(ctx);
        Instant at = params.instant("at");
        params.done();
        List<ActorVersion> versions = catalog.actorHistory(id);
        if (versions.isEmpty()) {
            throw HttpProblem.notFound("no actor with id " + id);
        }
        Responses.json(ctx, 200, resource(versions, at));
    }

    /** Every version of one actor, oldest first, each with the log entry that recorded it. */
    public void history(Context ctx) {
        ActorId id = id(ctx);
        new Params(ctx).done();
        List<ActorVersion> versions = catalog.actorHistory(id);
        if (versions.isEmpty()) {
            throw HttpProblem.notFound("no actor with id " + id);
        }
        ObjectNode body = Json.object().put("id", id.value());
        ArrayNode items = body.putArray("versions");
        for (int i = 0; i < versions.size(); i++) {
            ActorVersion v = versions.get(i);
            ObjectNode item = items.addObject().put("version", i + 1);
            recorded(item, v);
            item.set("actor", ActorFormat.payload(v.actor()));
        }
        Responses.json(ctx, 200, body);
    }

    /** Records a new actor; answers 201 with it, or its first answer again for a retry with the same Idempotency-Key. */
    public void create(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new HttpProblem(400, "Bad request", "Idempotency-Key must be 1–255 visible ASCII characters",
                    List.of(new Problem("Idempotency-Key", "must be 1–255 visible ASCII characters")));
        }
        JsonNode body = Bodies.json(ctx, MAX_BODY_BYTES);
        CatalogService.ActorWrite written = catalog.createActor(ANONYMOUS, body, key);
        ActorId id = written.version().actor().id();
        ctx.header("Location", "/api/v1/actors/" + id);
        if (written.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        // a retry answers what the first request was answered, even if the actor was amended since
        long index = written.version().logIndex();
        Responses.json(ctx, 201, resource(catalog.actorHistory(id).stream().filter(v -> v.logIndex() <= index).toList(), null));
    }

    /** Records a new version of an actor from its whole actor form; the same form again records nothing. */
    public void replace(Context ctx) {
        ActorId id = id(ctx);
        JsonNode body = Bodies.json(ctx, MAX_BODY_BYTES);
        amend(ctx, id, current -> body);
    }

    /**
     * Records a new version of an actor from a JSON Merge Patch (RFC 7396) of its actor form:
     * members given replace the current ones (arrays whole), members given as null are removed.
     */
    public void patch(Context ctx) {
        ActorId id = id(ctx);
        JsonNode patch = Bodies.json(ctx, MAX_BODY_BYTES);
        if (!patch.isObject()) {
            throw new HttpProblem(422, "Invalid input", "a merge patch of an actor is a JSON object",
                    List.of(new Problem("(body)", "must be a JSON object")));
        }
        amend(ctx, id, current -> mergePatch(current, patch));
    }

    private void amend(Context ctx, ActorId id, java.util.function.UnaryOperator<JsonNode> amendment) {
        catalog.amendActor(ANONYMOUS, id, amendment).orElseThrow(() -> HttpProblem.notFound("no actor with id " + id
                + "; create it with POST /api/v1/actors"));
        Responses.json(ctx, 200, resource(catalog.actorHistory(id), null));
    }

    /** RFC 7396: objects merge member by member, null removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private static ActorId id(Context ctx) {
        String text = ctx.pathParam("id");
        if (!ActorId.isValid(text)) {
            throw HttpProblem.badRequest("id", "must be an actor id, a lowercase slug such as jabhat-al-nusra; got '"
                    + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'");
        }
        return new ActorId(text);
    }

    /** The actor form, with what was in force at {@code at} when given. */
    private static ObjectNode summary(Actor a, Instant at) {
        ObjectNode o = ActorFormat.payload(a);
        if (at != null) {
            o.put("name_at", a.nameAt(at));
            o.put("designated_at", a.designatedAt(at));
            // the same member forms as the actor's own lists, restricted to those in force
            ObjectNode then = ActorFormat.payload(new Actor(a.id(), a.nameAt(at), a.kind(), a.acledInter(), a.alignment(),
                    a.aliasesAt(at), List.of(), a.designationsAt(at), a.affiliationsAt(at), List.of()));
            o.set("aliases_at", then.get("aliases"));
            o.set("designations_at", then.get("designations"));
            o.set("affiliations_at", then.get("affiliations"));
        }
        return o;
    }

    private static ObjectNode match(ActorDirectory.Match m) {
        ObjectNode o = Json.object();
        o.put("name", m.name().text());
        o.put("kind", m.name().kind().name().toLowerCase(Locale.ROOT));
        o.put("lang", m.name().lang());
        o.put("by", m.quality().name().toLowerCase(Locale.ROOT));
        o.put("valid_from", m.name().validFrom() == null ? null : m.name().validFrom().toString());
        o.put("valid_to", m.name().validTo() == null ? null : m.name().validTo().toString());
        return o;
    }

    private ObjectNode resource(List<ActorVersion> versions, Instant at) {
        ActorVersion current = versions.get(versions.size() - 1);
        Actor actor = current.actor();
        ObjectNode o = summary(actor, at);
        o.put("version", versions.size());
        recorded(o, current);
        ArrayNode adherences = o.putArray("adherences");
        ArrayNode excluded = o.putArray("excluded_from");
        for (CatalogService.Standing s : catalog.standing(actor)) {
            ZoneId zone = s.agreement().timeZone();
            for (Adherence ad : s.adherences()) {
                adherences.addObject().put("agreement", s.agreement().id()).put("title", s.agreement().title())
                        .put("declared_to", ad.declaredTo() == null ? null : ad.declaredTo().value())
                        .put("declared_at", local(ad.declaredAt(), zone)).put("zone", ad.zone()).put("source", ad.source());
            }
            if (s.excluded()) {
                ObjectNode e = excluded.addObject().put("agreement", s.agreement().id()).put("title", s.agreement().title())
                        .put("by_name", s.excludedByName());
                ArrayNode lists = e.putArray("by_designation");
                s.excludedLists().forEach(lists::add);
            }
        }
        return o;
    }

    private static void recorded(ObjectNode o, ActorVersion v) {
        o.put("log_index", v.logIndex());
        o.put("recorded_at", v.recordedAt() == null ? null : v.recordedAt().toString());
        o.put("principal", v.principal());
    }

    private static String local(Instant instant, ZoneId zone) {
        return OffsetDateTime.ofInstant(instant, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
