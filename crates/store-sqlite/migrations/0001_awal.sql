-- Regions, TPS, their DPT totals, elections and candidate pairs.
CREATE TABLE wilayah (
    kode        TEXT PRIMARY KEY,
    tingkat     INTEGER NOT NULL CHECK (tingkat BETWEEN 1 AND 4),
    nama        TEXT NOT NULL,
    kode_induk  TEXT REFERENCES wilayah (kode),
    jenis_desa  TEXT
) WITHOUT ROWID;
CREATE INDEX wilayah_induk ON wilayah (kode_induk, kode);
CREATE INDEX wilayah_tingkat ON wilayah (tingkat, kode);

CREATE TABLE tps (
    kode_desa      TEXT NOT NULL REFERENCES wilayah (kode),
    nomor          INTEGER NOT NULL CHECK (nomor BETWEEN 1 AND 999),
    dpt_laki       INTEGER CHECK (dpt_laki >= 0),
    dpt_perempuan  INTEGER CHECK (dpt_perempuan >= 0),
    dpt_total      INTEGER CHECK (dpt_total >= 0),
    alamat         TEXT,
    lat            REAL,
    lng            REAL,
    PRIMARY KEY (kode_desa, nomor)
) WITHOUT ROWID;

-- Totals per region at every level, rebuilt in the same transaction as
-- every TPS write so pages never aggregate TPS on read.
CREATE TABLE rekap_dpt (
    kode            TEXT PRIMARY KEY,
    tingkat         INTEGER NOT NULL,
    jumlah_tps      INTEGER NOT NULL,
    tps_dengan_dpt  INTEGER NOT NULL,
    dpt_laki        INTEGER NOT NULL,
    dpt_perempuan   INTEGER NOT NULL,
    dpt_total       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE pemilihan (
    id            TEXT PRIMARY KEY,
    jenis         TEXT NOT NULL,
    kode_wilayah  TEXT NOT NULL REFERENCES wilayah (kode),
    nama          TEXT NOT NULL,
    tanggal       TEXT NOT NULL,
    dibuat        TEXT NOT NULL
);

CREATE TABLE paslon (
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    nomor_urut    INTEGER NOT NULL CHECK (nomor_urut BETWEEN 1 AND 99),
    calon_kepala  TEXT NOT NULL,
    calon_wakil   TEXT NOT NULL,
    PRIMARY KEY (pemilihan_id, nomor_urut)
);
