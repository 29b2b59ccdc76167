//! Form pieces: error and success notices for server actions.

use crate::error::AppError;
use leptos::prelude::*;

/// Shows the error of the last submission of an action, if it failed.
#[component]
pub fn ActionError<T, S>(value: S) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    move || match value.get() {
        Some(Err(e)) => Some(
            view! { <p class="notice notice-error" role="alert" data-testid="form-error">{e.to_string()}</p> },
        ),
        _ => None,
    }
}

/// Shows `message` after the last submission of an action succeeded.
#[component]
pub fn ActionSuccess<T, S>(value: S, message: &'static str) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    move || match value.get() {
        Some(Ok(_)) => {
            Some(view! { <p class="notice notice-ok" role="status" data-testid="form-ok">{message}</p> })
        }
        _ => None,
    }
}

/// The submit button of an action that cannot be undone. The first press only asks; the form is
/// sent by the "yes" button of the question. It is a `<details>` element, so it asks without
/// JavaScript too. Put it inside the form it submits.
#[component]
pub fn ConfirmSubmit(
    /// What the button says.
    label: &'static str,
    /// The question asked, saying what happens and that it cannot be undone.
    question: String,
    /// What the confirming button says.
    yes: &'static str,
    /// `data-testid` of the button; the confirming button gets `-yes` after it.
    testid: String,
    /// Styles the button as dangerous (red).
    #[prop(optional)]
    danger: bool,
    /// Name and value the confirming button sends with the form, if any.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] value: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let yes_id = format!("{testid}-yes");
    view! {
        <details class="confirm" prop:open=move || open.get()>
            <summary
                class="btn"
                class:btn-danger=danger
                data-testid=testid
                on:click=move |ev| {
                    ev.prevent_default();
                    open.update(|o| *o = !*o);
                }
            >
                {label}
            </summary>
            <div class="confirm-box" role="alertdialog" aria-label=label>
                <p>{question}</p>
                <div class="actions">
                    <button type="submit" class="btn btn-danger" name=name value=value data-testid=yes_id>{yes}</button>
                    <button type="button" class="btn" on:click=move |_| open.set(false)>"Huỷ"</button>
                </div>
            </div>
        </details>
    }
}

/// A file field labelled in Vietnamese whatever the browser's language: the native input (which
/// says "Choose File" on an English PC) is hidden behind a button, and the chosen file's name is
/// shown next to it.
#[component]
pub fn FilePicker(
    /// `data-testid` of the hidden input.
    testid: &'static str,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    view! {
        <div class="file-picker">
            <label class="btn">
                "Chọn tệp Excel (.xlsx) hoặc CSV…"
                <input
                    type="file" name="file" accept=".xlsx,.csv" required class="visually-hidden" data-testid=testid
                    on:change=move |ev| {
                        let path = event_target_value(&ev);
                        chosen.set(path.rsplit(['/', '\\']).next().unwrap_or_default().to_owned());
                    }
                />
            </label>
            <span class="muted" data-testid=format!("{testid}-name")>
                {move || if chosen.get().is_empty() { "Chưa chọn tệp nào.".to_owned() } else { chosen.get() }}
            </span>
        </div>
    }
}
