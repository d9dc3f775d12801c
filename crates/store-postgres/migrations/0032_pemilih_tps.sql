-- The voter list (DPT), one row per TPS: its voters packed in DPT order
-- (posko_storage::kemas), as on SQLite since its migration 22. A row per
-- voter with two indexes made a PostgreSQL load about ten times slower
-- than SQLite's: most of it went to index inserts. The rows of the old
-- table are moved over in Rust in this migration's transaction
-- (src/pemilih.rs, `pindahkan_tabel_lama`), which then drops it.
CREATE TABLE pemilih_tps (
    kode_desa  TEXT COLLATE "C" NOT NULL,
    nomor_tps  SMALLINT NOT NULL,
    jumlah     INTEGER NOT NULL CHECK (jumlah >= 0),
    data       BYTEA NOT NULL,
    PRIMARY KEY (kode_desa, nomor_tps)
);
