-- Rate-limited attempts (sign-ins, Telegram photos), counted BEFORE the work
-- they guard so that concurrent attempts cannot all pass a limit. Replaces
-- gagal_masuk, which recorded only failures after the Argon2 check and so
-- let 40 racing guesses through a limit of 10. Keys are SHA-256 of
-- "akun:<username>", "alamat:<ip>" or "foto:<account id>": nothing in clear.

-- One lock row per key: an attempt upserts the rows of its keys in sorted
-- order (holding them to commit) before it counts, so attempts sharing a key
-- are serialised across every server and none deadlock. Plain rows rather
-- than advisory locks, for the same reason as the migration lock: they work
-- on distributed PostgreSQL engines too. A key's row lives until the last
-- attempt under it has left its window (kedaluwarsa), then goes with them.
CREATE TABLE percobaan_kunci (
    kunci        TEXT PRIMARY KEY,
    kedaluwarsa  BIGINT NOT NULL
);
CREATE INDEX percobaan_kunci_habis ON percobaan_kunci (kedaluwarsa);

CREATE TABLE percobaan (
    kunci        TEXT NOT NULL REFERENCES percobaan_kunci (kunci) ON DELETE CASCADE,
    id           UUID NOT NULL,
    waktu        BIGINT NOT NULL,
    -- End of the attempt's window: it counts while kedaluwarsa > now.
    kedaluwarsa  BIGINT NOT NULL,
    PRIMARY KEY (kunci, id)
);
CREATE INDEX percobaan_berlaku ON percobaan (kunci, kedaluwarsa);
CREATE INDEX percobaan_id ON percobaan (id);

-- Failures still inside the 15-minute window keep counting after the upgrade.
INSERT INTO percobaan_kunci (kunci, kedaluwarsa)
SELECT kunci, MAX(waktu) + 900 FROM gagal_masuk GROUP BY kunci;
INSERT INTO percobaan (kunci, id, waktu, kedaluwarsa)
SELECT kunci, md5(random()::text || clock_timestamp()::text || kunci || waktu::text)::uuid,
       waktu, waktu + 900
FROM gagal_masuk;
DROP TABLE gagal_masuk;
