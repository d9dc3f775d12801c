-- Holding the line against insiders (issue 17).
--
-- 1. A result's idempotency key (kunci_klien) belonged to the whole
--    database, so a saksi who sent another TPS's key got that TPS's
--    submission back. It now belongs to (election, TPS, sender). SQLite
--    cannot drop a column's UNIQUE, so kiriman_hasil is rebuilt, and bacaan
--    with it (it references kiriman_hasil; both are renamed into place, and
--    the rename carries bacaan's reference along).
-- 2. Who acted, as far as Posko can tell: the account whose one-time code
--    opened a session (kode_dari) and the browser's id (peramban, hashed),
--    kept on sessions, submissions and readings, so a verifier cannot read
--    a form sent from an account they signed in as. Codes keep their issuer.
-- 3. An account's history (codes issued for it, sign-ins) is read from the
--    audit log by entity.
CREATE TABLE kiriman_hasil_baru (
    id            TEXT PRIMARY KEY,
    kunci_klien   TEXT NOT NULL,
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    kode_desa     TEXT NOT NULL,
    nomor_tps     INTEGER NOT NULL,
    revisi        INTEGER NOT NULL,
    pengirim_id   TEXT NOT NULL,
    pengirim      TEXT NOT NULL,
    sumber        TEXT NOT NULL,
    waktu         INTEGER NOT NULL,
    alasan        TEXT,
    formulir      TEXT NOT NULL,
    temuan        TEXT NOT NULL,
    foto          TEXT NOT NULL,
    kode_dari     TEXT,
    peramban      TEXT,
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor),
    UNIQUE (pemilihan_id, kode_desa, nomor_tps, revisi),
    UNIQUE (pemilihan_id, kode_desa, nomor_tps, pengirim_id, kunci_klien)
);
INSERT INTO kiriman_hasil_baru (id, kunci_klien, pemilihan_id, kode_desa, nomor_tps, revisi,
    pengirim_id, pengirim, sumber, waktu, alasan, formulir, temuan, foto)
SELECT id, kunci_klien, pemilihan_id, kode_desa, nomor_tps, revisi,
    pengirim_id, pengirim, sumber, waktu, alasan, formulir, temuan, foto
FROM kiriman_hasil;

CREATE TABLE bacaan_baru (
    id            TEXT PRIMARY KEY,
    kiriman_id    TEXT NOT NULL REFERENCES kiriman_hasil_baru (id),
    pemilihan_id  TEXT NOT NULL,
    kode_desa     TEXT NOT NULL,
    nomor_tps     INTEGER NOT NULL,
    verifier_id   TEXT NOT NULL,
    verifier      TEXT NOT NULL,
    waktu         INTEGER NOT NULL,
    angka         TEXT NOT NULL,
    putusan       BOOLEAN NOT NULL,
    kode_dari     TEXT,
    peramban      TEXT,
    UNIQUE (kiriman_id, verifier_id)
);
INSERT INTO bacaan_baru (id, kiriman_id, pemilihan_id, kode_desa, nomor_tps, verifier_id,
    verifier, waktu, angka, putusan)
SELECT id, kiriman_id, pemilihan_id, kode_desa, nomor_tps, verifier_id,
    verifier, waktu, angka, putusan
FROM bacaan;

DROP TABLE bacaan;
DROP TABLE kiriman_hasil;
ALTER TABLE kiriman_hasil_baru RENAME TO kiriman_hasil;
ALTER TABLE bacaan_baru RENAME TO bacaan;

ALTER TABLE sesi ADD COLUMN kode_dari TEXT;
ALTER TABLE sesi ADD COLUMN peramban TEXT;
ALTER TABLE kode_masuk ADD COLUMN penerbit TEXT;

CREATE INDEX audit_log_entitas ON audit_log (entitas, entitas_id, seq);

-- 4. Who uploaded each photo: a form may attach only photos its sender
--    uploaded, or photos already on this TPS's forms, so a hash learned
--    elsewhere cannot pull another TPS's photo into one's own.
CREATE TABLE foto_unggah (
    hash         TEXT NOT NULL,
    pengguna_id  TEXT NOT NULL,
    waktu        INTEGER NOT NULL,
    PRIMARY KEY (hash, pengguna_id)
) WITHOUT ROWID;
