//! Session tokens: random, sent once in an HttpOnly cookie, stored only as a hash.

use crate::token::SESSION_DAYS;

pub const SESSION_COOKIE: &str = "sessie";
/// The name over https: browsers accept a `__Host-` cookie only with Secure, Path=/ and no
/// Domain, so neither plain http nor a neighbouring subdomain can plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-sessie";

/// The cookie's name: `__Host-` prefixed when the site is served over https.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The session token the browser sent, under the one name this site uses.
pub fn token_from_headers(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    let wanted = cookie_name(secure);
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.trim().to_string())
        .filter(|value| !value.is_empty() && value.len() <= 64)
}

/// The `Set-Cookie` value that hands the browser its session.
pub fn cookie(token: &str, secure: bool) -> String {
    format!(
        "{}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        cookie_name(secure),
        SESSION_DAYS * 24 * 60 * 60,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that makes the browser forget its session.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_attributes() {
        let c = cookie("abc", false);
        assert!(c.starts_with("sessie=abc; Path=/;"));
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"));
        assert!(!c.contains("Secure"));
        assert!(cookie("abc", true).ends_with("; Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
        let secure = cookie("abc", true);
        assert!(secure.starts_with("__Host-sessie=abc; Path=/;") && !secure.contains("Domain"));
        assert!(clear_cookie(true).starts_with("__Host-sessie=;"));
    }

    #[test]
    fn token_is_read_from_cookie_header() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::COOKIE, "taal=nl; sessie=xyz".parse().unwrap());
        assert_eq!(token_from_headers(&headers, false).as_deref(), Some("xyz"));
        assert_eq!(token_from_headers(&headers, true), None);
        headers.insert(http::header::COOKIE, "mysessie=xyz".parse().unwrap());
        assert_eq!(token_from_headers(&headers, false), None);
        headers.insert(
            http::header::COOKIE,
            "sessie=plant; __Host-sessie=echt".parse().unwrap(),
        );
        assert_eq!(token_from_headers(&headers, true).as_deref(), Some("echt"));
    }
}
