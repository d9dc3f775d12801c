-- Region boundaries for maps: the rings as compact JSON ([[[[lng,lat],…]]]),
-- simplified lightly at import, and a label point.
CREATE TABLE batas (
    kode      TEXT PRIMARY KEY REFERENCES wilayah (kode),
    geometri  TEXT NOT NULL,
    lat       REAL NOT NULL,
    lng       REAL NOT NULL
);
