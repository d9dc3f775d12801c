-- An incident is handled, not only reported: its status (baru, ditangani,
-- selesai) and the account that owns it. Existing reports start as new.
-- The watch page counts and lists by area; penugasan gains an index on
-- the scope so a TPS's saksi is found without scanning every role.
ALTER TABLE insiden ADD COLUMN status TEXT NOT NULL DEFAULT 'baru';
ALTER TABLE insiden ADD COLUMN pemilik_id UUID;
ALTER TABLE insiden ADD COLUMN diubah BIGINT;
CREATE INDEX insiden_status ON insiden (pemilihan_id, status, kode_desa);
CREATE INDEX penugasan_cakupan ON penugasan (cakupan, peran);
