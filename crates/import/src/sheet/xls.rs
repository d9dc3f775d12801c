//! Excel 97–2003 (`.xls`) files, checked before the spreadsheet library
//! opens them. The library reads such a file whole, lays every sheet out
//! as a full grid between its first and last used cell, and trusts the
//! file's sector chains and size records; a few hundred hostile bytes
//! could make it loop forever or ask for gigabytes. So this walks the
//! same structures first, on its own terms:
//!
//! - the compound file (CFB) container: every chain the library follows
//!   (DIFAT, FAT, directory, mini stream, the `Workbook` stream) must stay
//!   inside the file and never loop;
//! - the BIFF records of each sheet the workbook lists: the grid the
//!   library would build (from the `DIMENSIONS` record and from the cells
//!   themselves) must fit [`SEL_PADAT_XLS_MAKS`] for all sheets together,
//!   and no cell may lie past [`KOLOM_MAKS`].
//!
//! Nothing here builds the grid; only positions are read.

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::FileError;
use crate::pagu::{KOLOM_MAKS, LEMBAR_MAKS, SEL_PADAT_XLS_MAKS, XLS_BYTE_MAKS, ribuan, ukuran};

const TANDA_CFB: [u8; 8] = *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Sector ids from here up mean "no sector" (end of chain, free, …).
const SEKTOR_KHUSUS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const AKHIR_RANTAI: u32 = 0xFFFF_FFFE;
/// Streams shorter than this live in the mini stream (as the library decides).
const BATAS_MINI: u64 = 4096;
const SEKTOR_MINI: u64 = 64;

fn rusak(file: &str, message: impl Into<String>) -> FileError {
    FileError::Spreadsheet {
        file: file.to_string(),
        message: message.into(),
    }
}

fn limit(file: &str, reason: String) -> FileError {
    FileError::Limit {
        file: file.to_string(),
        line: None,
        reason,
    }
}

fn u16_di(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_di(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// The compound file, read a sector at a time.
struct Cfb<'a> {
    file: &'a mut File,
    label: &'a str,
    /// Bytes per sector (512 or 4096); the header takes the first one.
    sektor: u64,
    /// The highest sector id the library accepts (file length / sector).
    maks_id: u64,
    fat: Vec<u32>,
}

impl Cfb<'_> {
    fn baca_sektor(&mut self, id: u32) -> Result<Vec<u8>, FileError> {
        if u64::from(id) > self.maks_id {
            return Err(rusak(self.label, format!("sektor {id} di luar berkas")));
        }
        let mut buf = vec![0u8; self.sektor as usize];
        self.file
            .seek(SeekFrom::Start((u64::from(id) + 1) * self.sektor))
            .map_err(|e| rusak(self.label, e.to_string()))?;
        let mut n = 0;
        while n < buf.len() {
            match self.file.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) => return Err(rusak(self.label, e.to_string())),
            }
        }
        buf.truncate(n);
        Ok(buf)
    }

    /// The sectors of the chain starting at `awal` in `tabel` (the FAT or
    /// the mini FAT), checked: ids inside `maks_id`, inside the table, no
    /// sector twice. `len` stops the walk as the library does.
    fn rantai(
        &self,
        awal: u32,
        tabel: &[u32],
        maks_id: u64,
        ukuran_sektor: u64,
        len: u64,
        apa: &str,
    ) -> Result<Vec<u32>, FileError> {
        let mut out = Vec::new();
        let mut dilihat = HashSet::new();
        let mut id = awal;
        let mut terkumpul: u64 = 0;
        while id != AKHIR_RANTAI {
            if u64::from(id) > maks_id || id as usize >= tabel.len() {
                return Err(rusak(
                    self.label,
                    format!("rantai {apa} menunjuk sektor {id} di luar berkas"),
                ));
            }
            if !dilihat.insert(id) {
                return Err(rusak(
                    self.label,
                    format!("rantai {apa} berputar kembali ke sektor {id}"),
                ));
            }
            out.push(id);
            terkumpul += ukuran_sektor;
            if terkumpul >= len {
                break;
            }
            id = tabel[id as usize];
        }
        Ok(out)
    }
}

/// A stream as a list of (file offset, length) pieces.
struct Aliran {
    potongan: Vec<(u64, u64)>,
    /// Bytes per piece (all but possibly the last).
    per: u64,
    len: u64,
    /// The piece last read, cached: records are small and sequential.
    simpan: Option<(usize, Vec<u8>)>,
}

impl Aliran {
    fn baca(&mut self, file: &mut File, off: u64, buf: &mut [u8]) -> std::io::Result<bool> {
        if off + buf.len() as u64 > self.len {
            return Ok(false);
        }
        let mut ditulis = 0;
        while ditulis < buf.len() {
            let pos = off + ditulis as u64;
            let i = (pos / self.per) as usize;
            let dalam = (pos % self.per) as usize;
            if self.simpan.as_ref().map(|(k, _)| *k) != Some(i) {
                let (mulai, panjang) = self.potongan[i];
                let mut isi = vec![0u8; panjang as usize];
                file.seek(SeekFrom::Start(mulai))?;
                let mut n = 0;
                while n < isi.len() {
                    match file.read(&mut isi[n..])? {
                        0 => break,
                        k => n += k,
                    }
                }
                isi.truncate(n);
                self.simpan = Some((i, isi));
            }
            let isi = &self.simpan.as_ref().expect("just cached").1;
            if dalam >= isi.len() {
                return Ok(false);
            }
            let k = (isi.len() - dalam).min(buf.len() - ditulis);
            buf[ditulis..ditulis + k].copy_from_slice(&isi[dalam..dalam + k]);
            ditulis += k;
        }
        Ok(true)
    }
}

/// Checks the `.xls` file at `path`; `label` names it in errors.
pub(crate) fn periksa(path: &Path, label: &str) -> Result<(), FileError> {
    let mut file = File::open(path).map_err(|cause| FileError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    let panjang = file
        .metadata()
        .map_err(|cause| FileError::Open {
            path: path.to_path_buf(),
            cause,
        })?
        .len();
    if panjang > XLS_BYTE_MAKS {
        return Err(limit(
            label,
            format!(
                "berkas XLS {} (batas {}; format lama ini dibaca utuh ke memori): simpan ulang sebagai .xlsx",
                ukuran(panjang),
                ukuran(XLS_BYTE_MAKS)
            ),
        ));
    }
    let mut kepala = [0u8; 512];
    let mut n = 0;
    while n < kepala.len() {
        match file.read(&mut kepala[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(rusak(label, e.to_string())),
        }
    }
    if n < kepala.len() || kepala[..8] != TANDA_CFB {
        return Err(rusak(label, "bukan berkas Excel 97–2003 (.xls)"));
    }
    let sektor: u64 = match u16_di(&kepala, 30) {
        9 => 512,
        12 => 4096,
        s => return Err(rusak(label, format!("ukuran sektor tidak dikenal ({s})"))),
    };
    if u16_di(&kepala, 32) != 6 {
        return Err(rusak(label, "ukuran sektor mini tidak dikenal"));
    }
    let kecil = sektor == 512;
    let dir_awal = u32_di(&kepala, 48);
    let mini_fat_awal = u32_di(&kepala, 60);
    let mini_fat_len = u64::from(u32_di(&kepala, 64));
    let difat_awal = u32_di(&kepala, 68);
    let mut difat: Vec<u32> = (76..512).step_by(4).map(|i| u32_di(&kepala, i)).collect();
    let maks_id = panjang / sektor;
    let mut cfb = Cfb {
        file: &mut file,
        label,
        sektor,
        maks_id,
        fat: Vec::new(),
    };

    // DIFAT: the library follows it as long as ids are real sectors.
    let mut id = difat_awal;
    let mut langkah = 0u64;
    while id < SEKTOR_KHUSUS {
        langkah += 1;
        if langkah > maks_id + 1 {
            return Err(rusak(label, "rantai DIFAT lebih panjang dari berkasnya"));
        }
        let s = cfb.baca_sektor(id)?;
        difat.extend(s.chunks_exact(4).map(|c| u32_di(c, 0)));
        id = difat
            .pop()
            .ok_or_else(|| rusak(label, "rantai DIFAT terputus"))?;
    }
    // FAT: one sector per DIFAT entry. More FAT sectors than the file has
    // sectors can only be the same sectors named again, which the library
    // would copy each time.
    let fat_sektor: Vec<u32> = difat.iter().copied().filter(|&i| i < DIFSECT).collect();
    if fat_sektor.len() as u64 > maks_id + 1 {
        return Err(rusak(
            label,
            format!(
                "tabel sektor (FAT) menyatakan {} sektor, berkasnya hanya {}",
                ribuan(fat_sektor.len() as u64),
                ribuan(maks_id + 1)
            ),
        ));
    }
    let mut fat = Vec::with_capacity(fat_sektor.len() * (sektor as usize / 4));
    for i in fat_sektor {
        let s = cfb.baca_sektor(i)?;
        fat.extend(s.chunks_exact(4).map(|c| u32_di(c, 0)));
    }
    cfb.fat = fat;

    // Directory: the library reads its whole chain.
    let dir_rantai = cfb.rantai(dir_awal, &cfb.fat, maks_id, sektor, u64::MAX, "direktori")?;
    let mut entri: Vec<(String, u32, u64)> = Vec::new();
    for id in dir_rantai {
        let s = cfb.baca_sektor(id)?;
        for e in s.chunks_exact(128) {
            let utf16: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16_di(c, 0)).collect();
            let mut nama = String::from_utf16_lossy(&utf16);
            if let Some(l) = nama.find('\0') {
                nama.truncate(l);
            }
            let awal = u32_di(e, 116);
            let len = if kecil {
                u64::from(u32_di(e, 120))
            } else {
                u64::from_le_bytes(e[120..128].try_into().expect("8 bytes"))
            };
            entri.push((nama, awal, len));
        }
    }
    let Some(akar) = entri.first().cloned() else {
        return Err(rusak(label, "direktori kosong"));
    };

    // The mini stream and its FAT, read only when the header declares one.
    let (mini_fat, akar_rantai) = if mini_fat_len > 0 {
        let akar_rantai = cfb.rantai(akar.1, &cfb.fat, maks_id, sektor, akar.2, "aliran mini")?;
        let mf = cfb.rantai(
            mini_fat_awal,
            &cfb.fat,
            maks_id,
            sektor,
            mini_fat_len.saturating_mul(sektor),
            "FAT mini",
        )?;
        let mut mini_fat = Vec::new();
        for id in mf {
            let s = cfb.baca_sektor(id)?;
            mini_fat.extend(s.chunks_exact(4).map(|c| u32_di(c, 0)));
        }
        (mini_fat, akar_rantai)
    } else {
        (Vec::new(), Vec::new())
    };

    // The stream the library reads: "Workbook", else "Book".
    let cari = |n: &str| {
        entri
            .iter()
            .find(|(nama, _, _)| nama.as_bytes().eq_ignore_ascii_case(n.as_bytes()))
            .cloned()
    };
    let Some((_, awal, len)) = cari("Workbook").or_else(|| cari("Book")) else {
        return Err(rusak(label, "tidak ada aliran Workbook"));
    };
    let mut aliran = if len < BATAS_MINI {
        let rantai = cfb.rantai(
            awal,
            &mini_fat,
            maks_id.saturating_mul(8),
            SEKTOR_MINI,
            len,
            "Workbook",
        )?;
        // A mini sector is 64 bytes somewhere in the mini stream, which is
        // itself a chain of ordinary sectors.
        let mut potongan = Vec::with_capacity(rantai.len());
        for id in rantai {
            let off = u64::from(id) * SEKTOR_MINI;
            let Some(&s) = akar_rantai.get((off / sektor) as usize) else {
                return Err(rusak(label, "aliran Workbook di luar aliran mini"));
            };
            potongan.push(((u64::from(s) + 1) * sektor + off % sektor, SEKTOR_MINI));
        }
        let len = len.min(potongan.len() as u64 * SEKTOR_MINI);
        Aliran {
            potongan,
            per: SEKTOR_MINI,
            len,
            simpan: None,
        }
    } else {
        let rantai = cfb.rantai(awal, &cfb.fat, maks_id, sektor, len, "Workbook")?;
        let potongan: Vec<(u64, u64)> = rantai
            .iter()
            .map(|&s| ((u64::from(s) + 1) * sektor, sektor))
            .collect();
        let len = len.min(potongan.len() as u64 * sektor);
        Aliran {
            potongan,
            per: sektor,
            len,
            simpan: None,
        }
    };
    drop(cfb);
    periksa_biff(&mut file, &mut aliran, label)
}

/// One BIFF record: type and data.
fn rekaman(
    file: &mut File,
    aliran: &mut Aliran,
    off: u64,
    data: &mut Vec<u8>,
) -> Result<Option<u16>, String> {
    let mut kepala = [0u8; 4];
    if off + 4 > aliran.len {
        return Ok(None);
    }
    if !aliran
        .baca(file, off, &mut kepala)
        .map_err(|e| e.to_string())?
    {
        return Ok(None);
    }
    let jenis = u16_di(&kepala, 0);
    let len = usize::from(u16_di(&kepala, 2));
    data.resize(len, 0);
    if !aliran
        .baca(file, off + 4, data)
        .map_err(|e| e.to_string())?
    {
        return Err(format!("rekaman terpotong di posisi {off}"));
    }
    Ok(Some(jenis))
}

/// The bounding box of the cells one sheet would lay out.
#[derive(Default)]
struct Kotak {
    ada: bool,
    baris: (u32, u32),
    kolom: (u32, u32),
}

impl Kotak {
    fn tambah(&mut self, r: u32, c: u32) {
        if self.ada {
            self.baris = (self.baris.0.min(r), self.baris.1.max(r));
            self.kolom = (self.kolom.0.min(c), self.kolom.1.max(c));
        } else {
            *self = Kotak {
                ada: true,
                baris: (r, r),
                kolom: (c, c),
            };
        }
    }

    fn luas(&self) -> u64 {
        if !self.ada {
            return 0;
        }
        u64::from(self.baris.1 - self.baris.0 + 1) * u64::from(self.kolom.1 - self.kolom.0 + 1)
    }
}

fn periksa_biff(file: &mut File, aliran: &mut Aliran, label: &str) -> Result<(), FileError> {
    let salah = |m: String| rusak(label, m);
    let mut data = Vec::new();
    // The workbook globals: which sheets there are and where they start.
    let mut lembar: Vec<u64> = Vec::new();
    let mut off = 0u64;
    while let Some(jenis) = rekaman(file, aliran, off, &mut data).map_err(salah)? {
        off += 4 + data.len() as u64;
        match jenis {
            0x0085 => {
                if data.len() < 6 {
                    return Err(rusak(label, "rekaman lembar (BoundSheet) terlalu pendek"));
                }
                let pos = u64::from(u32_di(&data, 0));
                if pos > aliran.len {
                    return Err(rusak(label, "lembar mulai di luar aliran Workbook"));
                }
                lembar.push(pos);
                if lembar.len() > LEMBAR_MAKS {
                    return Err(limit(
                        label,
                        format!("lebih dari {} lembar kerja", ribuan(LEMBAR_MAKS as u64)),
                    ));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    // Each sheet as the library reads it: from its BOF to its EOF,
    // skipping embedded substreams (charts).
    let mut luas_total: u64 = 0;
    let mut dibaca: u64 = 0;
    for (nomor, &mulai) in lembar.iter().enumerate() {
        let mut sel = Kotak::default();
        let mut rumus = Kotak::default();
        let mut posisi_rumus = (0u32, 0u32);
        let mut bof_lembar = false;
        let mut dalam = 0usize;
        let mut off = mulai;
        while let Some(jenis) = rekaman(file, aliran, off, &mut data).map_err(salah)? {
            off += 4 + data.len() as u64;
            dibaca += 4 + data.len() as u64;
            // Sheets that overlap make the library read the same bytes
            // again and again; real files never do.
            if dibaca > aliran.len.saturating_mul(2) + 4096 {
                return Err(rusak(label, "lembar-lembar kerja saling tumpang tindih"));
            }
            if dalam > 0 {
                match jenis {
                    0x0809 => dalam += 1,
                    0x000A => dalam -= 1,
                    _ => {}
                }
                continue;
            }
            let sel_di = |d: &[u8]| {
                (d.len() >= 4).then(|| (u32::from(u16_di(d, 0)), u32::from(u16_di(d, 2))))
            };
            match jenis {
                0x0809 => {
                    if bof_lembar {
                        dalam += 1;
                    } else {
                        bof_lembar = true;
                    }
                }
                0x0200 => {
                    let (rf, rl, mut cf, cl) = match data.len() {
                        10 => (
                            u32::from(u16_di(&data, 0)),
                            u32::from(u16_di(&data, 2)),
                            u32::from(u16_di(&data, 4)),
                            u32::from(u16_di(&data, 6)),
                        ),
                        14 | 16 => (
                            u32_di(&data, 0),
                            u32_di(&data, 4),
                            u32::from(u16_di(&data, 8)),
                            u32::from(u16_di(&data, 10)),
                        ),
                        _ => continue,
                    };
                    if cf > 0xFF || cl < cf {
                        cf = 0;
                    }
                    // As the library reads it: last row/column exclusive.
                    let (akhir_r, akhir_c) = if rl >= 1 && cl >= 1 {
                        (rl - 1, cl - 1)
                    } else {
                        (rf, cf)
                    };
                    if akhir_r < rf || akhir_c < cf {
                        return Err(rusak(label, "rekaman ukuran lembar (DIMENSIONS) terbalik"));
                    }
                    let luas =
                        u64::from(akhir_r - rf + 1).saturating_mul(u64::from(akhir_c - cf + 1));
                    if luas > SEL_PADAT_XLS_MAKS {
                        return Err(terlalu_luas(label, nomor, luas));
                    }
                    if akhir_c >= KOLOM_MAKS {
                        return Err(terlalu_lebar(label, nomor, akhir_c));
                    }
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                    if let Some((r, c)) = sel_di(&data) {
                        sel.tambah(r, c);
                    }
                }
                0x0207 => sel.tambah(posisi_rumus.0, posisi_rumus.1),
                0x00BD => {
                    if data.len() < 6 {
                        continue;
                    }
                    let r = u32::from(u16_di(&data, 0));
                    let awal = u32::from(u16_di(&data, 2));
                    let akhir = u32::from(u16_di(&data, data.len() - 2));
                    if akhir < awal {
                        return Err(rusak(label, "rekaman MULRK terbalik"));
                    }
                    sel.tambah(r, awal);
                    sel.tambah(r, akhir);
                }
                0x0006 => {
                    if let Some((r, c)) = sel_di(&data) {
                        posisi_rumus = (r, c);
                        sel.tambah(r, c);
                        rumus.tambah(r, c);
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        if sel.ada && sel.kolom.1 >= KOLOM_MAKS {
            return Err(terlalu_lebar(label, nomor, sel.kolom.1));
        }
        // Every sheet of the file is in memory at once: values and
        // formulas, each as its own grid.
        luas_total = luas_total
            .saturating_add(sel.luas())
            .saturating_add(rumus.luas());
        if luas_total > SEL_PADAT_XLS_MAKS {
            return Err(terlalu_luas(label, nomor, luas_total));
        }
    }
    Ok(())
}

fn terlalu_luas(label: &str, nomor: usize, luas: u64) -> FileError {
    limit(
        label,
        format!(
            "lembar ke-{} membentang {} sel dari sel pertama sampai terakhir (batas {} untuk berkas .xls); simpan ulang sebagai .xlsx, yang dibaca baris demi baris",
            nomor + 1,
            ribuan(luas),
            ribuan(SEL_PADAT_XLS_MAKS)
        ),
    )
}

fn terlalu_lebar(label: &str, nomor: usize, kolom: u32) -> FileError {
    limit(
        label,
        format!(
            "lembar ke-{} memakai kolom ke-{}; paling banyak {} kolom dibaca: hapus isi kolom yang jauh di kanan lalu simpan ulang",
            nomor + 1,
            ribuan(u64::from(kolom) + 1),
            ribuan(u64::from(KOLOM_MAKS))
        ),
    )
}
