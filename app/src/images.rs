//! Cover images: an upload is decoded and encoded again as JPEG at the widths the pages use,
//! so what is served is always a plain picture this server made, never the bytes as sent.

use crate::model::article::{scaled_height, COVER_SMALL_WIDTH, COVER_WIDTH, IMAGE_MAX_BYTES};
use crate::model::form::Problem;
use crate::store::articles::ImageVariant;
use image::{imageops::FilterType, DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Side lengths and memory beyond any photo from a phone: a small file that claims a huge
/// picture is refused before it is decoded.
const MAX_SIDE: u32 = 12_000;
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
const JPEG_QUALITY: u8 = 82;

/// The stored variants of an uploaded file, largest first; `Problem` when it is too large or
/// not a JPEG, PNG or WebP picture. Decoding is slow: call it off the async runtime.
pub fn cover_variants(bytes: &[u8]) -> Result<Vec<ImageVariant>, Problem> {
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(Problem::FileTooLarge {
            max_mb: crate::model::article::IMAGE_MAX_MB,
        });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| Problem::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(Problem::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| Problem::NotAnImage)?;
    variants(&image).map_err(|_| Problem::NotAnImage)
}

/// The picture at the cover's widths (never wider than it is), as JPEG.
pub fn variants(image: &DynamicImage) -> Result<Vec<ImageVariant>, image::ImageError> {
    let (width, height) = (image.width(), image.height());
    let large = width.min(COVER_WIDTH);
    let small = width.min(COVER_SMALL_WIDTH);
    let mut widths = vec![large];
    if small < large {
        widths.push(small);
    }
    widths
        .into_iter()
        .map(|to_width| {
            let to_height = scaled_height(width, height, to_width);
            let scaled = if to_width == width {
                image.to_rgb8()
            } else {
                image
                    .resize_exact(to_width, to_height, FilterType::Triangle)
                    .to_rgb8()
            };
            let mut jpeg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
                .encode_image(&scaled)?;
            Ok(ImageVariant {
                width: to_width,
                height: scaled.height(),
                jpeg,
            })
        })
        .collect()
}

/// A soft diagonal gradient between two colours: the demo's covers, made in code.
pub fn gradient(width: u32, height: u32, from: [u8; 3], to: [u8; 3]) -> DynamicImage {
    let span = u64::from(width) + u64::from(height);
    let mix = |a: u8, b: u8, x: u32, y: u32| {
        let t = u64::from(x) + u64::from(y);
        let value = (u64::from(a) * (span - t) + u64::from(b) * t) / span.max(1);
        u8::try_from(value).unwrap_or(u8::MAX)
    };
    DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            mix(from[0], to[0], x, y),
            mix(from[1], to[1], x, y),
            mix(from[2], to[2], x, y),
        ])
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        gradient(width, height, [200, 40, 40], [40, 40, 200])
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap_or_default();
        out
    }

    #[test]
    fn an_upload_is_encoded_again_at_two_widths() {
        let variants = cover_variants(&png(2000, 1000)).unwrap_or_default();
        let sizes: Vec<(u32, u32)> = variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(1600, 800), (640, 320)]);
        for variant in &variants {
            assert_eq!(&variant.jpeg[..3], &[0xFF, 0xD8, 0xFF], "JPEG");
        }
    }

    #[test]
    fn a_small_picture_is_not_enlarged() {
        let variants = cover_variants(&png(300, 200)).unwrap_or_default();
        let sizes: Vec<(u32, u32)> = variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(300, 200)]);
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(
            cover_variants(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").err(),
            Some(Problem::NotAnImage)
        );
        assert_eq!(
            cover_variants(b"GIF89a....").err(),
            Some(Problem::NotAnImage)
        );
        let mut broken = png(50, 50);
        broken.truncate(60);
        assert_eq!(cover_variants(&broken).err(), Some(Problem::NotAnImage));
        assert_eq!(
            cover_variants(&vec![0; IMAGE_MAX_BYTES + 1]).err(),
            Some(Problem::FileTooLarge { max_mb: 5 })
        );
    }
}
