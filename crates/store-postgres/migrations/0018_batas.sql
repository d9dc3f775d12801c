-- Region boundaries for maps: the rings as compact JSON ([[[[lng,lat],…]]]),
-- simplified lightly at import, and a label point.
CREATE TABLE batas (
    kode      TEXT COLLATE "C" PRIMARY KEY REFERENCES wilayah (kode),
    geometri  TEXT NOT NULL,
    lat       DOUBLE PRECISION NOT NULL,
    lng       DOUBLE PRECISION NOT NULL
);
