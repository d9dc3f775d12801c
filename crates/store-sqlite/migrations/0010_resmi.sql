-- The official count per TPS as published (by the KPU), imported to be
-- compared with the campaign's own verified figures.
CREATE TABLE hasil_resmi (
    pemilihan_id  TEXT NOT NULL REFERENCES pemilihan (id),
    kode_desa     TEXT NOT NULL,
    nomor_tps     INTEGER NOT NULL,
    angka         TEXT NOT NULL,
    PRIMARY KEY (pemilihan_id, kode_desa, nomor_tps),
    FOREIGN KEY (kode_desa, nomor_tps) REFERENCES tps (kode_desa, nomor)
);
