-- History of an earlier election per TPS (turnout, and the votes of the
-- candidate or party followed), kept by desa and TPS number as published:
-- TPS are renumbered between elections, so nothing references tps here.
CREATE TABLE hasil_lalu (
    kode_desa  TEXT NOT NULL,
    nomor      INTEGER NOT NULL,
    dpt        INTEGER NOT NULL,
    sah        INTEGER NOT NULL,
    tidak_sah  INTEGER NOT NULL,
    kita       INTEGER,
    PRIMARY KEY (kode_desa, nomor)
);

-- The one imported history: which election, from which file.
CREATE TABLE riwayat (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    nama            TEXT NOT NULL,
    berkas          TEXT NOT NULL,
    diimpor         INTEGER NOT NULL
);

-- The manager's assumptions for an election's targets.
CREATE TABLE asumsi_target (
    pemilihan_id      TEXT PRIMARY KEY REFERENCES pemilihan (id),
    partisipasi_bp    INTEGER NOT NULL CHECK (partisipasi_bp BETWEEN 0 AND 10000),
    sumber            TEXT NOT NULL CHECK (sumber IN ('tetap', 'riwayat')),
    target_suara_bp   INTEGER CHECK (target_suara_bp BETWEEN 0 AND 10000),
    diubah            INTEGER NOT NULL,
    oleh              TEXT NOT NULL
);
