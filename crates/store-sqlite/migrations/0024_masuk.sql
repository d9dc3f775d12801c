-- Rate-limited attempts (sign-ins, Telegram photos), counted BEFORE the work
-- they guard so that concurrent attempts cannot all pass a limit. Replaces
-- gagal_masuk, which recorded only failures after the Argon2 check and so
-- let 40 racing guesses through a limit of 10. Keys are SHA-256 of
-- "akun:<username>", "alamat:<ip>" or "foto:<account id>": nothing in clear.
-- On SQLite the single writer (and BEGIN IMMEDIATE across processes)
-- serialises counting and recording; no lock rows are needed.
CREATE TABLE percobaan (
    kunci        TEXT NOT NULL,
    id           TEXT NOT NULL,
    waktu        INTEGER NOT NULL,
    -- End of the attempt's window: it counts while kedaluwarsa > now.
    kedaluwarsa  INTEGER NOT NULL,
    PRIMARY KEY (kunci, id)
);
CREATE INDEX percobaan_berlaku ON percobaan (kunci, kedaluwarsa);
CREATE INDEX percobaan_id ON percobaan (id);
CREATE INDEX percobaan_habis ON percobaan (kedaluwarsa);

-- Failures still inside the 15-minute window keep counting after the upgrade.
INSERT INTO percobaan (kunci, id, waktu, kedaluwarsa)
SELECT kunci, lower(hex(randomblob(16))), waktu, waktu + 900 FROM gagal_masuk;
DROP TABLE gagal_masuk;
