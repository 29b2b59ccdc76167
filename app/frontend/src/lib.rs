//! Hydrates the server-rendered page in the browser.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
    // Pages put in by the app from now on need none of their early scripts.
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("data-app", "1");
    }
}
