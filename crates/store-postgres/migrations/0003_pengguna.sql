-- Accounts and their role assignments (role + scope).
CREATE TABLE pengguna (
    id             UUID PRIMARY KEY,
    username       TEXT COLLATE "C" NOT NULL UNIQUE,
    nama           TEXT NOT NULL,
    password_hash  TEXT,
    aktif          BOOLEAN NOT NULL,
    dibuat         TIMESTAMPTZ NOT NULL
);

CREATE TABLE penugasan (
    pengguna_id  UUID NOT NULL REFERENCES pengguna (id),
    peran        TEXT NOT NULL,
    cakupan      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (pengguna_id, peran, cakupan)
);
