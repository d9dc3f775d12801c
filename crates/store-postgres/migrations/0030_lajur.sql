-- Writers no longer queue behind one row. The audit log becomes several
-- chains (lajur): each entry keeps its global `seq` (from a sequence, for
-- ordering; gaps are allowed) and its place `nomor` in its lane, chained to
-- the lane's previous entry. `audit_lajur` holds every lane's head, which a
-- writer locks alone. Entries written before this migration are lane 0,
-- numbered as they were (their hashes are unchanged: see
-- posko_domain::audit::hash_entri_lajur).
ALTER TABLE audit_log ADD COLUMN lajur SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN nomor BIGINT;
UPDATE audit_log SET nomor = seq;
ALTER TABLE audit_log ALTER COLUMN nomor SET NOT NULL;
CREATE UNIQUE INDEX audit_log_lajur ON audit_log (lajur, nomor);

CREATE TABLE audit_lajur (
    lajur  SMALLINT PRIMARY KEY,
    nomor  BIGINT NOT NULL,
    hash   TEXT NOT NULL
);
INSERT INTO audit_lajur (lajur, nomor, hash)
SELECT l, 0, '0000000000000000000000000000000000000000000000000000000000000000'
  FROM generate_series(0, 63) l;
UPDATE audit_lajur SET (nomor, hash) =
    (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1)
 WHERE lajur = 0 AND EXISTS (SELECT 1 FROM audit_log);

CREATE SEQUENCE audit_log_urut AS BIGINT;
SELECT setval('audit_log_urut', COALESCE((SELECT max(seq) FROM audit_log), 0) + 1, false);

-- Region totals are kept per lane too: a writer moves only its own lane's
-- rows, and a read sums a region's rows over the lanes.
ALTER TABLE rekap_hasil ADD COLUMN lajur SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE rekap_hasil DROP CONSTRAINT rekap_hasil_pkey;
ALTER TABLE rekap_hasil ADD PRIMARY KEY (pemilihan_id, kode, lajur);
ALTER TABLE rekap_suara ADD COLUMN lajur SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE rekap_suara DROP CONSTRAINT rekap_suara_pkey;
ALTER TABLE rekap_suara ADD PRIMARY KEY (pemilihan_id, kode, nomor_urut, lajur);

-- A TPS import checks that every desa exists with one set query in its
-- transaction (wilayah rows are never deleted); the per-row foreign-key
-- check cost most of a 200,000-row import.
ALTER TABLE tps DROP CONSTRAINT tps_kode_desa_fkey;
