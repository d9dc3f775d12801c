-- Holding the line against insiders (issue 17).
--
-- 1. A result's idempotency key (kunci_klien) belonged to the whole
--    database, so a saksi who sent another TPS's key got that TPS's
--    submission back. It now belongs to (election, TPS, sender).
-- 2. Who acted, as far as Posko can tell: the account whose one-time code
--    opened a session (kode_dari) and the browser's id (peramban, hashed),
--    kept on sessions, submissions and readings, so a verifier cannot read
--    a form sent from an account they signed in as. Codes keep their issuer.
-- 3. An account's history (codes issued for it, sign-ins) is read from the
--    audit log by entity.
ALTER TABLE kiriman_hasil DROP CONSTRAINT kiriman_hasil_kunci_klien_key;
CREATE UNIQUE INDEX kiriman_hasil_kunci
    ON kiriman_hasil (pemilihan_id, kode_desa, nomor_tps, pengirim_id, kunci_klien);
ALTER TABLE kiriman_hasil ADD COLUMN kode_dari UUID, ADD COLUMN peramban TEXT;
ALTER TABLE bacaan ADD COLUMN kode_dari UUID, ADD COLUMN peramban TEXT;
ALTER TABLE sesi ADD COLUMN kode_dari UUID, ADD COLUMN peramban TEXT;
ALTER TABLE kode_masuk ADD COLUMN penerbit UUID;
CREATE INDEX audit_log_entitas ON audit_log (entitas, entitas_id, seq);

-- 4. Who uploaded each photo: a form may attach only photos its sender
--    uploaded, or photos already on this TPS's forms, so a hash learned
--    elsewhere cannot pull another TPS's photo into one's own.
CREATE TABLE foto_unggah (
    hash         TEXT COLLATE "C" NOT NULL,
    pengguna_id  UUID NOT NULL,
    waktu        BIGINT NOT NULL,
    PRIMARY KEY (hash, pengguna_id)
);
