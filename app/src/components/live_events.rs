//! Subscribing a page to the server's change events (Server-Sent Events).

use leptos::prelude::*;

/// Calls `on_event` for every message from `url` until the page goes away. The browser's
/// EventSource reconnects on its own after a network loss.
pub fn subscribe(url: String, on_event: impl Fn() + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{JsCast, closure::Closure};
        let Ok(source) = web_sys::EventSource::new(&url) else { return };
        let handler =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| on_event());
        source.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        let source = send_wrapper::SendWrapper::new(source);
        on_cleanup(move || source.close());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, on_event);
}

/// A clock that counts down from `remaining_ms` (as of when the data arrived) on this device.
pub fn countdown(remaining_ms: i64, running: bool) -> RwSignal<i64> {
    let left = RwSignal::new(remaining_ms);
    #[cfg(feature = "hydrate")]
    if running {
        let loaded = js_sys::Date::now();
        if let Ok(handle) = set_interval_with_handle(
            move || left.set((remaining_ms as f64 - (js_sys::Date::now() - loaded)).max(0.0) as i64),
            std::time::Duration::from_millis(200),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = running;
    left
}
