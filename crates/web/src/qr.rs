//! QR codes drawn as inline SVG (the `qrcode` crate): an invitation's
//! code, shown on the invited person's phone and scanned at the door.

use qrcode::QrCode;
use qrcode::render::svg;

/// The SVG of a QR code holding `teks`, scaled by its container; empty
/// when the text cannot be encoded (never for an invitation code).
pub(crate) fn svg(teks: &str) -> String {
    match QrCode::new(teks.as_bytes()) {
        Ok(k) => {
            let s = k
                .render::<svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build();
            // Inline in a page: without the XML declaration.
            s.find("<svg")
                .map(|i| s[i..].to_string())
                .unwrap_or_default()
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_invitation_code_draws_as_an_svg_qr() {
        let s = super::svg("ABCDE23456");
        assert!(s.starts_with("<svg"), "{s:.80}");
        assert!(s.len() > 500);
    }
}
