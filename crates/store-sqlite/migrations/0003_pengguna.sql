-- Accounts and their role assignments (role + scope).
CREATE TABLE pengguna (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    nama           TEXT NOT NULL,
    password_hash  TEXT,
    aktif          INTEGER NOT NULL,
    dibuat         TEXT NOT NULL
);

CREATE TABLE penugasan (
    pengguna_id  TEXT NOT NULL REFERENCES pengguna (id),
    peran        TEXT NOT NULL,
    cakupan      TEXT NOT NULL,
    PRIMARY KEY (pengguna_id, peran, cakupan)
);
