-- The volunteer tree, recruitment invitations, supporters with consent
-- (NIK and phone encrypted, found by blind index) and the review list of
-- suspected duplicates. Territories are stored as text codes so that a
-- region's prefix finds everything under it (TPS as 31.71.01.1001-001).
CREATE TABLE relawan (
    id           UUID PRIMARY KEY,
    pengguna_id  UUID UNIQUE REFERENCES pengguna (id),
    nama         TEXT NOT NULL,
    wilayah      TEXT COLLATE "C" NOT NULL,
    tingkat      SMALLINT NOT NULL,
    perekrut_id  UUID REFERENCES relawan (id),
    aktif        BOOLEAN NOT NULL,
    dibuat       BIGINT NOT NULL
);
CREATE INDEX relawan_perekrut ON relawan (perekrut_id);
CREATE INDEX relawan_wilayah ON relawan (wilayah);

CREATE TABLE undangan_relawan (
    kode_hash    TEXT COLLATE "C" PRIMARY KEY,
    perekrut_id  UUID NOT NULL REFERENCES relawan (id),
    wilayah      TEXT COLLATE "C" NOT NULL,
    dibuat       BIGINT NOT NULL,
    kadaluarsa   BIGINT NOT NULL,
    dipakai      BIGINT
);

CREATE TABLE pendukung (
    id              UUID PRIMARY KEY,
    relawan_id      UUID NOT NULL REFERENCES relawan (id),
    nama            TEXT NOT NULL,
    nik_sandi       TEXT,
    -- One supporter per NIK in a campaign: the second registration is a duplicate.
    nik_indeks      TEXT UNIQUE,
    telepon_sandi   TEXT,
    telepon_indeks  TEXT,
    alamat          TEXT NOT NULL,
    kode_desa       TEXT COLLATE "C" NOT NULL,
    tps             TEXT COLLATE "C",
    tanggal_lahir   DATE,
    dukungan        TEXT NOT NULL,
    sumber          TEXT NOT NULL,
    keperluan       TEXT NOT NULL,
    disetujui       BIGINT NOT NULL,
    simpan_sampai   DATE NOT NULL,
    dibuat          BIGINT NOT NULL
);
CREATE INDEX pendukung_desa_lahir ON pendukung (kode_desa, tanggal_lahir);
CREATE INDEX pendukung_tps ON pendukung (tps);
CREATE INDEX pendukung_relawan ON pendukung (relawan_id, dibuat);
CREATE INDEX pendukung_simpan ON pendukung (simpan_sampai);
CREATE INDEX pendukung_telepon ON pendukung (telepon_indeks);

CREATE TABLE pendukung_ragu (
    id           UUID PRIMARY KEY,
    pendukung_a  UUID NOT NULL REFERENCES pendukung (id) ON DELETE CASCADE,
    pendukung_b  UUID NOT NULL REFERENCES pendukung (id) ON DELETE CASCADE,
    skor         DOUBLE PRECISION NOT NULL,
    status       TEXT NOT NULL,
    dibuat       BIGINT NOT NULL,
    UNIQUE (pendukung_a, pendukung_b)
);
CREATE INDEX pendukung_ragu_status ON pendukung_ragu (status, dibuat);
CREATE INDEX pendukung_ragu_b ON pendukung_ragu (pendukung_b);
