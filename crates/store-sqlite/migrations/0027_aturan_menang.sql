-- The rule that names an election's winner (posko_domain::AturanMenang),
-- when someone chose one. NULL: the rule the law gives for the election's
-- kind, region and number of paslon (AturanMenang::bawaan), so elections
-- made before this column follow the law as their paslon are registered.
ALTER TABLE pemilihan ADD COLUMN aturan_menang TEXT
    CHECK (aturan_menang IN ('terbanyak', 'lebih_50', 'calon_tunggal'));
