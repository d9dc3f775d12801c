//! Turns a finished layout into PDF bytes with pdf-writer.

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{LineJoinStyle, PageMode};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::tata_letak::{Elemen, LEBAR_HALAMAN, TINGGI_HALAMAN, TataLetak};
use crate::teks::Huruf;

const HURUF_BIASA: Name<'static> = Name(b"F1");
const HURUF_TEBAL: Name<'static> = Name(b"F2");

/// zlib level for content streams: text-heavy streams shrink several-fold,
/// and a pack of hundreds of TPS stays quick to send over a phone link.
const TINGKAT_KOMPRESI: u8 = 6;

fn nama_gambar(i: usize) -> String {
    format!("Im{}", i + 1)
}

/// The document information dictionary's texts.
pub(crate) struct Info<'a> {
    pub judul: &'a str,
    pub penulis: &'a str,
    pub subjek: &'a str,
}

pub(crate) fn pdf(p: &Info<'_>, tata: &TataLetak<'_>) -> Vec<u8> {
    let mut berikut = Ref::new(1);
    let mut ref_baru = || berikut.bump();
    let katalog = ref_baru();
    let pohon = ref_baru();
    let info = ref_baru();
    let huruf_biasa = ref_baru();
    let huruf_tebal = ref_baru();
    let kerangka = ref_baru();
    let ref_gambar: Vec<Ref> = tata.gambar.iter().map(|_| ref_baru()).collect();
    let ref_halaman: Vec<(Ref, Ref)> = tata
        .halaman
        .iter()
        .map(|_| (ref_baru(), ref_baru()))
        .collect();
    let ref_penanda: Vec<Ref> = tata.penanda.iter().map(|_| ref_baru()).collect();

    let mut pdf = Pdf::new();
    {
        let mut k = pdf.catalog(katalog);
        k.pages(pohon);
        k.lang(TextStr("id"));
        k.viewer_preferences().display_doc_title(true);
        if !ref_penanda.is_empty() {
            k.outlines(kerangka);
            if tata.penanda.len() > 1 {
                k.page_mode(PageMode::UseOutlines);
            }
        }
    }
    pdf.document_info(info)
        .title(TextStr(p.judul))
        .author(TextStr(p.penulis))
        .subject(TextStr(p.subjek))
        .creator(TextStr("Posko"))
        .producer(TextStr("posko-pdf"));

    for (id, nama) in [(huruf_biasa, "Helvetica"), (huruf_tebal, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(nama.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    for (g, id) in tata.gambar.iter().zip(&ref_gambar) {
        let mut xo = pdf.image_xobject(*id, g.jpeg);
        xo.filter(Filter::DctDecode);
        xo.width(i32::try_from(g.info.lebar).unwrap_or(i32::MAX));
        xo.height(i32::try_from(g.info.tinggi).unwrap_or(i32::MAX));
        if g.info.komponen == 1 {
            xo.color_space().device_gray();
        } else {
            xo.color_space().device_rgb();
        }
        xo.bits_per_component(8);
    }

    pdf.pages(pohon)
        .kids(ref_halaman.iter().map(|(h, _)| *h))
        .count(i32::try_from(ref_halaman.len()).unwrap_or(i32::MAX));

    for (halaman, (id, isi)) in tata.halaman.iter().zip(&ref_halaman) {
        let mut dipakai: Vec<usize> = halaman
            .elemen
            .iter()
            .filter_map(|e| match e {
                Elemen::Foto { gambar, .. } => Some(*gambar),
                _ => None,
            })
            .collect();
        dipakai.sort_unstable();
        dipakai.dedup();

        let mut page = pdf.page(*id);
        let (w, h) = if tata.lanskap {
            (TINGGI_HALAMAN, LEBAR_HALAMAN)
        } else {
            (LEBAR_HALAMAN, TINGGI_HALAMAN)
        };
        page.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(pohon)
            .contents(*isi);
        let mut sumber = page.resources();
        sumber
            .fonts()
            .pair(HURUF_BIASA, huruf_biasa)
            .pair(HURUF_TEBAL, huruf_tebal);
        {
            let mut xo = sumber.x_objects();
            for &i in &dipakai {
                if let Some(r) = ref_gambar.get(i) {
                    xo.pair(Name(nama_gambar(i).as_bytes()), *r);
                }
            }
        }
        sumber.finish();
        page.finish();

        let konten = isi_halaman(&halaman.elemen);
        let padat = compress_to_vec_zlib(&konten, TINGKAT_KOMPRESI);
        pdf.stream(*isi, &padat).filter(Filter::FlateDecode);
    }

    if let (Some(pertama), Some(terakhir)) = (ref_penanda.first(), ref_penanda.last()) {
        pdf.outline(kerangka)
            .first(*pertama)
            .last(*terakhir)
            .count(i32::try_from(ref_penanda.len()).unwrap_or(i32::MAX));
        for (i, (penanda, id)) in tata.penanda.iter().zip(&ref_penanda).enumerate() {
            let mut item = pdf.outline_item(*id);
            item.title(TextStr(&penanda.judul)).parent(kerangka);
            if let Some(sebelum) = i.checked_sub(1).and_then(|j| ref_penanda.get(j)) {
                item.prev(*sebelum);
            }
            if let Some(sesudah) = ref_penanda.get(i + 1) {
                item.next(*sesudah);
            }
            if let Some((halaman, _)) = ref_halaman.get(penanda.halaman) {
                item.dest().page(*halaman).xyz(
                    0.0,
                    if tata.lanskap {
                        LEBAR_HALAMAN
                    } else {
                        TINGGI_HALAMAN
                    },
                    None,
                );
            }
        }
    }

    pdf.finish()
}

fn isi_halaman(elemen: &[Elemen]) -> Vec<u8> {
    let mut c = Content::new();
    for e in elemen {
        match e {
            Elemen::Teks {
                x,
                y,
                ukuran,
                huruf,
                abu,
                isi,
            } => {
                let nama = match huruf {
                    Huruf::Biasa => HURUF_BIASA,
                    Huruf::Tebal => HURUF_TEBAL,
                };
                c.set_fill_gray(*abu);
                c.begin_text();
                c.set_font(nama, *ukuran);
                c.next_line(*x, *y);
                c.show(Str(isi));
                c.end_text();
            }
            Elemen::Kotak {
                x,
                y,
                lebar,
                tinggi,
                isi,
                garis,
            } => {
                if let Some(abu) = isi {
                    c.set_fill_gray(*abu);
                    c.rect(*x, *y, *lebar, *tinggi);
                    c.fill_nonzero();
                }
                if let Some(abu) = garis {
                    c.set_stroke_gray(*abu);
                    c.set_line_width(0.5);
                    c.rect(*x, *y, *lebar, *tinggi);
                    c.stroke();
                }
            }
            Elemen::Garis {
                x1,
                y1,
                x2,
                y2,
                abu,
            } => {
                c.set_stroke_gray(*abu);
                c.set_line_width(0.4);
                c.move_to(*x1, *y1);
                c.line_to(*x2, *y2);
                c.stroke();
            }
            Elemen::Bidang { cincin, rgb } => {
                let [r, g, b] = rgb.map(|v| f32::from(v) / 255.0);
                c.set_fill_rgb(r, g, b);
                c.set_stroke_rgb(1.0, 1.0, 1.0);
                c.set_line_width(0.3);
                c.set_line_join(LineJoinStyle::RoundJoin);
                let mut ada = false;
                for ring in cincin.iter().filter(|r| r.len() >= 3) {
                    let (x0, y0) = ring[0];
                    c.move_to(x0, y0);
                    for &(x, y) in &ring[1..] {
                        c.line_to(x, y);
                    }
                    c.close_path();
                    ada = true;
                }
                if ada {
                    c.fill_even_odd_and_stroke();
                }
            }
            Elemen::KotakWarna {
                x,
                y,
                lebar,
                tinggi,
                rgb,
            } => {
                let [r, g, b] = rgb.map(|v| f32::from(v) / 255.0);
                c.set_fill_rgb(r, g, b);
                c.set_stroke_gray(0.33);
                c.set_line_width(0.4);
                c.rect(*x, *y, *lebar, *tinggi);
                c.fill_nonzero_and_stroke();
            }
            Elemen::Foto {
                x,
                y,
                lebar,
                tinggi,
                gambar,
            } => {
                c.save_state();
                c.transform([*lebar, 0.0, 0.0, *tinggi, *x, *y]);
                c.x_object(Name(nama_gambar(*gambar).as_bytes()));
                c.restore_state();
            }
        }
    }
    c.finish().to_vec()
}
