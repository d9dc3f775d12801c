-- The hash-chained audit log. Rows are only ever appended.
CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    waktu         TEXT NOT NULL,
    aktor         TEXT NOT NULL,
    aksi          TEXT NOT NULL,
    entitas       TEXT NOT NULL,
    entitas_id    TEXT NOT NULL,
    ringkasan     TEXT NOT NULL,
    hash_konten   TEXT NOT NULL,
    hash_sebelum  TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_log_aksi ON audit_log (aksi, seq);
