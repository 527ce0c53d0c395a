//! Where the site may send a browser back to: only a path on this site.

/// The longest path (with its query) followed back.
pub const MAX_LOCAL_PATH: usize = 2048;

/// `path` when it is a path on this site, otherwise `fallback`. Refused: anything not
/// starting with one `/` (so no `//host` or `https://…`), backslashes (browsers read `/\host`
/// as another host), control characters, and paths longer than [`MAX_LOCAL_PATH`].
pub fn local_path<'a>(path: &'a str, fallback: &'a str) -> &'a str {
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= MAX_LOCAL_PATH;
    if local {
        path
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            local_path("/plekken?soort=park", "/"),
            "/plekken?soort=park"
        );
        let long = format!("/{}", "a".repeat(MAX_LOCAL_PATH));
        for bad in [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "plekken",
            "/a\nb",
            long.as_str(),
        ] {
            assert_eq!(local_path(bad, "/account"), "/account", "{bad:?}");
        }
    }
}
