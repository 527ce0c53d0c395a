//! QR codes as inline SVG, for invite cards that are printed.

use qrcode::{render::svg, EcLevel, QrCode};

/// The SVG of a QR code for `text`; empty if the text does not fit a QR code.
pub fn svg(text: &str) -> String {
    match QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
        Err(error) => {
            tracing::error!(%error, "making a QR code failed");
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn makes_an_svg() {
        let svg = super::svg("http://127.0.0.1:3000/aanmelden?code=ABCDEFGH");
        assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
        assert!(!svg.contains("<script"));
    }
}
