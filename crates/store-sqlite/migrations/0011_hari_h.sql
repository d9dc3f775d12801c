-- Election-day presence and trouble at a TPS: a saksi's check-ins and
-- incident reports. Kept, never updated.
CREATE TABLE checkin (
    id            TEXT PRIMARY KEY,
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    kode_desa     TEXT NOT NULL,
    nomor_tps     INTEGER NOT NULL,
    pengirim_id   TEXT NOT NULL,
    pengirim      TEXT NOT NULL,
    waktu         INTEGER NOT NULL,
    lat           DOUBLE PRECISION,
    lng           DOUBLE PRECISION,
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor)
);
CREATE INDEX checkin_tps ON checkin (pemilihan_id, kode_desa, nomor_tps);

CREATE TABLE insiden (
    id            TEXT PRIMARY KEY,
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    kode_desa     TEXT NOT NULL,
    nomor_tps     INTEGER NOT NULL,
    pengirim_id   TEXT NOT NULL,
    pengirim      TEXT NOT NULL,
    waktu         INTEGER NOT NULL,
    kategori      TEXT NOT NULL,
    teks          TEXT NOT NULL,
    foto          TEXT NOT NULL,
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor)
);
CREATE INDEX insiden_tps ON insiden (pemilihan_id, kode_desa, nomor_tps);
