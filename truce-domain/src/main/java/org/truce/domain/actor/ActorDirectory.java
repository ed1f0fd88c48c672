package org.truce.domain.actor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds actors by id or by any of their names, spelled loosely ({@link NameKey}). Immutable.
 * When two actors share a name key, the name is ambiguous and does not resolve.
 */
public final class ActorDirectory {
    private final Map<ActorId, Actor> byId = new HashMap<>();
    private final Map<String, ActorId> byName = new HashMap<>();
    private final Map<String, Boolean> ambiguous = new HashMap<>();

    public ActorDirectory(List<Actor> actors) {
        for (Actor actor : actors) {
            byId.put(actor.id(), actor);
        }
        for (Actor actor : actors) {
            for (String name : actor.allNames()) {
                index(NameKey.of(name), actor.id());
            }
            index(NameKey.of(actor.id().value()), actor.id());
        }
    }

    private void index(String key, ActorId id) {
        if (key.isEmpty()) {
            return;
        }
        ActorId previous = byName.putIfAbsent(key, id);
        if (previous != null && !previous.equals(id)) {
            ambiguous.put(key, true);
        }
    }

    public Optional<Actor> byId(ActorId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Resolves an id, a name or an alias; empty when unknown or ambiguous. */
    public Optional<Actor> resolve(String nameOrId) {
        if (ActorId.isValid(nameOrId) && byId.containsKey(new ActorId(nameOrId))) {
            return byId(new ActorId(nameOrId));
        }
        String key = NameKey.of(nameOrId);
        if (ambiguous.containsKey(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(key)).map(byId::get);
    }

    public int size() {
        return byId.size();
    }
}
