-- The voter list (DPT). One row per voter; (kode_desa, nomor_tps, urut) is
-- the voter's place in the imported file, so importing the same file again
-- replaces the same rows. The NIK is kept only masked. A load into an empty
-- table drops both indexes and builds them after the rows are in (see
-- muat_pemilih in src/pemilih.rs); their definitions live there too.
CREATE TABLE pemilih (
    kode_desa      TEXT NOT NULL,
    nomor_tps      INTEGER NOT NULL,
    urut           INTEGER NOT NULL,
    nama           TEXT NOT NULL,
    jenis_kelamin  TEXT NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    tanggal_lahir  TEXT,
    usia           INTEGER,
    alamat         TEXT,
    rt             INTEGER,
    rw             INTEGER,
    nik_tersamar   TEXT
);
CREATE UNIQUE INDEX pemilih_kunci ON pemilih (kode_desa, nomor_tps, urut);
-- Supporter matching: name + birth date + desa.
CREATE INDEX pemilih_cari ON pemilih (nama, tanggal_lahir, kode_desa);
