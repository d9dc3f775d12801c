-- Election-day results. A submission is never updated or deleted: each is
-- a revision of its TPS. hasil_tps holds each TPS's current result, and
-- rekap_hasil / rekap_suara the totals of every region above it, moved by
-- the difference each new revision makes (never recomputed from all TPS).
CREATE TABLE kiriman_hasil (
    id            UUID PRIMARY KEY,
    kunci_klien   TEXT COLLATE "C" NOT NULL UNIQUE,
    pemilihan_id  UUID NOT NULL REFERENCES pemilihan (id),
    kode_desa     TEXT COLLATE "C" NOT NULL,
    nomor_tps     SMALLINT NOT NULL,
    revisi        INTEGER NOT NULL,
    pengirim_id   UUID NOT NULL,
    pengirim      TEXT NOT NULL,
    sumber        TEXT NOT NULL,
    waktu         BIGINT NOT NULL,
    alasan        TEXT,
    formulir      TEXT NOT NULL,
    temuan        TEXT NOT NULL,
    foto          TEXT NOT NULL,
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor),
    UNIQUE (pemilihan_id, kode_desa, nomor_tps, revisi)
);

CREATE TABLE hasil_tps (
    pemilihan_id   UUID NOT NULL,
    kode_desa      TEXT COLLATE "C" NOT NULL,
    nomor_tps      SMALLINT NOT NULL,
    kiriman_id     UUID,
    revisi         INTEGER NOT NULL,
    status         TEXT NOT NULL,
    angka          TEXT NOT NULL,
    terverifikasi  TEXT,
    jumlah_temuan  INTEGER NOT NULL,
    dpt            BIGINT NOT NULL,
    waktu          BIGINT NOT NULL,
    PRIMARY KEY (pemilihan_id, kode_desa, nomor_tps)
);

CREATE TABLE rekap_hasil (
    pemilihan_id       UUID NOT NULL,
    kode               TEXT COLLATE "C" NOT NULL,
    tps_masuk          BIGINT NOT NULL DEFAULT 0,
    tps_terverifikasi  BIGINT NOT NULL DEFAULT 0,
    tps_bermasalah     BIGINT NOT NULL DEFAULT 0,
    tps_bertanda       BIGINT NOT NULL DEFAULT 0,
    dpt_masuk          BIGINT NOT NULL DEFAULT 0,
    sah                BIGINT NOT NULL DEFAULT 0,
    tidak_sah          BIGINT NOT NULL DEFAULT 0,
    sah_v              BIGINT NOT NULL DEFAULT 0,
    tidak_sah_v        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (pemilihan_id, kode)
);

CREATE TABLE rekap_suara (
    pemilihan_id  UUID NOT NULL,
    kode          TEXT COLLATE "C" NOT NULL,
    nomor_urut    SMALLINT NOT NULL,
    suara         BIGINT NOT NULL DEFAULT 0,
    suara_v       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (pemilihan_id, kode, nomor_urut)
);
