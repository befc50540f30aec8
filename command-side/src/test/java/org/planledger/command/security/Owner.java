package org.planledger.command.security;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The role that owns the tables, as ./planledger test exports it (PLANLEDGER_DB_OWNER); the app role otherwise. */
final class Owner {

    private Owner() {
    }

    static Map<String, String> with(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        for (String key : new String[] {"PLANLEDGER_DB_OWNER", "PLANLEDGER_DB_OWNER_PASSWORD", "PLANLEDGER_DB_USER",
                "PLANLEDGER_DB_PASSWORD"}) {
            String value = System.getenv(key);
            if (value != null) {
                all.putIfAbsent(key, value);
            }
        }
        return all;
    }

    static JdbcTemplate jdbc(String url) {
        Map<String, String> env = with(Map.of());
        String user = env.getOrDefault("PLANLEDGER_DB_OWNER", env.getOrDefault("PLANLEDGER_DB_USER", "planledger"));
        String password = env.getOrDefault("PLANLEDGER_DB_OWNER_PASSWORD", env.getOrDefault("PLANLEDGER_DB_PASSWORD", "planledger"));
        return new JdbcTemplate(new DriverManagerDataSource(url, user, password));
    }
}
