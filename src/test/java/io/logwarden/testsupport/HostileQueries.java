package io.logwarden.testsupport;

import java.util.List;

/**
 * Query strings that try to widen a user's scope (docs/decisions/050), for tests of every path an event query takes
 * to Elasticsearch. They target tenants {@code acme}, {@code globex}, {@code initech}, services {@code web} and
 * {@code billing}, and ids of the form {@code scope-<tenant>-<service>-<category>} plus {@code scope-orphan}.
 */
public final class HostileQueries {

    public static final List<String> ALL = List.of(
            "*:*",
            "*",
            "secret OR *:*",
            "message:nothing OR *:*",
            "_index:*",
            "_index:logwarden-events-2018.03.04",
            "organization.id:*",
            "organization.id:globex",
            "organization.id:(globex OR initech OR acme)",
            "NOT organization.id:acme",
            "NOT organization.id:x",
            "NOT service.name:web",
            "service.name:billing",
            "((((*:* OR organization.id:globex))) OR (service.name:billing))",
            "_id:scope-globex-billing-iam",
            "_id:scope-orphan OR _id:scope-initech-web-web",
            "_exists_:organization.id OR NOT _exists_:organization.id",
            "organization.id:/.*/",
            "organization.id:glob*",
            "message:\"secret payload of globex\"",
            "globex",
            "*:globex",
            "{\"query_string\":{\"default_field\":\"organization.id\",\"query\":\"*\"}}",
            "default_field:organization.id OR *",
            "\\*:\\* OR organization.id:initech",
            "organization.id:acme) OR (organization.id:globex",
            "labels.anything:* OR *:*");

    private HostileQueries() {
    }
}
