-- Election-day results. A submission is never updated or deleted: each is
-- a revision of its TPS. hasil_tps holds each TPS's current result, and
-- rekap_hasil / rekap_suara the totals of every region above it, moved by
-- the difference each new revision makes (never recomputed from all TPS).
CREATE TABLE kiriman_hasil (
    id            TEXT PRIMARY KEY,
    kunci_klien   TEXT NOT NULL UNIQUE,
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
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor),
    UNIQUE (pemilihan_id, kode_desa, nomor_tps, revisi)
);

CREATE TABLE hasil_tps (
    pemilihan_id   TEXT NOT NULL,
    kode_desa      TEXT NOT NULL,
    nomor_tps      INTEGER NOT NULL,
    kiriman_id     TEXT,
    revisi         INTEGER NOT NULL,
    status         TEXT NOT NULL,
    angka          TEXT NOT NULL,
    terverifikasi  TEXT,
    jumlah_temuan  INTEGER NOT NULL,
    dpt            INTEGER NOT NULL,
    waktu          INTEGER NOT NULL,
    PRIMARY KEY (pemilihan_id, kode_desa, nomor_tps)
);

CREATE TABLE rekap_hasil (
    pemilihan_id       TEXT NOT NULL,
    kode               TEXT NOT NULL,
    tps_masuk          INTEGER NOT NULL DEFAULT 0,
    tps_terverifikasi  INTEGER NOT NULL DEFAULT 0,
    tps_bermasalah     INTEGER NOT NULL DEFAULT 0,
    tps_bertanda       INTEGER NOT NULL DEFAULT 0,
    dpt_masuk          INTEGER NOT NULL DEFAULT 0,
    sah                INTEGER NOT NULL DEFAULT 0,
    tidak_sah          INTEGER NOT NULL DEFAULT 0,
    sah_v              INTEGER NOT NULL DEFAULT 0,
    tidak_sah_v        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pemilihan_id, kode)
);

CREATE TABLE rekap_suara (
    pemilihan_id  TEXT NOT NULL,
    kode          TEXT NOT NULL,
    nomor_urut    INTEGER NOT NULL,
    suara         INTEGER NOT NULL DEFAULT 0,
    suara_v       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pemilihan_id, kode, nomor_urut)
);
