-- The voter list (DPT), one row per TPS: its voters packed in DPT order
-- (src/pemilih/kemas.rs). The list is read a TPS or a desa at a time and
-- replaced whole by the next import, so a row per voter with its own
-- lookup index (migration 16) cost more than three times the disk and a
-- 35-million-row index sort at the end of each load. Rows of the old
-- table are moved over in Rust in the same transaction (src/lib.rs,
-- `migrate`), which then drops it. The NIK is kept only masked.
CREATE TABLE pemilih_tps (
    kode_desa  TEXT NOT NULL,
    nomor_tps  INTEGER NOT NULL,
    jumlah     INTEGER NOT NULL CHECK (jumlah >= 0),
    data       BLOB NOT NULL,
    PRIMARY KEY (kode_desa, nomor_tps)
);
