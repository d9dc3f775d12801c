-- Which revision counts (posko_domain::revisi): a revision stored without
-- replacing the counted one says why (a code such as
-- 'foto.tanpa_foto_alasan') and which revision counted instead. NULL: it
-- became the counted revision when it arrived (every revision before this
-- migration did).
ALTER TABLE kiriman_hasil ADD COLUMN tidak_dihitung TEXT;
ALTER TABLE kiriman_hasil ADD COLUMN revisi_dihitung INTEGER;
