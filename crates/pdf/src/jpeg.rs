//! Just enough JPEG parsing to embed the bytes unchanged with DCTDecode.
//!
//! The image XObject must state the true pixel size and colour space, and a
//! viewer given inconsistent numbers shows garbage or nothing. So the frame
//! header of the JPEG itself is read rather than trusting the caller, and a
//! file the PDF cannot carry (CMYK, 12-bit, arithmetic coding, truncated
//! junk) is reported as not printable instead of producing a broken page.

/// What the frame header (SOFn) of a JPEG says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct InfoJpeg {
    pub lebar: u32,
    pub tinggi: u32,
    /// 1 (grayscale) or 3 (colour); nothing else is accepted.
    pub komponen: u8,
}

/// Reads the frame header, or `None` when the bytes are not a JPEG that
/// DCTDecode in every common viewer handles.
pub(crate) fn baca(data: &[u8]) -> Option<InfoJpeg> {
    if data.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut pos = 2;
    loop {
        if *data.get(pos)? != 0xFF {
            return None;
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while *data.get(pos)? == 0xFF {
            pos += 1;
        }
        let penanda = *data.get(pos)?;
        pos += 1;
        match penanda {
            // Markers without a length field.
            0x01 | 0xD0..=0xD7 => continue,
            // End of image or start of scan before any frame header.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let panjang = usize::from(u16::from_be_bytes([*data.get(pos)?, *data.get(pos + 1)?]));
        if panjang < 2 {
            return None;
        }
        match penanda {
            // Baseline, extended sequential and progressive Huffman: the
            // kinds PDF readers decode.
            0xC0..=0xC2 => {
                let sof = data.get(pos + 2..pos + panjang)?;
                let presisi = *sof.first()?;
                let tinggi = u16::from_be_bytes([*sof.get(1)?, *sof.get(2)?]);
                let lebar = u16::from_be_bytes([*sof.get(3)?, *sof.get(4)?]);
                let komponen = *sof.get(5)?;
                let didukung = presisi == 8 && tinggi > 0 && lebar > 0;
                return (didukung && matches!(komponen, 1 | 3)).then_some(InfoJpeg {
                    lebar: u32::from(lebar),
                    tinggi: u32::from(tinggi),
                    komponen,
                });
            }
            // Lossless, hierarchical and arithmetic-coded frames.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            _ => pos += panjang,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sof(penanda: u8, presisi: u8, tinggi: u16, lebar: u16, komponen: u8) -> Vec<u8> {
        let mut data = vec![0xFF, 0xD8];
        // An APP0 segment to skip first.
        data.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x06, b'J', b'F', b'I', b'F']);
        data.extend_from_slice(&[0xFF, 0xFF, penanda, 0x00, 8 + 3 * komponen, presisi]);
        data.extend_from_slice(&tinggi.to_be_bytes());
        data.extend_from_slice(&lebar.to_be_bytes());
        data.push(komponen);
        for i in 0..komponen {
            data.extend_from_slice(&[i + 1, 0x11, 0]);
        }
        data.extend_from_slice(&[0xFF, 0xD9]);
        data
    }

    #[test]
    fn membaca_ukuran_dan_komponen() {
        assert_eq!(
            baca(&sof(0xC0, 8, 480, 640, 3)),
            Some(InfoJpeg {
                lebar: 640,
                tinggi: 480,
                komponen: 3
            })
        );
        assert_eq!(
            baca(&sof(0xC2, 8, 10, 20, 1)),
            Some(InfoJpeg {
                lebar: 20,
                tinggi: 10,
                komponen: 1
            })
        );
    }

    #[test]
    fn menolak_yang_tidak_bisa_dicetak() {
        assert_eq!(baca(&sof(0xC0, 8, 480, 640, 4)), None, "CMYK");
        assert_eq!(baca(&sof(0xC0, 12, 480, 640, 3)), None, "12-bit");
        assert_eq!(baca(&sof(0xC9, 8, 480, 640, 3)), None, "arithmetic");
        assert_eq!(baca(&sof(0xC0, 8, 0, 640, 3)), None, "height in DNL");
        assert_eq!(baca(b""), None);
        assert_eq!(baca(b"\x00\x00\x00ftypheic"), None);
        let utuh = sof(0xC0, 8, 480, 640, 3);
        for n in 0..utuh.len() - 2 {
            // Truncated files must be rejected, never read out of bounds.
            let _ = baca(&utuh[..n]);
        }
        assert_eq!(baca(&utuh[..14]), None);
    }
}
