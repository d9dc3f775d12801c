//! A TPS's voter list packed into one blob, as both backends store it.
//! The DPT is read a TPS at a time (walk lists, counts) or a desa at a
//! time (matching supporters), and is replaced whole by the next import, so one row per TPS holds its
//! voters in DPT order, LZ4-compressed. Against a row per voter with a
//! lookup index this writes a small fraction of the bytes and no index
//! has to be sorted at the end of a load; at 35 M voters the load's time
//! went mostly to writing pages twice through the WAL, so fewer bytes is
//! the speed.
//!
//! Layout, version 1: the byte `1`, the uncompressed length as a
//! little-endian `u32`, then an LZ4 block holding, per voter in `urut` order:
//! `urut` (LEB128), a flag byte, the birth date as a little-endian `i32`
//! Julian day when present (first, so a search by birth date skips the
//! rest cheaply), `nama`, then `usia` (one byte), `alamat`, `rt` and `rw`
//! (little-endian `u16`) and the masked NIK, each only when its flag is
//! set. Text is a LEB128 length and UTF-8 bytes.

use posko_domain::{JenisKelamin, KodeTps, NikTersamar, Pemilih};
use time::Date;

const VERSI: u8 = 1;

const PEREMPUAN: u8 = 1;
const LAHIR: u8 = 1 << 1;
const USIA: u8 = 1 << 2;
const ALAMAT: u8 = 1 << 3;
const RT: u8 = 1 << 4;
const RW: u8 = 1 << 5;
const NIK: u8 = 1 << 6;

/// A blob larger than this when unpacked is damaged, not a TPS (a TPS
/// holds at most a few thousand voters of ~100 bytes).
const MAKS_MENTAH: usize = 64 << 20;

/// Packs TPS after TPS, reusing its buffers.
#[derive(Default)]
pub struct Pengemas {
    mentah: Vec<u8>,
    padat: Vec<u8>,
}

impl Pengemas {
    /// `rows` (one TPS, sorted by `urut`) packed, valid until the next call.
    pub fn kemas(&mut self, rows: &[Pemilih]) -> &[u8] {
        tulis_mentah(rows, &mut self.mentah);
        let n = self.mentah.len();
        self.padat.clear();
        self.padat.push(VERSI);
        self.padat.extend_from_slice(&(n as u32).to_le_bytes());
        let awal = self.padat.len();
        self.padat
            .resize(awal + lz4_flex::block::get_maximum_output_size(n), 0);
        let panjang = lz4_flex::block::compress_into(&self.mentah, &mut self.padat[awal..])
            .expect("the output is sized by get_maximum_output_size");
        self.padat.truncate(awal + panjang);
        &self.padat
    }
}

fn tulis_mentah(rows: &[Pemilih], out: &mut Vec<u8>) {
    out.clear();
    for p in rows {
        leb(out, p.urut);
        let mut flag = 0;
        if p.jenis_kelamin == JenisKelamin::Perempuan {
            flag |= PEREMPUAN;
        }
        for (ada, bit) in [
            (p.tanggal_lahir.is_some(), LAHIR),
            (p.usia.is_some(), USIA),
            (p.alamat.is_some(), ALAMAT),
            (p.rt.is_some(), RT),
            (p.rw.is_some(), RW),
            (p.nik_tersamar.is_some(), NIK),
        ] {
            if ada {
                flag |= bit;
            }
        }
        out.push(flag);
        if let Some(d) = p.tanggal_lahir {
            out.extend_from_slice(&d.to_julian_day().to_le_bytes());
        }
        teks(out, &p.nama);
        if let Some(u) = p.usia {
            out.push(u);
        }
        if let Some(a) = &p.alamat {
            teks(out, a);
        }
        for v in [p.rt, p.rw].into_iter().flatten() {
            out.extend_from_slice(&v.to_le_bytes());
        }
        if let Some(n) = &p.nik_tersamar {
            teks(out, n.as_str());
        }
    }
}

/// The voter records of a blob, decompressed.
fn mentah(data: &[u8]) -> Result<Vec<u8>, String> {
    let (versi, sisa) = data.split_first().ok_or("kemasan DPT kosong")?;
    if *versi != VERSI {
        return Err(format!("versi kemasan DPT {versi} tidak dikenal"));
    }
    let (n, blok) = sisa
        .split_first_chunk::<4>()
        .ok_or("kemasan DPT terpotong di kepalanya")?;
    let n = u32::from_le_bytes(*n) as usize;
    if n > MAKS_MENTAH {
        return Err(format!("kemasan DPT mengaku {n} bita"));
    }
    let mut out = vec![0; n];
    let dapat = lz4_flex::block::decompress_into(blok, &mut out)
        .map_err(|e| format!("kemasan DPT rusak: {e}"))?;
    if dapat != n {
        return Err(format!("kemasan DPT berisi {dapat} bita, bukan {n}"));
    }
    Ok(out)
}

/// Every voter of the blob, in DPT order.
pub fn buka(tps: KodeTps, data: &[u8]) -> Result<Vec<Pemilih>, String> {
    let data = mentah(data)?;
    let mut out = Vec::new();
    let mut b = Pembaca {
        data: &data,
        pos: 0,
    };
    while !b.habis() {
        out.push(b.berikut(tps)?);
    }
    Ok(out)
}

/// The voters born on `lahir` named `nama` (already in [`posko_domain::nama_kunci`]
/// form). Voters born on another day are skipped without being built.
pub fn cari(tps: KodeTps, data: &[u8], nama: &str, lahir: Date) -> Result<Vec<Pemilih>, String> {
    let hari = lahir.to_julian_day();
    let data = mentah(data)?;
    let mut out = Vec::new();
    let mut b = Pembaca {
        data: &data,
        pos: 0,
    };
    while !b.habis() {
        let mulai = b.pos;
        b.leb()?;
        let flag = b.byte()?;
        let cocok = flag & LAHIR != 0
            && i32::from_le_bytes(b.ambil(4)?.try_into().expect("4 bytes")) == hari
            && b.teks()? == nama;
        b.pos = mulai;
        if cocok {
            out.push(b.berikut(tps)?);
        } else {
            b.lewati()?;
        }
    }
    Ok(out)
}

fn leb(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn teks(out: &mut Vec<u8>, s: &str) {
    leb(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Pembaca<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Pembaca<'a> {
    fn habis(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn ambil(&mut self, n: usize) -> Result<&'a [u8], String> {
        let akhir = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        let akhir = akhir.ok_or_else(|| format!("kemasan DPT terpotong di bita {}", self.pos))?;
        let s = &self.data[self.pos..akhir];
        self.pos = akhir;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.ambil(1)?[0])
    }

    fn leb(&mut self) -> Result<u32, String> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("angka terlalu panjang di bita {}", self.pos))
    }

    fn teks(&mut self) -> Result<&'a str, String> {
        let n = self.leb()? as usize;
        let at = self.pos;
        std::str::from_utf8(self.ambil(n)?).map_err(|_| format!("teks bukan UTF-8 di bita {at}"))
    }

    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(
            self.ambil(2)?.try_into().expect("2 bytes"),
        ))
    }

    fn berikut(&mut self, tps: KodeTps) -> Result<Pemilih, String> {
        let urut = self.leb()?;
        let flag = self.byte()?;
        let tanggal_lahir = if flag & LAHIR != 0 {
            let hari = i32::from_le_bytes(self.ambil(4)?.try_into().expect("4 bytes"));
            Some(Date::from_julian_day(hari).map_err(|e| format!("pemilih {urut}: {e}"))?)
        } else {
            None
        };
        let nama = self.teks()?.to_owned();
        let usia = if flag & USIA != 0 {
            Some(self.byte()?)
        } else {
            None
        };
        let alamat = if flag & ALAMAT != 0 {
            Some(self.teks()?.to_owned())
        } else {
            None
        };
        let rt = if flag & RT != 0 {
            Some(self.u16()?)
        } else {
            None
        };
        let rw = if flag & RW != 0 {
            Some(self.u16()?)
        } else {
            None
        };
        let nik_tersamar = if flag & NIK != 0 {
            Some(NikTersamar::from_stored(self.teks()?.to_owned()))
        } else {
            None
        };
        Ok(Pemilih {
            tps,
            urut,
            nama,
            jenis_kelamin: if flag & PEREMPUAN != 0 {
                JenisKelamin::Perempuan
            } else {
                JenisKelamin::Laki
            },
            tanggal_lahir,
            usia,
            alamat,
            rt,
            rw,
            nik_tersamar,
        })
    }

    /// Moves past one voter without building it.
    fn lewati(&mut self) -> Result<(), String> {
        self.leb()?;
        let flag = self.byte()?;
        if flag & LAHIR != 0 {
            self.ambil(4)?;
        }
        self.teks()?;
        if flag & USIA != 0 {
            self.ambil(1)?;
        }
        if flag & ALAMAT != 0 {
            self.teks()?;
        }
        let angka = usize::from(flag & RT != 0) + usize::from(flag & RW != 0);
        self.ambil(2 * angka)?;
        if flag & NIK != 0 {
            self.teks()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use posko_domain::{KodeWilayah, NomorTps};
    use time::macros::date;

    fn tps() -> KodeTps {
        KodeTps::new(
            KodeWilayah::parse("32.73.01.1001").unwrap(),
            NomorTps::new(3).unwrap(),
        )
        .unwrap()
    }

    fn pemilih(urut: u32, nama: &str, lahir: Option<Date>) -> Pemilih {
        Pemilih {
            tps: tps(),
            urut,
            nama: nama.into(),
            jenis_kelamin: if urut.is_multiple_of(2) {
                JenisKelamin::Perempuan
            } else {
                JenisKelamin::Laki
            },
            tanggal_lahir: lahir,
            usia: lahir.is_none().then_some(47),
            alamat: (urut != 2).then(|| "JL. MERDEKA NO. 1".into()),
            rt: Some(urut as u16),
            rw: (urut != 3).then_some(12),
            nik_tersamar: (urut != 1).then(|| NikTersamar::parse("327301**********").unwrap()),
        }
    }

    fn contoh() -> Vec<Pemilih> {
        vec![
            pemilih(1, "AHMAD", Some(date!(1990 - 08 - 25))),
            pemilih(2, "SITI AMINAH", Some(date!(1990 - 08 - 25))),
            pemilih(3, "BUDI", None),
            pemilih(200, "SITI AMINAH", Some(date!(1985 - 01 - 02))),
            pemilih(70_000, "ÉLODIE ÑUÑEZ", Some(date!(2001 - 12 - 31))),
        ]
    }

    #[test]
    fn every_field_round_trips() {
        let rows = contoh();
        let mut p = Pengemas::default();
        assert_eq!(buka(tps(), p.kemas(&rows)).unwrap(), rows);
        assert_eq!(buka(tps(), p.kemas(&[])).unwrap(), vec![]);
        // Many voters of one TPS share words: the blob is smaller than
        // what it holds.
        let banyak: Vec<Pemilih> = (1..=300)
            .map(|i| pemilih(i, "SITI AMINAH", Some(date!(1990 - 08 - 25))))
            .collect();
        let mut mentah_ = Vec::new();
        tulis_mentah(&banyak, &mut mentah_);
        let padat = p.kemas(&banyak).len();
        assert!(padat * 4 < mentah_.len(), "{padat} of {}", mentah_.len());
    }

    #[test]
    fn search_matches_name_and_birth_date_only() {
        let rows = contoh();
        let mut p = Pengemas::default();
        let data = p.kemas(&rows).to_vec();
        let found = cari(tps(), &data, "SITI AMINAH", date!(1990 - 08 - 25)).unwrap();
        assert_eq!(found, vec![rows[1].clone()]);
        assert!(
            cari(tps(), &data, "SITI", date!(1990 - 08 - 25))
                .unwrap()
                .is_empty()
        );
        assert!(
            cari(tps(), &data, "AHMAD", date!(1990 - 08 - 26))
                .unwrap()
                .is_empty()
        );
        let last = cari(tps(), &data, "ÉLODIE ÑUÑEZ", date!(2001 - 12 - 31)).unwrap();
        assert_eq!(last, vec![rows[4].clone()]);
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        let data = Pengemas::default().kemas(&contoh()).to_vec();
        for n in 1..data.len() {
            // Cut anywhere: an error or fewer voters, never a panic.
            let _ = buka(tps(), &data[..n]);
            let _ = cari(tps(), &data[..n], "BUDI", date!(1990 - 08 - 25));
        }
        assert!(buka(tps(), &data[..data.len() - 3]).is_err());
        assert!(buka(tps(), &[]).unwrap_err().contains("kosong"));
        assert!(buka(tps(), &[9, 1]).unwrap_err().contains("versi"));
        assert!(
            buka(tps(), &[1, 0xff, 0xff, 0xff, 0xff])
                .unwrap_err()
                .contains("mengaku")
        );
        // Undamaged framing around records cut short: an error.
        let mut mentah_ = Vec::new();
        tulis_mentah(&contoh(), &mut mentah_);
        mentah_.truncate(mentah_.len() - 3);
        let mut terpotong = vec![VERSI];
        terpotong.extend_from_slice(&(mentah_.len() as u32).to_le_bytes());
        terpotong.extend(lz4_flex::block::compress(&mentah_));
        assert!(buka(tps(), &terpotong).unwrap_err().contains("terpotong"));
    }
}
