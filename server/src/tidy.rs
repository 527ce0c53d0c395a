//! Clean addresses for filtered pages. A filter form sent without JavaScript names every
//! field, filled in or not (`/activiteiten?plek=linde&buurt=&soort=`); such an address is
//! answered with a redirect to the same filter without the empty fields, so what a resident
//! shares or bookmarks is short and says only what was chosen.

use axum::{
    extract::Request,
    http::Method,
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

/// The pages whose GET forms filter what they show, and the fields whose empty value means
/// something there: on the map an empty `buurt=` asks for the whole city instead of the
/// resident's own neighbourhood.
const FILTER_PAGES: [(&str, &[&str]); 4] = [
    ("/plekken", &[]),
    ("/activiteiten", &[]),
    ("/kaart", &["buurt"]),
    ("/artikelen", &[]),
];

/// The query without its empty `name=` pairs (except those named in `keep`) and stray `&`s,
/// if it had any.
pub fn tidy_query(query: &str, keep: &[&str]) -> Option<String> {
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let meaningful = pair
                .strip_suffix('=')
                .is_some_and(|name| keep.contains(&name));
            meaningful || (!pair.is_empty() && !pair.ends_with('=') && !pair.starts_with('='))
        })
        .collect();
    let tidy = kept.join("&");
    (tidy != query).then_some(tidy)
}

/// A page address without the error a refused form left in it (`__path` and `__err`, as
/// the server functions write them), if it had one.
pub fn without_form_error(location: &str) -> Option<String> {
    let (path, query) = location.split_once('?')?;
    let (query, fragment) = match query.split_once('#') {
        Some((query, fragment)) => (query, Some(fragment)),
        None => (query, None),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.starts_with("__path=") && !pair.starts_with("__err="))
        .collect();
    if kept.len() == query.split('&').count() {
        return None;
    }
    let mut clean = path.to_string();
    if !kept.is_empty() {
        clean.push('?');
        clean.push_str(&kept.join("&"));
    }
    if let Some(fragment) = fragment {
        clean.push('#');
        clean.push_str(fragment);
    }
    Some(clean)
}

pub async fn tidy_filter_query(request: Request, next: Next) -> Response {
    let page = FILTER_PAGES
        .iter()
        .find(|(path, _)| *path == request.uri().path());
    if let (true, Some((_, keep))) = (request.method() == Method::GET, page) {
        if let Some(tidy) = request.uri().query().and_then(|q| tidy_query(q, keep)) {
            let path = request.uri().path();
            let to = if tidy.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{tidy}")
            };
            return Redirect::to(&to).into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::{tidy_query, without_form_error};

    #[test]
    fn empty_fields_leave_the_address() {
        assert_eq!(
            tidy_query("plek=linde&buurt=&soort=", &[]),
            Some("plek=linde".into())
        );
        assert_eq!(
            tidy_query("q=&soort=&buurt=&kenmerk=", &[]),
            Some(String::new())
        );
        assert_eq!(tidy_query("q=koffie&=", &[]), Some("q=koffie".into()));
        assert_eq!(
            tidy_query("q=koffie&&open=1", &[]),
            Some("q=koffie&open=1".into())
        );
        assert_eq!(tidy_query("q=koffie&open=1", &[]), None);
        // A value that is only an encoded space is something typed; the page handles it.
        assert_eq!(tidy_query("q=%20", &[]), None);
    }

    #[test]
    fn a_success_leads_back_without_the_old_error() {
        assert_eq!(
            without_form_error("http://x/deur/1?__path=/api/x&__err=abc"),
            Some("http://x/deur/1".into())
        );
        assert_eq!(
            without_form_error("/moderatie?persoon=an&__path=/api/x&__err=abc#rollen"),
            Some("/moderatie?persoon=an#rollen".into())
        );
        assert_eq!(without_form_error("/moderatie?rol=gegeven"), None);
        assert_eq!(without_form_error("/account"), None);
    }

    #[test]
    fn an_empty_field_that_means_something_stays() {
        assert_eq!(
            tidy_query("q=&soort=&buurt=&kenmerk=", &["buurt"]),
            Some("buurt=".into())
        );
        assert_eq!(tidy_query("buurt=", &["buurt"]), None);
    }
}
