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

/// A counter that goes up whenever `url` announces a change, for pages to key their data on.
/// While the user is typing in a field, the refresh waits until the field loses focus, so
/// re-rendering never swallows what they are typing.
pub fn refresh_on(url: &str) -> RwSignal<u64> {
    let changes = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    {
        let bump = deferred_bump(changes);
        subscribe(url.to_owned(), bump);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
    changes
}

/// A counter that goes up every `period` (with the same care for fields being typed in), for
/// progress figures that change too often to announce.
pub fn refresh_every(period: std::time::Duration) -> RwSignal<u64> {
    let changes = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    {
        let bump = deferred_bump(changes);
        if let Ok(handle) = set_interval_with_handle(bump, period) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = period;
    changes
}

/// Bumps `changes` now, or, while a form field has the focus, once no field has it any more.
#[cfg(feature = "hydrate")]
fn deferred_bump(changes: RwSignal<u64>) -> impl Fn() + Clone + 'static {
    let pending = StoredValue::new(false);
    let typing = || {
        document()
            .active_element()
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
    };
    let handle = window_event_listener(leptos::ev::focusout, move |_| {
        // Focus moves to the next element only after focusout: look once it has settled.
        set_timeout(
            move || {
                if pending.get_value() && !typing() {
                    pending.set_value(false);
                    changes.update(|c| *c += 1);
                }
            },
            std::time::Duration::from_millis(50),
        );
    });
    on_cleanup(move || handle.remove());
    move || {
        if typing() {
            pending.set_value(true);
        } else {
            changes.update(|c| *c += 1);
        }
    }
}
