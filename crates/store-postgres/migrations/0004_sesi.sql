-- Signed-in sessions and one-time sign-in codes, both stored as hashes.
CREATE TABLE sesi (
    token_hash   TEXT PRIMARY KEY,
    pengguna_id  UUID NOT NULL REFERENCES pengguna (id),
    csrf         TEXT NOT NULL,
    dibuat       BIGINT NOT NULL,
    kadaluarsa   BIGINT NOT NULL
);
CREATE INDEX sesi_pengguna ON sesi (pengguna_id);

CREATE TABLE kode_masuk (
    kode_hash    TEXT PRIMARY KEY,
    pengguna_id  UUID NOT NULL REFERENCES pengguna (id),
    kadaluarsa   BIGINT NOT NULL
);
