//! The page's only script: when the page holds an island, load the wasm once the browser is
//! idle and hydrate each island; a page without islands loads nothing at all. It replaces
//! Leptos' `HydrationScripts`, which always preloads the wasm (with the CSP nonce as its
//! `crossorigin` value) whether or not a page uses it.

use leptos::prelude::*;
use std::sync::OnceLock;

/// The loader, filled with the file names: after the module loads, `hydrate()` sets up the
/// reactive root, then each `<leptos-island>` calls its own export with its element.
/// `data-hydrated` on `<html>` tells browser tests (and curious developers) it is done.
const LOADER: &str = r#"(() => {
  const islands = document.querySelectorAll("leptos-island");
  if (islands.length === 0) return;
  const start = async () => {
    const mod = await import(__JS__);
    await mod.default({ module_or_path: __WASM__ });
    mod.hydrate();
    for (const island of islands) {
      const hydrate = mod[island.dataset.component];
      if (hydrate) await hydrate(island);
      else console.warn("No wasm export for island " + island.dataset.component);
    }
    document.documentElement.dataset.hydrated = "true";
  };
  if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 1);
})();"#;

/// `/pkg/<name>.<hash>.js` and `.wasm`, read once from the hash file beside the binary
/// (`hash-files = true`), or the plain names of an unhashed build.
fn asset_paths(options: &LeptosOptions) -> &'static (String, String) {
    static PATHS: OnceLock<(String, String)> = OnceLock::new();
    PATHS.get_or_init(|| {
        let name = options.output_name.to_string();
        let pkg = options.site_pkg_dir.to_string();
        let hashes = options
            .hash_files
            .then(|| {
                let exe = std::env::current_exe().ok()?;
                std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()
            })
            .flatten()
            .unwrap_or_default();
        let hash_of = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.split_once(':')?;
                (file.trim() == kind).then(|| format!(".{}", hash.trim()))
            })
        };
        let js = format!("/{pkg}/{name}{}.js", hash_of("js").unwrap_or_default());
        // Like Leptos: a build by cargo-leptos (which bakes in its output name) writes
        // `<name>.wasm`; any other build expects wasm-bindgen's own `<name>_bg.wasm`.
        let unhashed = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
            String::new()
        } else {
            "_bg".to_string()
        };
        let wasm = format!("/{pkg}/{name}{}.wasm", hash_of("wasm").unwrap_or(unhashed));
        (js, wasm)
    })
}

/// The inline loader script, with this response's CSP nonce.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Islands mode: the page is not hydrated as a whole, so nothing outside an island is
    // serialized for the browser.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = asset_paths(&options);
    let script = LOADER
        .replace("__JS__", &format!("{js:?}"))
        .replace("__WASM__", &format!("{wasm:?}"));
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce>{script}</script> }
}
