//! The text of a directory search as LIKE patterns and an FTS5 query.

use super::like_pattern;

#[test]
fn like_wildcards_in_user_text_are_literal() {
    assert_eq!(like_pattern("koffie"), "%koffie%");
    assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
}

#[test]
fn search_terms_quote_long_words_and_keep_short_ones_for_like() {
    use super::search_terms;
    assert_eq!(search_terms("koffie"), (Some("\"koffie\"".into()), vec![]));
    assert_eq!(
        search_terms("  de  Linde "),
        (Some("\"Linde\"".into()), vec!["%de%".to_string()])
    );
    assert_eq!(
        search_terms("a\"b\"c NEAR(x"),
        (Some("\"a\"\"b\"\"c\" AND \"NEAR(x\"".into()), vec![])
    );
    assert_eq!(search_terms("5%"), (None, vec!["%5\\%%".to_string()]));
    assert_eq!(search_terms(""), (None, vec![]));
}
