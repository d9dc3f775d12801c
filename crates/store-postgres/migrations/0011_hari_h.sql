-- Election-day presence and trouble at a TPS: a saksi's check-ins and
-- incident reports. Kept, never updated.
CREATE TABLE checkin (
    id            UUID PRIMARY KEY,
    pemilihan_id  UUID NOT NULL REFERENCES pemilihan (id),
    kode_desa     TEXT COLLATE "C" NOT NULL,
    nomor_tps     SMALLINT NOT NULL,
    pengirim_id   UUID NOT NULL,
    pengirim      TEXT NOT NULL,
    waktu         BIGINT NOT NULL,
    lat           DOUBLE PRECISION,
    lng           DOUBLE PRECISION,
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor)
);
CREATE INDEX checkin_tps ON checkin (pemilihan_id, kode_desa, nomor_tps);

CREATE TABLE insiden (
    id            UUID PRIMARY KEY,
    pemilihan_id  UUID NOT NULL REFERENCES pemilihan (id),
    kode_desa     TEXT COLLATE "C" NOT NULL,
    nomor_tps     SMALLINT NOT NULL,
    pengirim_id   UUID NOT NULL,
    pengirim      TEXT NOT NULL,
    waktu         BIGINT NOT NULL,
    kategori      TEXT NOT NULL,
    teks          TEXT NOT NULL,
    foto          TEXT NOT NULL,
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor)
);
CREATE INDEX insiden_tps ON insiden (pemilihan_id, kode_desa, nomor_tps);
