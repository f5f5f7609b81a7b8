-- Records a rebuild of derived data: its name and how many versions it was built from.
INSERT INTO derived_state (name, built_at, versions_seen) VALUES (?, now(), ?)
ON CONFLICT (name) DO UPDATE SET built_at = excluded.built_at,
                                 versions_seen = excluded.versions_seen;
