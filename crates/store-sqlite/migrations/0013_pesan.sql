-- Messages from the SMS/Telegram gateways, each stored once (by the gateway's
-- own id: gateways retry) before processing, with replies in a durable outbox,
-- so a crash between receiving and replying loses nothing.
CREATE TABLE pesan_masuk (
    id               TEXT PRIMARY KEY,
    saluran          TEXT NOT NULL,
    kunci_luar       TEXT NOT NULL,
    pengirim_sandi   TEXT NOT NULL,
    pengirim_indeks  TEXT NOT NULL,
    pengirim_samar   TEXT NOT NULL,
    teks             TEXT NOT NULL,
    foto             TEXT NOT NULL,
    diterima         INTEGER NOT NULL,
    status           TEXT NOT NULL,
    -- Not foreign keys: a message from an unregistered sender is kept too.
    pengguna_id      TEXT,
    tps              TEXT,
    kiriman_id       TEXT,
    balasan          TEXT,
    UNIQUE (saluran, kunci_luar)
);
CREATE INDEX pesan_masuk_status ON pesan_masuk (status, diterima);
CREATE INDEX pesan_masuk_pengirim ON pesan_masuk (pengirim_indeks, diterima);

CREATE TABLE kotak_keluar (
    id         TEXT PRIMARY KEY,
    pesan_id   TEXT NOT NULL UNIQUE REFERENCES pesan_masuk (id),
    saluran    TEXT NOT NULL,
    teks       TEXT NOT NULL,
    status     TEXT NOT NULL,
    percobaan  INTEGER NOT NULL DEFAULT 0,
    berikut    INTEGER NOT NULL,
    galat      TEXT,
    dikirim    INTEGER
);
CREATE INDEX kotak_keluar_status ON kotak_keluar (status, berikut);
