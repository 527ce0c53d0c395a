//! The Markdown renderer against a corpus of injection payloads.

#[path = "support/html_check.rs"]
mod html_check;

use app::markdown::render;
use html_check::{assert_safe, payloads};

#[test]
fn the_corpus_is_large_enough() {
    assert!(payloads().len() >= 50, "{} payloads", payloads().len());
}

#[test]
fn every_payload_renders_harmless_alone_in_text_and_as_a_link() {
    for payload in payloads() {
        assert_safe(&render(payload));
        assert_safe(&render(&format!(
            "Hallo buren,\n\n{payload}\n\n- een\n- twee *{payload}*"
        )));
        assert_safe(&render(&format!("[x]({payload})")));
        assert_safe(&render(&format!("[{payload}](https://ok.example)")));
    }
}

#[test]
fn the_check_itself_catches_what_it_must() {
    for bad in [
        r#"<img src="x" onerror="alert(1)">"#,
        r#"<a href="javascript:alert(1)">x</a>"#,
        r#"<a href="jav&#x09;ascript:alert(1)">x</a>"#,
        "<script>alert(1)</script>",
        r#"<p style="color:red">x</p>"#,
        r#"<a href="/relative">x</a>"#,
        "<p>unclosed <",
    ] {
        let caught = std::panic::catch_unwind(|| assert_safe(bad)).is_err();
        assert!(caught, "the check let {bad:?} through");
    }
    assert_safe(
        r#"<p>Hallo <strong>buren</strong> <a href="https://ok.example" rel="nofollow ugc noopener noreferrer">x</a></p>"#,
    );
}
