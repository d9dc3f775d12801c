-- Regions, TPS, their DPT totals, elections and candidate pairs.
-- Codes use the "C" collation so byte order = code order and prefix range
-- scans (kode >= '32.73.' AND kode < '32.73/') mean what they say.
CREATE TABLE wilayah (
    kode        TEXT COLLATE "C" PRIMARY KEY,
    tingkat     SMALLINT NOT NULL CHECK (tingkat BETWEEN 1 AND 4),
    nama        TEXT NOT NULL,
    kode_induk  TEXT COLLATE "C" REFERENCES wilayah (kode),
    jenis_desa  TEXT
);
CREATE INDEX wilayah_induk ON wilayah (kode_induk, kode);
CREATE INDEX wilayah_tingkat ON wilayah (tingkat, kode);

CREATE TABLE tps (
    kode_desa      TEXT COLLATE "C" NOT NULL REFERENCES wilayah (kode),
    nomor          SMALLINT NOT NULL CHECK (nomor BETWEEN 1 AND 999),
    dpt_laki       INTEGER CHECK (dpt_laki >= 0),
    dpt_perempuan  INTEGER CHECK (dpt_perempuan >= 0),
    dpt_total      INTEGER CHECK (dpt_total >= 0),
    alamat         TEXT,
    lat            DOUBLE PRECISION,
    lng            DOUBLE PRECISION,
    PRIMARY KEY (kode_desa, nomor)
);

-- Totals per region at every level, rebuilt in the same transaction as
-- every TPS write so pages never aggregate TPS on read.
CREATE TABLE rekap_dpt (
    kode            TEXT COLLATE "C" PRIMARY KEY,
    tingkat         SMALLINT NOT NULL,
    jumlah_tps      BIGINT NOT NULL,
    tps_dengan_dpt  BIGINT NOT NULL,
    dpt_laki        BIGINT NOT NULL,
    dpt_perempuan   BIGINT NOT NULL,
    dpt_total       BIGINT NOT NULL
);

CREATE TABLE pemilihan (
    id            UUID PRIMARY KEY,
    jenis         TEXT NOT NULL,
    kode_wilayah  TEXT COLLATE "C" NOT NULL REFERENCES wilayah (kode),
    nama          TEXT NOT NULL,
    tanggal       DATE NOT NULL,
    dibuat        TIMESTAMPTZ NOT NULL
);

CREATE TABLE paslon (
    pemilihan_id  UUID NOT NULL REFERENCES pemilihan (id),
    nomor_urut    SMALLINT NOT NULL CHECK (nomor_urut BETWEEN 1 AND 99),
    calon_kepala  TEXT NOT NULL,
    calon_wakil   TEXT NOT NULL,
    PRIMARY KEY (pemilihan_id, nomor_urut)
);
