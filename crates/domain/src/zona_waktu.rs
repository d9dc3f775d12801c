//! Indonesia's three time zones, and which one a region keeps: times on a
//! page are read in the region's own zone (a count in Makassar closes at
//! 13.00 WITA, not 12.00 WIB).

use time::UtcOffset;

use crate::KodeWilayah;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZonaWaktu {
    /// Waktu Indonesia Barat, UTC+7: Sumatra, Java, West and Central Kalimantan.
    Wib,
    /// Waktu Indonesia Tengah, UTC+8: Bali, Nusa Tenggara, the rest of
    /// Kalimantan, Sulawesi.
    Wita,
    /// Waktu Indonesia Timur, UTC+9: Maluku and Papua.
    Wit,
}

impl ZonaWaktu {
    /// The zone of a region, from its province (the zones follow province
    /// borders). Codes of provinces not yet known read as WIB.
    pub fn dari_wilayah(kode: &KodeWilayah) -> ZonaWaktu {
        let provinsi: u32 = kode.to_string()[..2].parse().unwrap_or(0);
        match provinsi {
            51..=53 | 63..=65 | 71..=76 => ZonaWaktu::Wita,
            81..=82 | 91..=96 => ZonaWaktu::Wit,
            _ => ZonaWaktu::Wib,
        }
    }

    pub fn offset(self) -> UtcOffset {
        let jam = match self {
            ZonaWaktu::Wib => 7,
            ZonaWaktu::Wita => 8,
            ZonaWaktu::Wit => 9,
        };
        UtcOffset::from_hms(jam, 0, 0).expect("a whole hour is a valid offset")
    }

    /// `WIB`, `WITA`, `WIT`: the same abbreviation in both languages.
    pub fn singkatan(self) -> &'static str {
        match self {
            ZonaWaktu::Wib => "WIB",
            ZonaWaktu::Wita => "WITA",
            ZonaWaktu::Wit => "WIT",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zona(kode: &str) -> ZonaWaktu {
        ZonaWaktu::dari_wilayah(&KodeWilayah::parse(kode).unwrap())
    }

    #[test]
    fn each_region_keeps_its_provinces_zone() {
        assert_eq!(zona("31.71.01.1001"), ZonaWaktu::Wib); // Jakarta
        assert_eq!(zona("61"), ZonaWaktu::Wib); // Kalimantan Barat
        assert_eq!(zona("51.71"), ZonaWaktu::Wita); // Denpasar
        assert_eq!(zona("73.71.01"), ZonaWaktu::Wita); // Makassar
        assert_eq!(zona("64"), ZonaWaktu::Wita); // Kalimantan Timur
        assert_eq!(zona("81.71"), ZonaWaktu::Wit); // Ambon
        assert_eq!(zona("94"), ZonaWaktu::Wit); // Papua Tengah
        assert_eq!(ZonaWaktu::Wita.offset().whole_hours(), 8);
        assert_eq!(ZonaWaktu::Wit.singkatan(), "WIT");
    }
}
