package io.hiraku.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this process runs, from {@code hiraku.mode} and {@code hiraku.roles}. In local mode it runs
 * everything itself: the drop folders, releases, the catalog. In distributed mode it runs the roles
 * listed: {@code ingest} (drop folders → work events), {@code worker} (work events → releases),
 * {@code builder} (published events → catalog). The routes start or stay stopped by the
 * {@code hiraku.run.*} flags this gives them.
 */
public record Roles(boolean distributed, boolean ingest, boolean worker, boolean builder) {
    public static final List<String> ALL = List.of("ingest", "worker", "builder");

    public static Roles local() {
        return new Roles(false, true, false, false);
    }

    public static Roles of(String mode, String roles) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        if (m.isEmpty() || m.equals("local")) {
            return local();
        }
        if (!m.equals("distributed")) {
            throw new IllegalArgumentException("hiraku.mode is '" + mode + "'; give local or distributed");
        }
        Set<String> listed = new TreeSet<>();
        for (String r : Arrays.asList((roles == null ? "" : roles).split(","))) {
            String role = r.trim().toLowerCase(Locale.ROOT);
            if (role.isEmpty()) {
                continue;
            }
            if (!ALL.contains(role)) {
                throw new IllegalArgumentException("hiraku.roles names '" + r.trim() + "'; the roles are " + ALL);
            }
            listed.add(role);
        }
        if (listed.isEmpty()) {
            throw new IllegalArgumentException("hiraku.roles is empty; in distributed mode give one or more of " + ALL);
        }
        return new Roles(true, listed.contains("ingest"), listed.contains("worker"), listed.contains("builder"));
    }

    public static Roles of(Settings settings) {
        return of(settings.get(Settings.MODE), settings.get(Settings.ROLES));
    }

    /** Whether this process keeps the catalog: a local run, or the builder. */
    public boolean catalog() {
        return !distributed || builder;
    }

    /** The {@code hiraku.run.*} flags the routes' {@code autoStartup} and choices read. */
    public Map<String, String> properties() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("hiraku.run.distributed", String.valueOf(distributed));
        flags.put("hiraku.run.ingest", String.valueOf(ingest));
        flags.put("hiraku.run.worker", String.valueOf(worker));
        flags.put("hiraku.run.builder", String.valueOf(builder));
        flags.put("hiraku.run.catalog", String.valueOf(catalog()));
        // operators' withdrawals and prunes handed over to a local run (OperatorRequests)
        flags.put("hiraku.run.requests", String.valueOf(!distributed));
        return flags;
    }

    @Override
    public String toString() {
        if (!distributed) {
            return "local";
        }
        List<String> on = new java.util.ArrayList<>();
        if (ingest) {
            on.add("ingest");
        }
        if (worker) {
            on.add("worker");
        }
        if (builder) {
            on.add("builder");
        }
        return "distributed:" + String.join(",", on);
    }
}
