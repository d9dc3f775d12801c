//! Maps, pure: region boundaries (`Batas`), their projection into an SVG
//! viewBox, simplified path strings (`geometri`), colour scales that read
//! correctly for colour-blind people (`skala`), far-flung shapes such as
//! Kepulauan Seribu moved into an inset box (`sisipan`), and the whole
//! choropleth SVG (`svg`). No I/O.

mod geometri;
mod sisipan;
mod skala;
mod svg;

pub use geometri::{
    Batas, GeometriError, Kotak, Proyeksi, Titik, douglas_peucker, sederhanakan_cincin,
};
pub use sisipan::{Sisipan, Tata, di_dalam, jauh};
pub use skala::{
    CIVIDIS, Kelas, OKABE_ITO, Skala, TANGGA_SELISIH, TANPA_DATA, WARNA_KOLOM_KOSONG, Warna,
    berurutan, kelas_selisih, warna_kolom_kosong_kelas, warna_paslon, warna_pemimpin, warna_unggul,
    warna_unggul_kelas,
};
pub use svg::{Bentuk, LEBAR_PETA, Legenda, SENTUH_MIN, TOLERANSI_LAYAR, svg, svg_dengan, xml};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KodeWilayah;

    fn k(s: &str) -> KodeWilayah {
        KodeWilayah::parse(s).unwrap()
    }

    fn kotak(kode: &str, x0: f64, y0: f64, x1: f64, y1: f64) -> Batas {
        Batas {
            kode: k(kode),
            cincin: vec![vec![vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]],
        }
    }

    #[test]
    fn geometri_pulang_pergi() {
        let b = Batas {
            kode: k("31.71"),
            cincin: vec![
                vec![vec![
                    (106.8, -6.1),
                    (106.9, -6.1),
                    (106.9, -6.2),
                    (106.8, -6.1),
                ]],
                vec![
                    vec![(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 1.0)],
                    vec![(1.2, 1.2), (1.3, 1.2), (1.3, 1.3), (1.2, 1.2)],
                ],
            ],
        };
        let g = b.geometri();
        assert!(g.starts_with("[[[[106.8,-6.1],[106.9,-6.1]"), "{g}");
        assert_eq!(Batas::dari_geometri(b.kode, &g).unwrap(), b);
        assert!(Batas::dari_geometri(b.kode, "[[[[1,2]]]").is_err());
        assert!(Batas::dari_geometri(b.kode, "[[[[1,x]]]]").is_err());
    }

    #[test]
    fn douglas_peucker_membuang_titik_segaris() {
        let garis: Vec<Titik> = (0..=10).map(|i| (i as f64, 0.0)).collect();
        assert_eq!(douglas_peucker(&garis, 0.1), vec![(0.0, 0.0), (10.0, 0.0)]);
        let siku = vec![(0.0, 0.0), (5.0, 0.05), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(
            douglas_peucker(&siku, 0.1),
            vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
        );
        assert_eq!(douglas_peucker(&siku, 0.01).len(), 4);
    }

    #[test]
    fn cincin_tetap_tertutup_dan_pulau_kecil_hilang() {
        let mut ring: Vec<Titik> = Vec::new();
        for i in 0..100 {
            let a = i as f64 / 100.0 * std::f64::consts::TAU;
            ring.push((a.cos() * 10.0, a.sin() * 10.0));
        }
        ring.push(ring[0]);
        let s = sederhanakan_cincin(&ring, 0.5);
        assert!(s.len() < 20 && s.len() >= 4, "{}", s.len());
        assert_eq!(s.first(), s.last());
        let b = Batas {
            kode: k("31.01"),
            cincin: vec![
                vec![ring.clone()],
                vec![vec![
                    (50.0, 50.0),
                    (50.01, 50.0),
                    (50.0, 50.01),
                    (50.0, 50.0),
                ]],
            ],
        };
        assert_eq!(b.sederhanakan(0.5).cincin.len(), 1);
    }

    #[test]
    fn proyeksi_membalik_y_dan_memakai_cos_lintang() {
        let b = kotak("31.71", 106.0, -7.0, 107.0, -6.0);
        let p = Proyeksi::muat([&b], 1000.0, 10.0).unwrap();
        let (x0, y0) = p.titik((106.0, -6.0));
        assert!((x0 - 10.0).abs() < 1e-9 && (y0 - 10.0).abs() < 1e-9);
        let (x1, y1) = p.titik((107.0, -7.0));
        assert!((x1 - 990.0).abs() < 1e-6, "{x1}");
        // a 1°×1° box near 6.5°S is taller than wide once x is scaled
        let kx = (-6.5f64).to_radians().cos();
        assert!((y1 - (10.0 + 980.0 / kx)).abs() < 1e-6, "{y1}");
        assert!((p.tinggi - (y1 + 10.0)).abs() < 1e-6);
    }

    #[test]
    fn path_dalam_satuan_bulat_relatif() {
        let b = kotak("31.71", 0.0, 0.0, 1.0, 1.0);
        let p = Proyeksi::muat([&b], 100.0, 0.0).unwrap();
        assert_eq!(p.path(&b, 0.5), "M0 100l100 0 0-100-100 0z");
        // Sub-unit wiggles vanish: whole units only.
        let c = kotak("31.72", 0.0, 0.0, 0.504, 0.5);
        let p = Proyeksi::muat([&c], 100.0, 0.0).unwrap();
        assert!(!p.path(&c, 0.5).contains('.'), "{}", p.path(&c, 0.5));
        assert_eq!(Proyeksi::muat(std::iter::empty(), 100.0, 0.0), None);
    }

    #[test]
    fn skala_berurutan_menggelap() {
        let s = Skala::linear(&[0.0, 10.0, 100.0], 5);
        assert_eq!(s.warna.len(), 5);
        assert_eq!(s.batas, vec![20.0, 40.0, 60.0, 80.0]);
        assert_eq!(s.warna(0.0), s.warna[0]);
        assert_eq!(s.warna(20.0), s.warna[0]);
        assert_eq!(s.warna(21.0), s.warna[1]);
        assert_eq!(s.warna(100.0), s.warna[4]);
        let lum = |w: Warna| w.0 as u32 + w.1 as u32 + w.2 as u32;
        for pair in s.warna.windows(2) {
            assert!(lum(pair[0]) > lum(pair[1]), "{:?}", s.warna);
        }
        let kelas = s.kelas(0.0, 100.0);
        assert_eq!((kelas[0].dari, kelas[0].sampai), (0.0, 20.0));
        assert_eq!((kelas[4].dari, kelas[4].sampai), (80.0, 100.0));
        assert!(s.keterangan().contains("buta warna"));
        assert_eq!(Skala::linear(&[5.0, 5.0], 5).warna.len(), 1);
        assert_eq!(berurutan(1.0), CIVIDIS[0]);
        assert_eq!(berurutan(0.0), CIVIDIS[8]);
    }

    #[test]
    fn warna_paslon_okabe_ito() {
        assert_eq!(warna_paslon(1).to_string(), "#e69f00");
        assert_eq!(warna_paslon(9), warna_paslon(1));
        assert_eq!(warna_pemimpin(2, 0.3, 0.3), warna_paslon(2));
        assert_ne!(warna_pemimpin(2, 0.0, 0.3), warna_paslon(2));
        // Steps at 2, 5, 10 and 20 points: a 4,5-point race is not pale,
        // and 1 and 4,5 points look different.
        assert_eq!(kelas_selisih(0.019), 0);
        assert_eq!(kelas_selisih(0.045), 1);
        assert_eq!(kelas_selisih(0.05), 2);
        assert_eq!(kelas_selisih(0.15), 3);
        assert_eq!(kelas_selisih(0.35), 4);
        assert_ne!(warna_unggul(1, 0.01), warna_unggul(1, 0.045));
        assert_eq!(warna_unggul(2, 0.25), warna_paslon(2));
        assert_eq!(TANGGA_SELISIH.len(), 4);
    }

    #[test]
    fn svg_kecil_tetap_sama() {
        let a = kotak("31.71", 106.0, -6.0, 106.5, -6.5);
        let b = kotak("31.72", 106.5, -6.0, 107.0, -6.5);
        let bentuk = [
            Bentuk {
                batas: &a,
                nama: "Jakarta <Pusat>",
                keterangan: "DPT 10".into(),
                isi: Warna(1, 2, 3),
                href: Some("/wilayah/31.71".into()),
            },
            Bentuk {
                batas: &b,
                nama: "Jakarta Utara",
                keterangan: String::new(),
                isi: TANPA_DATA,
                href: None,
            },
        ];
        let leg = Legenda {
            judul: "DPT".into(),
            keterangan: "uji".into(),
            baris: vec![(Warna(1, 2, 3), "0–10".into())],
        };
        let s = svg("Peta & uji", &bentuk, &leg);
        let expected = concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 573\" role=\"img\" aria-labelledby=\"peta-judul peta-desc\" font-family=\"sans-serif\">",
            "<title id=\"peta-judul\">Peta &amp; uji</title><desc id=\"peta-desc\">uji</desc>",
            "<g stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">",
            "<a href=\"/wilayah/31.71\"><path id=\"w-31.71\" fill=\"#010203\" d=\"M10 10l490 0 0 493-490 0z\"><title>Jakarta &lt;Pusat&gt;: DPT 10</title></path></a>",
            "<path id=\"w-31.72\" fill=\"#dddddd\" d=\"M500 10l490 0 0 493-490 0z\"><title>Jakarta Utara</title></path>",
            "</g><g class=\"legenda\" font-size=\"15\" fill=\"#222222\"><text x=\"10\" y=\"533\" font-weight=\"bold\">DPT</text>",
            "<rect x=\"10\" y=\"545\" width=\"28\" height=\"18\" fill=\"#010203\" stroke=\"#555555\" stroke-width=\"0.5\"/><text x=\"46\" y=\"559\">0–10</text></g></svg>",
        );
        assert_eq!(s, expected);
        assert!(!s.contains("style"));
    }
}
