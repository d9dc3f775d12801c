-- API tokens for integrations: one role over one scope, stored hashed.
CREATE TABLE token_api (
    id                TEXT PRIMARY KEY,
    nama              TEXT NOT NULL,
    token_hash        TEXT NOT NULL UNIQUE,
    peran             TEXT NOT NULL,
    cakupan           TEXT NOT NULL,
    dibuat            INTEGER NOT NULL,
    dicabut           INTEGER,
    terakhir_dipakai  INTEGER
);
